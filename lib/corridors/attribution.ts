// The corridor attribution rules as plain TypeScript: the reference the SQL in
// db/queries/rollups.ts (corridorAttribution) is tested against, and what the e2e suite uses to
// recompute a corridor's figures from the demo plan. The database path never calls this.
import { UNATTRIBUTED } from "@/db/schema/rollups";

/** One registry row as the rules see it: the address's entity (if any) on that chain, and its tags. */
export type AttributedAddress = {
  entityId: string | number | null;
  /** Country of the entity; ignored when entityId is null. */
  country: string | null;
  tags: readonly string[];
};

/** Registry lookup per chain and lower-case address; undefined = not listed. */
export type RegistryLookup = (chainId: number, address: string) => AttributedAddress | undefined;

/** The watched TokenGovernors (watched_governors), as governorKey(chainId, address) strings. */
export type GovernorSet = ReadonlySet<string>;

export function governorKey(chainId: number, address: string): string {
  return `${chainId}:${address.toLowerCase()}`;
}

const NO_GOVERNORS: GovernorSet = new Set();

export type TransferSides = {
  chainId: number;
  from: string;
  to: string;
  /** The transaction holds a governor BridgeMint or BridgeBurn (a CCIP mint or burn). */
  bridgeTx?: boolean;
};

/**
 * The raw tests of each category. In the totals they apply in the order bridge, primary,
 * intra-entity (first match wins): `adjusted` is true when none holds.
 */
export type CorridorAttribution = {
  /** ISO 3166-1 alpha-2 of the sender's entity, or "ZZ" (unattributed, never guessed). */
  origin: string;
  destination: string;
  /** Both sides attributed to the same entity. */
  intra: boolean;
  /** Either side tagged `bridge`, or a governor bridge mint/burn in the transaction: a pool hop. */
  bridge: boolean;
  /**
   * Primary market: either side is a watched governor or tagged `treasury` (the issuer's
   * distributions and redemptions, not payments).
   */
  primary: boolean;
  /** Counted in adjusted volume: neither intra-entity, bridge nor primary. */
  adjusted: boolean;
};

function countryOf(row: AttributedAddress | undefined): string {
  return row && row.entityId !== null && row.country ? row.country : UNATTRIBUTED;
}

export function attributeTransfer(
  t: TransferSides,
  lookup: RegistryLookup,
  governors: GovernorSet = NO_GOVERNORS,
): CorridorAttribution {
  const fromAddr = t.from.toLowerCase();
  const toAddr = t.to.toLowerCase();
  const from = lookup(t.chainId, fromAddr);
  const to = lookup(t.chainId, toAddr);
  const tagged = (tag: string) => Boolean(from?.tags.includes(tag) || to?.tags.includes(tag));
  const intra = from?.entityId != null && to?.entityId != null && from.entityId === to.entityId;
  const bridge = tagged("bridge") || t.bridgeTx === true;
  const governorSide =
    governors.has(governorKey(t.chainId, fromAddr)) || governors.has(governorKey(t.chainId, toAddr));
  const primary = governorSide || tagged("treasury");
  return {
    origin: countryOf(from),
    destination: countryOf(to),
    intra,
    bridge,
    primary,
    adjusted: !intra && !bridge && !primary,
  };
}

export type CorridorTotals = {
  transferCount: number;
  volume: bigint;
  adjustedCount: number;
  adjustedVolume: bigint;
  /** Intra-entity volume that is neither a bridge hop nor primary market (bridge, then primary, win). */
  intraEntityVolume: bigint;
  bridgeVolume: bigint;
  primaryCount: number;
  primaryVolume: bigint;
};

export function emptyCorridorTotals(): CorridorTotals {
  return {
    transferCount: 0,
    volume: 0n,
    adjustedCount: 0,
    adjustedVolume: 0n,
    intraEntityVolume: 0n,
    bridgeVolume: 0n,
    primaryCount: 0,
    primaryVolume: 0n,
  };
}

/**
 * Adds one plain transfer to a corridor's totals, with the rollup's exclusion rules: each transfer
 * counts in exactly one of adjusted, bridge, primary (unless bridge) and intra-entity (unless
 * either), so the volume is their sum.
 */
export function addToCorridor(acc: CorridorTotals, a: CorridorAttribution, amount: bigint): CorridorTotals {
  return {
    transferCount: acc.transferCount + 1,
    volume: acc.volume + amount,
    adjustedCount: acc.adjustedCount + (a.adjusted ? 1 : 0),
    adjustedVolume: acc.adjustedVolume + (a.adjusted ? amount : 0n),
    intraEntityVolume: acc.intraEntityVolume + (a.intra && !a.primary && !a.bridge ? amount : 0n),
    bridgeVolume: acc.bridgeVolume + (a.bridge ? amount : 0n),
    primaryCount: acc.primaryCount + (a.primary && !a.bridge ? 1 : 0),
    primaryVolume: acc.primaryVolume + (a.primary && !a.bridge ? amount : 0n),
  };
}

/** "AE→PK": map key for a corridor. */
export function corridorKey(origin: string, destination: string): string {
  return `${origin}→${destination}`;
}
