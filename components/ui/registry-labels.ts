// Display names for registry enums; shared by server pages and client forms (no server imports).
import type { AddressTag, EntityKind as Kind, LicenceStatus as Licence } from "@/db/schema/registry";
import { formatCountry } from "@/lib/format";
import type { BadgeTone } from "./badge";

export const KIND_LABELS: Record<Kind, string> = {
  issuer: "Issuer",
  exchange: "Exchange",
  remittance_provider: "Remittance provider",
  bank: "Bank",
  wallet_provider: "Wallet provider",
  bridge: "Bridge",
  other: "Other",
};

export const LICENCE_LABELS: Record<Licence, string> = {
  licensed: "Licensed",
  unlicensed: "Unlicensed",
  pending: "Pending",
  revoked: "Revoked",
  unknown: "Unknown",
};

/** Unlicensed and revoked are what a supervisor looks for; the word carries it, colour reinforces. */
export const LICENCE_TONES: Record<Licence, BadgeTone> = {
  licensed: "success",
  unlicensed: "danger",
  pending: "warning",
  revoked: "danger",
  unknown: "neutral",
};

export const TAG_LABELS: Record<AddressTag, string> = {
  treasury: "Treasury",
  bridge: "Bridge",
  sanctioned: "Sanctioned",
  high_risk: "High risk",
  hot_wallet: "Hot wallet",
  customer: "Customer",
};

export type Option = { value: string; label: string };

export const KIND_OPTIONS: Option[] = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
export const LICENCE_OPTIONS: Option[] = Object.entries(LICENCE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** "Pakistan (PK)", sorted by name: for selects. */
export function countryOptions(codes: readonly string[]): Option[] {
  return codes
    .map((code) => ({ value: code, label: `${formatCountry(code)} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}
