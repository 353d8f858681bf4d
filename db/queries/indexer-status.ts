// The indexer status view: per chain, what getIndexerStatus and getLatestReconciliations
// (db/queries/chain-status.ts) report, plus the chain's configuration, its indexed ranges (more than one
// means a gap), reconciliation totals and an estimate of the lag in time.
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../client";
import { blocks, chains, indexedRanges, supplyReconciliations } from "../schema/chain";
import {
  getIndexerStatus,
  getLatestReconciliations,
  type IndexerStatus,
  type Reconciliation,
} from "./chain-status";
import type { ChainFilter } from "./overview";

export type IndexedRange = { fromBlock: bigint; toBlock: bigint };

export type ChainIndexerView = IndexerStatus & {
  tokenAddress: Address | null;
  startBlock: bigint | null;
  confirmations: number | null;
  /** Ascending; empty before the first batch, more than one when blocks are missing between. */
  ranges: IndexedRange[];
  /** Mean block interval on the chain's own clock (stored headers); null with fewer than two. */
  avgBlockMs: number | null;
  /** lagBlocks × avgBlockMs; 0 when caught up; null when either is unknown. An estimate. */
  lagMs: number | null;
  latestReconciliation: Reconciliation | null;
  reconciliationCount: number;
  mismatchCount: number;
};

export async function getIndexerStatusView(db: Db, params: ChainFilter = {}): Promise<ChainIndexerView[]> {
  // Sequential: a handful of small reads, and PGlite serves one query at a time anyway.
  const statuses = await getIndexerStatus(db, params);
  const recs = await getLatestReconciliations(db, params);
  const config = await db
    .select({
      chainId: chains.chainId,
      tokenAddress: chains.tokenAddress,
      startBlock: chains.startBlock,
      confirmations: chains.confirmations,
    })
    .from(chains);
  const ranges = await db
    .select({
      chainId: indexedRanges.chainId,
      fromBlock: indexedRanges.fromBlock,
      toBlock: indexedRanges.toBlock,
    })
    .from(indexedRanges)
    .orderBy(asc(indexedRanges.chainId), asc(indexedRanges.fromBlock));
  const recCounts = await db
    .select({
      chainId: supplyReconciliations.chainId,
      total: sql<number>`count(*)::int`,
      mismatches: sql<number>`(count(*) filter (where not ${supplyReconciliations.matches}))::int`,
    })
    .from(supplyReconciliations)
    .groupBy(supplyReconciliations.chainId);

  const out: ChainIndexerView[] = [];
  for (const s of statuses) {
    const cfg = config.find((c) => c.chainId === s.chainId);
    const counts = recCounts.find((c) => c.chainId === s.chainId);
    const avgBlockMs = await getAverageBlockMs(db, { chainId: s.chainId });
    out.push({
      ...s,
      tokenAddress: cfg?.tokenAddress ?? null,
      startBlock: cfg?.startBlock ?? null,
      confirmations: cfg?.confirmations ?? null,
      ranges: ranges
        .filter((r) => r.chainId === s.chainId)
        .map((r) => ({ fromBlock: r.fromBlock, toBlock: r.toBlock })),
      avgBlockMs,
      lagMs: estimateLagMs(s.lagBlocks, avgBlockMs),
      latestReconciliation: recs.find((r) => r.chainId === s.chainId) ?? null,
      reconciliationCount: Number(counts?.total ?? 0),
      mismatchCount: Number(counts?.mismatches ?? 0),
    });
  }
  return out;
}

/**
 * The head block's own time is not stored (only headers of blocks with our logs are), so the
 * lag in time is estimated from the lag in blocks and the chain's mean block interval.
 */
export function estimateLagMs(lagBlocks: bigint | null, avgBlockMs: number | null): number | null {
  if (lagBlocks === null) return null;
  if (lagBlocks <= 0n) return 0;
  if (avgBlockMs === null) return null;
  return Number(lagBlocks) * avgBlockMs;
}

/** (last − first stored header time) / (last − first number); two index lookups, not a scan. */
export async function getAverageBlockMs(db: Db, params: { chainId: number }): Promise<number | null> {
  const edge = (order: typeof asc) =>
    db
      .select({
        number: blocks.number,
        ms: sql<string>`(extract(epoch from ${blocks.timestamp}) * 1000)::bigint::text`,
      })
      .from(blocks)
      .where(eq(blocks.chainId, params.chainId))
      .orderBy(order(blocks.number))
      .limit(1);
  const [first] = await edge(asc);
  const [last] = await edge(desc);
  if (!first || !last || last.number <= first.number) return null;
  return (Number(last.ms) - Number(first.ms)) / Number(last.number - first.number);
}
