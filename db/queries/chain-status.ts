// Per chain: the indexer's checkpoint (indexed, finalized and head blocks, lag, errors) and the
// latest totalSupply() reconciliation.
import { asc, desc, sql } from "drizzle-orm";
import type { Db } from "../client";
import { blocks, indexerCheckpoints, supplyReconciliations } from "../schema";
import { listChains, onlyChain, outer, type ChainFilter, type ChainRef } from "./overview";

export type IndexerStatus = ChainRef & {
  /** Null fields below: the indexer has not written a checkpoint for this chain yet. */
  indexedBlock: bigint | null;
  rolledUpBlock: bigint | null;
  headBlock: bigint | null;
  finalizedBlock: bigint | null;
  /** head − indexed; null while the head is unknown. */
  lagBlocks: bigint | null;
  /** Timestamp of the latest stored block header at or below indexedBlock. */
  indexedBlockTime: Date | null;
  headSeenAt: Date | null;
  updatedAt: Date | null;
  rpcErrors: number;
  lastReorgAt: Date | null;
  lastReorgDepth: number | null;
};

/** A registered chain the indexer has not written a checkpoint for yet. */
const NOT_STARTED: Omit<IndexerStatus, keyof ChainRef> = {
  indexedBlock: null,
  rolledUpBlock: null,
  headBlock: null,
  finalizedBlock: null,
  lagBlocks: null,
  indexedBlockTime: null,
  headSeenAt: null,
  updatedAt: null,
  rpcErrors: 0,
  lastReorgAt: null,
  lastReorgDepth: null,
};

export async function getIndexerStatus(db: Db, params: ChainFilter = {}): Promise<IndexerStatus[]> {
  return onlyChain(await readIndexerStatus(db), params);
}

async function readIndexerStatus(db: Db): Promise<IndexerStatus[]> {
  const [chainList, rows] = await Promise.all([
    listChains(db),
    db
      .select({
        chainId: indexerCheckpoints.chainId,
        indexedBlock: indexerCheckpoints.indexedBlock,
        rolledUpBlock: indexerCheckpoints.rolledUpBlock,
        headBlock: indexerCheckpoints.headBlock,
        finalizedBlock: indexerCheckpoints.finalizedBlock,
        headSeenAt: indexerCheckpoints.headSeenAt,
        updatedAt: indexerCheckpoints.updatedAt,
        rpcErrors: indexerCheckpoints.rpcErrors,
        lastReorgAt: indexerCheckpoints.lastReorgAt,
        lastReorgDepth: indexerCheckpoints.lastReorgDepth,
        // Epoch milliseconds as text: exact and independent of each driver's timestamp parser.
        indexedBlockTimeMs: sql<string | null>`(select (extract(epoch from b.timestamp) * 1000)::bigint::text
          from ${blocks} b where b.chain_id = ${outer(indexerCheckpoints, indexerCheckpoints.chainId)}
          and b.number <= ${outer(indexerCheckpoints, indexerCheckpoints.indexedBlock)}
          order by b.number desc limit 1)`,
      })
      .from(indexerCheckpoints),
  ]);
  const byChain = new Map(rows.map((r) => [r.chainId, r]));
  return chainList.map((c): IndexerStatus => {
    const r = byChain.get(c.chainId);
    if (!r) return { ...c, ...NOT_STARTED };
    const { indexedBlockTimeMs, ...rest } = r;
    return {
      ...c,
      ...rest,
      lagBlocks: r.headBlock === null ? null : r.headBlock - r.indexedBlock,
      indexedBlockTime: indexedBlockTimeMs === null ? null : new Date(Number(indexedBlockTimeMs)),
    };
  });
}

export type Reconciliation = {
  chainId: number;
  blockNumber: bigint;
  indexedSupply: bigint;
  onchainSupply: bigint;
  /** indexed − on-chain; negative when the index is short. */
  difference: bigint;
  matches: boolean;
  checkedAt: Date;
};

/** Latest reconciliation (highest block) per chain, ordered by chain id. */
export async function getLatestReconciliations(db: Db, params: ChainFilter = {}): Promise<Reconciliation[]> {
  return onlyChain(await readLatestReconciliations(db), params);
}

async function readLatestReconciliations(db: Db): Promise<Reconciliation[]> {
  return db
    .selectDistinctOn([supplyReconciliations.chainId], {
      chainId: supplyReconciliations.chainId,
      blockNumber: supplyReconciliations.blockNumber,
      indexedSupply: supplyReconciliations.indexedSupply,
      onchainSupply: supplyReconciliations.onchainSupply,
      difference: supplyReconciliations.difference,
      matches: supplyReconciliations.matches,
      checkedAt: supplyReconciliations.checkedAt,
    })
    .from(supplyReconciliations)
    .orderBy(
      asc(supplyReconciliations.chainId),
      desc(supplyReconciliations.blockNumber),
      desc(supplyReconciliations.id),
    );
}
