// Building blocks for rule parameter schemas. Parameters are stored as JSON (wei as decimal
// strings, so no precision is lost) and parsed into typed values (bigint) when a rule runs.
import { z } from "zod";
import { ADDRESS_TAGS, ENTITY_KINDS, type AddressTag, type EntityKind } from "@/db/schema/registry";

export const WEI_PER_USD = 10n ** 18n;

/** Integer wei as a decimal string (JSON) → bigint. */
export const weiParam = z
  .string()
  .regex(/^\d{1,78}$/, "an integer amount in wei (decimal digits)")
  .transform((s) => BigInt(s));

export const secondsParam = z
  .number()
  .int()
  .positive()
  .max(10 * 365 * 86_400);

/** Basis points: 10000 = 100%. */
export const bpsParam = z.number().int().min(1).max(10_000);

export const countParam = z.number().int().min(1).max(1_000_000);

export const entityKindsParam = z.array(z.enum(ENTITY_KINDS)).max(ENTITY_KINDS.length);
export const tagsParam = z.array(z.enum(ADDRESS_TAGS)).max(ADDRESS_TAGS.length);

export const addressListParam = z
  .array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 0x-prefixed 20-byte address"))
  .max(1_000)
  .transform((a) => a.map((x) => x.toLowerCase()));

export const countryListParam = z
  .array(z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2, upper case"))
  .max(300);

/** JSON form of a USD amount at 1 USD1 = 1 USD = 10^18 wei. */
export function usdWei(usd: number): string {
  return (BigInt(usd) * WEI_PER_USD).toString();
}

export const DAY = 86_400;

/**
 * Transfers below the dust floor are not flows (R3, R7): address poisoning sends a wallet a few
 * wei, or a zero-value transfer, to plant a lookalike counterparty in its history; such a log
 * must neither wake a wallet nor count as money received.
 */
export const DUST_FLOOR_WEI = usdWei(1);

/**
 * Attributed businesses (VASPs, banks, the issuer, bridges) run omnibus hot wallets whose
 * everyday flows look like structuring, pass-through and fan-in; behavioural rules watch
 * unattributed wallets and "other" entities unless an admin narrows this list.
 */
export const BUSINESS_KINDS: EntityKind[] = [
  "issuer",
  "exchange",
  "remittance_provider",
  "bank",
  "wallet_provider",
  "bridge",
];

/** Issuance and bridge plumbing: never a customer's behaviour. */
export const PLUMBING_TAGS: AddressTag[] = ["treasury", "bridge"];

/** The exemption parameters of the behavioural rules: senders of these entity kinds or tags are skipped. */
export const exemptionParams = { exemptEntityKinds: entityKindsParam, exemptTags: tagsParam };

/** Their default: businesses (paying and being paid by many parties is their job) and the token's plumbing. */
export const BUSINESS_EXEMPTIONS = { exemptEntityKinds: BUSINESS_KINDS, exemptTags: PLUMBING_TAGS };
