// The market follower's writes (issue #17): reserve sources and peg pools, one checkpoint each;
// a chunk of rows and its checkpoint in one transaction; rollback after a reorg.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import {
  marketCheckpoints,
  pegPools,
  poolSwaps,
  reserveReports,
  reserveSources,
  type DexKind,
  type MarketTarget,
  type ReserveSourceKind,
} from "../schema";
import { CheckpointConflictError } from "./indexer";
import type { PoolSwapRow, ReserveReportRow } from "@/lib/indexer/market/events";

export type ReserveSourceInput = {
  chainId: number;
  kind: ReserveSourceKind;
  address: Address;
  dataId?: string | null;
  decimals: number;
  label: string;
  startBlock: bigint;
};

export type PegPoolInput = {
  chainId: number;
  address: Address;
  dex: DexKind;
  token0: Address;
  token1: Address;
  usd1IsToken0: boolean;
  usd1Decimals: number;
  quoteSymbol: string;
  quoteDecimals: number;
  fee: number;
  label: string;
  startBlock: bigint;
};

/** Configures a reserve source (idempotent on chain + address + dataId); returns its id. */
export async function upsertReserveSource(db: Db, p: ReserveSourceInput): Promise<number> {
  const values = { ...p, address: p.address.toLowerCase() as Address, dataId: p.dataId?.toLowerCase() ?? null };
  const [found] = await db
    .select({ id: reserveSources.id })
    .from(reserveSources)
    .where(
      and(
        eq(reserveSources.chainId, p.chainId),
        eq(reserveSources.address, values.address),
        values.dataId === null ? sql`${reserveSources.dataId} is null` : eq(reserveSources.dataId, values.dataId),
      ),
    );
  if (found) return found.id;
  const [row] = await db.insert(reserveSources).values(values).returning({ id: reserveSources.id });
  return row!.id;
}

/** Configures a peg pool (idempotent on chain + address); returns its id. */
export async function upsertPegPool(db: Db, p: PegPoolInput): Promise<number> {
  const lc = (a: Address) => a.toLowerCase() as Address;
  const values = { ...p, address: lc(p.address), token0: lc(p.token0), token1: lc(p.token1) };
  const [row] = await db
    .insert(pegPools)
    .values(values)
    .onConflictDoUpdate({ target: [pegPools.chainId, pegPools.address], set: { label: values.label } })
    .returning({ id: pegPools.id });
  return row!.id;
}

export type MarketTargetRow =
  | { target: "reserve_source"; id: number; chainId: number; address: Address; startBlock: bigint; kind: ReserveSourceKind; decimals: number; dataId: string | null }
  | { target: "peg_pool"; id: number; chainId: number; address: Address; startBlock: bigint; dex: DexKind };

/** Every source and pool configured on a chain. */
export async function listMarketTargets(db: Db, chainId: number): Promise<MarketTargetRow[]> {
  const sources = await db.select().from(reserveSources).where(eq(reserveSources.chainId, chainId)).orderBy(reserveSources.id);
  const pools = await db.select().from(pegPools).where(eq(pegPools.chainId, chainId)).orderBy(pegPools.id);
  return [
    ...sources.map((s) => ({
      target: "reserve_source" as const,
      id: s.id,
      chainId,
      address: s.address,
      startBlock: s.startBlock,
      kind: s.kind,
      decimals: s.decimals,
      dataId: s.dataId,
    })),
    ...pools.map((p) => ({
      target: "peg_pool" as const,
      id: p.id,
      chainId,
      address: p.address,
      startBlock: p.startBlock,
      dex: p.dex,
    })),
  ];
}

type Key = { target: MarketTarget; targetId: number };
const keyOf = (k: Key) => and(eq(marketCheckpoints.target, k.target), eq(marketCheckpoints.targetId, k.targetId));

/** The target's checkpoint, created just before its start block on first use. */
export async function ensureMarketCheckpoint(db: Db, p: Key & { chainId: number; startBlock: bigint }) {
  await db
    .insert(marketCheckpoints)
    .values({ target: p.target, targetId: p.targetId, chainId: p.chainId, indexedBlock: p.startBlock - 1n })
    .onConflictDoNothing();
  const [cp] = await db.select().from(marketCheckpoints).where(keyOf(p));
  return cp!;
}

export type MarketChunk = Key & {
  chainId: number;
  fromBlock: bigint;
  toBlock: bigint;
  tipHash: Hash;
  /** Block timestamps (unix seconds) of every block with a row. */
  blockTimes: Map<bigint, number>;
  reports: ReserveReportRow[];
  swaps: PoolSwapRow[];
};

const at = (times: Map<bigint, number>, n: bigint) => {
  const t = times.get(n);
  if (t === undefined) throw new Error(`no timestamp for block ${n}`);
  return new Date(t * 1000);
};

/**
 * Writes a chunk and moves the target's checkpoint in one transaction. The checkpoint must sit
 * right before the chunk: a second writer or a logic error fails loudly instead of writing twice.
 */
export async function writeMarketChunk(db: Db, c: MarketChunk): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx.select().from(marketCheckpoints).where(keyOf(c)).for("update");
    if (!cp || cp.indexedBlock !== c.fromBlock - 1n) {
      throw new CheckpointConflictError(
        `${c.target} ${c.targetId}: checkpoint at ${cp?.indexedBlock ?? "none"}, chunk starts at ${c.fromBlock}`,
      );
    }
    if (c.reports.length > 0) {
      await tx.insert(reserveReports).values(
        c.reports.map((r) => ({
          sourceId: c.targetId,
          chainId: c.chainId,
          blockNumber: r.blockNumber,
          blockHash: r.blockHash,
          txHash: r.txHash,
          logIndex: r.logIndex,
          roundId: r.roundId,
          answer: r.answer,
          reservesWei: r.reservesWei,
          reportedAt: new Date(r.reportedAt * 1000),
          blockTime: at(c.blockTimes, r.blockNumber),
        })),
      );
    }
    for (let i = 0; i < c.swaps.length; i += 2_000) {
      await tx.insert(poolSwaps).values(
        c.swaps.slice(i, i + 2_000).map((s) => ({
          poolId: c.targetId,
          chainId: c.chainId,
          blockNumber: s.blockNumber,
          blockHash: s.blockHash,
          txHash: s.txHash,
          logIndex: s.logIndex,
          blockTime: at(c.blockTimes, s.blockNumber),
          sender: s.sender,
          recipient: s.recipient,
          amount0: s.amount0,
          amount1: s.amount1,
          sqrtPriceX96: s.sqrtPriceX96,
          liquidity: s.liquidity,
          tick: s.tick,
        })),
      );
    }
    await tx
      .update(marketCheckpoints)
      .set({ indexedBlock: c.toBlock, indexedBlockHash: c.tipHash, updatedAt: sql`now()` })
      .where(keyOf(c));
  });
}

/** Distinct (block, hash) of the target's stored rows above `above`, newest first. */
export async function listMarketRowBlocks(db: Db, p: Key & { above: bigint; limit: number }) {
  const table = p.target === "reserve_source" ? reserveReports : poolSwaps;
  const owner = p.target === "reserve_source" ? reserveReports.sourceId : poolSwaps.poolId;
  return db
    .selectDistinct({ number: table.blockNumber, hash: table.blockHash })
    .from(table)
    .where(and(eq(owner, p.targetId), gt(table.blockNumber, p.above)))
    .orderBy(desc(table.blockNumber))
    .limit(p.limit);
}

/** Drops the target's rows above the common ancestor and moves its checkpoint there. */
export async function rollbackMarketTarget(
  db: Db,
  p: Key & { ancestor: bigint; ancestorHash: Hash | null; depth: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.select().from(marketCheckpoints).where(keyOf(p)).for("update");
    if (p.target === "reserve_source") {
      await tx
        .delete(reserveReports)
        .where(and(eq(reserveReports.sourceId, p.targetId), gt(reserveReports.blockNumber, p.ancestor)));
    } else {
      await tx.delete(poolSwaps).where(and(eq(poolSwaps.poolId, p.targetId), gt(poolSwaps.blockNumber, p.ancestor)));
    }
    await tx
      .update(marketCheckpoints)
      .set({
        indexedBlock: p.ancestor,
        indexedBlockHash: p.ancestorHash,
        lastReorgAt: sql`now()`,
        lastReorgDepth: p.depth,
        updatedAt: sql`now()`,
      })
      .where(keyOf(p));
  });
}
