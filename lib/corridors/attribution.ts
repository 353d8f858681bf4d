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

export type TransferSides = { chainId: number; from: string; to: string };

export type CorridorAttribution = {
  /** ISO 3166-1 alpha-2 of the sender's entity, or "ZZ" (unattributed, never guessed). */
  origin: string;
  destination: string;
  /** Both sides attributed to the same entity. */
  intra: boolean;
  /** Either side tagged `bridge` (a pool hop, not a payment). */
  bridge: boolean;
  /** Counted in adjusted volume: neither intra-entity nor bridge. */
  adjusted: boolean;
};

function countryOf(row: AttributedAddress | undefined): string {
  return row && row.entityId !== null && row.country ? row.country : UNATTRIBUTED;
}

export function attributeTransfer(t: TransferSides, lookup: RegistryLookup): CorridorAttribution {
  const from = lookup(t.chainId, t.from.toLowerCase());
  const to = lookup(t.chainId, t.to.toLowerCase());
  const intra = from?.entityId != null && to?.entityId != null && from.entityId === to.entityId;
  const bridge = Boolean(from?.tags.includes("bridge") || to?.tags.includes("bridge"));
  return {
    origin: countryOf(from),
    destination: countryOf(to),
    intra,
    bridge,
    adjusted: !intra && !bridge,
  };
}

export type CorridorTotals = {
  transferCount: number;
  volume: bigint;
  adjustedCount: number;
  adjustedVolume: bigint;
  /** Intra-entity volume that is not also a bridge hop (bridge wins, as in the rollup). */
  intraEntityVolume: bigint;
  bridgeVolume: bigint;
};

export function emptyCorridorTotals(): CorridorTotals {
  return {
    transferCount: 0,
    volume: 0n,
    adjustedCount: 0,
    adjustedVolume: 0n,
    intraEntityVolume: 0n,
    bridgeVolume: 0n,
  };
}

/** Adds one plain transfer to a corridor's totals, with the rollup's exclusion rules. */
export function addToCorridor(acc: CorridorTotals, a: CorridorAttribution, amount: bigint): CorridorTotals {
  return {
    transferCount: acc.transferCount + 1,
    volume: acc.volume + amount,
    adjustedCount: acc.adjustedCount + (a.adjusted ? 1 : 0),
    adjustedVolume: acc.adjustedVolume + (a.adjusted ? amount : 0n),
    intraEntityVolume: acc.intraEntityVolume + (a.intra && !a.bridge ? amount : 0n),
    bridgeVolume: acc.bridgeVolume + (a.bridge ? amount : 0n),
  };
}

/** "AE→PK": map key for a corridor. */
export function corridorKey(origin: string, destination: string): string {
  return `${origin}→${destination}`;
}
