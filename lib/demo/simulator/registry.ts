/**
 * The demo's address registry: who owns which address, in which country, under which licence.
 *
 * Addresses are derived from the seed (keccak256 of a label, last 20 bytes): nobody holds their keys and
 * nobody needs to, because the demo anvil nodes auto-impersonate every sender. Customer wallets are
 * deliberately left out of the rows to seed: unattributed volume must stay unattributed.
 */
import { keccak256, stringToHex, type Address } from "viem";
import type { AddressTag, EntityKind, LicenceStatus } from "@/db/schema/registry";
import { DEMO_GOVERNOR } from "../chains";
import { createRng } from "./prng";
import {
  DESTINATION_CATALOG,
  ISSUER_NAME,
  SOURCE_CATALOG,
  type CatalogEntry,
  type SourceGroup,
} from "./registry-catalog";

export type SimEntity = { name: string; kind: EntityKind; country: string; licenceStatus: LicenceStatus };

/** One registry row: the same address is listed once per chain it is registered on. */
export type SimAddress = {
  chainId: number;
  address: Address;
  entityName: string | null;
  label: string | null;
  tags: AddressTag[];
};

/** An entity that takes part in the traffic, with its hot wallets. */
export type Participant = SimEntity & { weight: number; wallets: Address[] };
export type SourceParticipant = Participant & { group: SourceGroup };

export type Registry = {
  seed: string;
  chainIds: number[];
  entities: SimEntity[];
  addresses: SimAddress[];
  /** The issuer treasury: the token owner, which mints to and burns from its own balance. */
  treasury: Address;
  sanctioned: Address;
  highRisk: Address;
  /** Remittance senders outside Pakistan. */
  sources: SourceParticipant[];
  /** Receivers in Pakistan. */
  destinations: Participant[];
  /** Unattributed wallets (no registry row) used by everyday traffic. */
  customers: Address[];
  /** Unattributed wallets kept out of everyday traffic, for the planted patterns. */
  reserved: Address[];
};

export type BuildRegistryOptions = {
  chainIds: number[];
  /** Everyday customer wallets; default 400. */
  customerCount?: number;
  /** Wallets held back for planted patterns; default 32. */
  reservedCount?: number;
};

const DEFAULT_CUSTOMERS = 400;
const DEFAULT_RESERVED = 32;

/** Deterministic pseudo-address for a label: last 20 bytes of keccak256("usd1-demo:<seed>:<label>"). */
export function deriveAddress(seed: string, label: string): Address {
  const digest = keccak256(stringToHex(`usd1-demo:${seed}:${label}`));
  return `0x${digest.slice(-40)}` as Address;
}

function toParticipant(seed: string, entry: CatalogEntry, walletCount: number): Participant {
  const wallets = Array.from({ length: walletCount }, (_, i) =>
    deriveAddress(seed, `entity:${entry.name}:${i}`),
  );
  return {
    name: entry.name,
    kind: entry.kind,
    country: entry.country,
    licenceStatus: entry.licenceStatus,
    weight: entry.weight,
    wallets,
  };
}

function entityRows(p: Participant, chainIds: number[]): SimAddress[] {
  // A wallet provider's addresses are omnibus customer accounts; everyone else runs hot wallets.
  const tags: AddressTag[] = p.kind === "wallet_provider" ? ["hot_wallet", "customer"] : ["hot_wallet"];
  return chainIds.flatMap((chainId) =>
    p.wallets.map((address, i) => ({
      chainId,
      address,
      entityName: p.name,
      label: `${p.name} hot wallet ${i + 1}`,
      tags: [...tags],
    })),
  );
}

export function buildRegistry(seed: string | number, opts: BuildRegistryOptions): Registry {
  const seedText = String(seed);
  const chainIds = [...new Set(opts.chainIds)];
  if (chainIds.length === 0) throw new Error("buildRegistry: chainIds must not be empty");
  const rng = createRng(seedText).fork("registry");
  // Two or three hot wallets per entity, so intra-entity moves exist.
  const sources = SOURCE_CATALOG.map((e) => ({
    ...toParticipant(seedText, e, rng.int(2, 4)),
    group: e.group,
  }));
  const destinations = DESTINATION_CATALOG.map((e) => toParticipant(seedText, e, rng.int(2, 4)));

  const treasury = deriveAddress(seedText, "issuer:treasury");
  const sanctioned = deriveAddress(seedText, "list:sanctioned");
  const highRisk = deriveAddress(seedText, "list:high-risk");
  const issuer: SimEntity = { name: ISSUER_NAME, kind: "issuer", country: "US", licenceStatus: "licensed" };

  const entities: SimEntity[] = [issuer, ...sources, ...destinations].map((e) => ({
    name: e.name,
    kind: e.kind,
    country: e.country,
    licenceStatus: e.licenceStatus,
  }));
  const listed: SimAddress[] = chainIds.flatMap((chainId) => [
    { chainId, address: treasury, entityName: ISSUER_NAME, label: "USD1 issuer treasury (minter and burner)", tags: ["treasury"] },
    { chainId, address: DEMO_GOVERNOR, entityName: ISSUER_NAME, label: "USD1 TokenGovernor (token owner)", tags: ["treasury"] },
    { chainId, address: sanctioned, entityName: null, label: "OFAC SDN list (demo entry)", tags: ["sanctioned"] },
    { chainId, address: highRisk, entityName: null, label: "Mixer deposit address (demo)", tags: ["high_risk"] },
  ]); // prettier-ignore
  const addresses = [...listed, ...[...sources, ...destinations].flatMap((p) => entityRows(p, chainIds))];

  const customerCount = opts.customerCount ?? DEFAULT_CUSTOMERS;
  const reservedCount = opts.reservedCount ?? DEFAULT_RESERVED;
  const customers = Array.from({ length: customerCount }, (_, i) => deriveAddress(seedText, `customer:${i}`));
  const reserved = Array.from({ length: reservedCount }, (_, i) => deriveAddress(seedText, `reserved:${i}`));
  return {
    seed: seedText,
    chainIds,
    entities,
    addresses,
    treasury,
    sanctioned,
    highRisk,
    sources,
    destinations,
    customers,
    reserved,
  };
}

/** Entity name of an address, or null when it is unattributed (customers, lists). */
export function entityOf(registry: Registry): Map<Address, SimEntity> {
  const byAddress = new Map<Address, SimEntity>();
  const issuer = registry.entities.find((e) => e.kind === "issuer");
  if (issuer) byAddress.set(registry.treasury, issuer);
  for (const p of [...registry.sources, ...registry.destinations])
    for (const w of p.wallets) byAddress.set(w, p);
  return byAddress;
}
