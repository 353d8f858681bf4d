import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import {
  blocks,
  chains,
  indexedRanges,
  indexerCheckpoints,
  supplyReconciliations,
  tokenEvents,
  transfers,
} from "../schema";
import { copyRows, pgClientOf } from "./copy";
import { withdrawAlertsAbove } from "./monitoring-alerts";
import { advanceRollups } from "./rollups";
import { pgArray, rowsOf } from "./sql-arrays";
import type { Batch } from "@/lib/indexer/types";

export type EnsureChainParams = {
  chainId: number;
  name: string;
  tokenAddress: Address;
  startBlock: bigint;
  confirmations: number;
};

export type Checkpoint = typeof indexerCheckpoints.$inferSelect;

/**
 * Registers a chain and its checkpoint on first run; on later runs checks that the settings
 * still describe the same deployment and returns the stored checkpoint (resume point).
 */
export async function ensureChain(db: Db, p: EnsureChainParams): Promise<Checkpoint> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(chains).where(eq(chains.chainId, p.chainId)).for("update");
    if (existing) {
      if (existing.tokenAddress !== p.tokenAddress) {
        throw new ChainConfigError(
          `chain ${p.chainId} is already indexed for token ${existing.tokenAddress}, not ${p.tokenAddress}`,
        );
      }
      if (p.startBlock < existing.startBlock) {
        throw new ChainConfigError(
          `chain ${p.chainId} was indexed from block ${existing.startBlock}; --from-block ${p.startBlock} is earlier (use a fresh database)`,
        );
      }
      if (existing.confirmations !== p.confirmations || existing.name !== p.name) {
        await tx
          .update(chains)
          .set({ confirmations: p.confirmations, name: p.name })
          .where(eq(chains.chainId, p.chainId));
      }
    } else {
      await tx.insert(chains).values({
        chainId: p.chainId,
        name: p.name,
        tokenAddress: p.tokenAddress,
        startBlock: p.startBlock,
        confirmations: p.confirmations,
      });
      await tx.insert(indexerCheckpoints).values({
        chainId: p.chainId,
        indexedBlock: p.startBlock - 1n,
        rolledUpBlock: p.startBlock - 1n,
      });
    }
    const [cp] = await tx.select().from(indexerCheckpoints).where(eq(indexerCheckpoints.chainId, p.chainId));
    if (!cp) throw new ChainConfigError(`checkpoint for chain ${p.chainId} is missing`);
    return cp;
  });
}

export class ChainConfigError extends Error {
  override name = "ChainConfigError";
}

export class CheckpointConflictError extends Error {
  override name = "CheckpointConflictError";
}

/** How transfers are bulk-loaded: COPY on Postgres (measured fastest), unnest on PGlite. */
export type BulkMode = "copy" | "unnest";

export type WriteBatchParams = {
  batch: Batch;
  bulk?: BulkMode;
  /** Highest block the rollups may cover (finalized). */
  finalizedBlock: bigint;
  headBlock: bigint;
  /** RPC errors seen since the last write; the stored count is cumulative. */
  rpcErrorsDelta: number;
};

/**
 * Writes one batch and moves the checkpoint in the same transaction, so a crash at any moment
 * leaves either all of it or none. The checkpoint must sit right before the batch (no gap, no
 * overlap); a second writer or a logic error fails loudly instead of writing twice.
 */
export async function writeBatch(db: Db, p: WriteBatchParams): Promise<void> {
  const { batch } = p;
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select({
        indexedBlock: indexerCheckpoints.indexedBlock,
        rolledUpBlock: indexerCheckpoints.rolledUpBlock,
      })
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, batch.chainId))
      .for("update");
    if (!cp || cp.indexedBlock !== batch.fromBlock - 1n) {
      throw new CheckpointConflictError(
        `chain ${batch.chainId}: checkpoint at ${cp?.indexedBlock ?? "none"}, batch starts at ${batch.fromBlock}`,
      );
    }
    await insertHeaders(tx, batch);
    await insertTransfers(tx, batch, p.bulk ?? "unnest");
    await insertTokenEvents(tx, batch);
    await extendRange(tx, batch.chainId, batch.fromBlock, batch.toBlock);
    const rollTo = p.finalizedBlock < batch.toBlock ? p.finalizedBlock : batch.toBlock;
    const rolledUp = rollTo > cp.rolledUpBlock ? rollTo : cp.rolledUpBlock;
    if (rolledUp > cp.rolledUpBlock)
      await advanceRollups(tx, { chainId: batch.chainId, from: cp.rolledUpBlock, to: rolledUp });
    await tx
      .update(indexerCheckpoints)
      .set({
        indexedBlock: batch.toBlock,
        indexedBlockHash: batch.tip.hash,
        rolledUpBlock: rolledUp,
        headBlock: p.headBlock,
        finalizedBlock: p.finalizedBlock,
        rpcErrors: sql`${indexerCheckpoints.rpcErrors} + ${p.rpcErrorsDelta}`,
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, batch.chainId));
  });
}

async function insertHeaders(tx: Db, batch: Batch): Promise<void> {
  if (batch.headers.length === 0) return;
  const h = batch.headers;
  await tx.execute(sql`
    insert into blocks (chain_id, number, hash, parent_hash, timestamp)
    select ${batch.chainId}, * from unnest(
      ${pgArray(
        h.map((x) => x.number),
        "int8[]",
      )},
      ${pgArray(
        h.map((x) => x.hash),
        "text[]",
      )},
      ${pgArray(
        h.map((x) => x.parentHash),
        "text[]",
      )},
      ${pgArray(
        h.map((x) => new Date(x.timestamp * 1000).toISOString()),
        "timestamptz[]",
      )})
    on conflict (chain_id, number) do update
      set hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp`);
}

const TRANSFER_COLUMNS = [
  "chain_id",
  "block_number",
  "block_time",
  "tx_hash",
  "log_index",
  "from_address",
  "to_address",
  "amount",
  "kind",
];

/**
 * No ON CONFLICT is needed on the COPY path: the checkpoint check above guarantees this range was
 * never written, and the primary key would turn any logic error into a failed (rolled back) batch.
 */
async function insertTransfers(tx: Db, batch: Batch, bulk: BulkMode): Promise<void> {
  const t = batch.transfers;
  if (t.length === 0) return;
  const time = new Map(batch.headers.map((h) => [h.number, new Date(h.timestamp * 1000).toISOString()]));
  const client = bulk === "copy" ? pgClientOf(tx) : undefined;
  if (client) {
    const rows = t.map((x) => [
      String(batch.chainId),
      x.blockNumber.toString(),
      mustGet(time, x.blockNumber),
      x.txHash,
      String(x.logIndex),
      x.from,
      x.to,
      x.amount.toString(),
      x.kind,
    ]);
    await copyRows(client, "transfers", TRANSFER_COLUMNS, rows);
    return;
  }
  await tx.execute(sql`
    insert into transfers (chain_id, block_number, block_time, tx_hash, log_index, from_address, to_address, amount, kind)
    select ${batch.chainId}, * from unnest(
      ${pgArray(
        t.map((x) => x.blockNumber),
        "int8[]",
      )},
      ${pgArray(
        t.map((x) => mustGet(time, x.blockNumber)),
        "timestamptz[]",
      )},
      ${pgArray(
        t.map((x) => x.txHash),
        "text[]",
      )},
      ${pgArray(
        t.map((x) => x.logIndex),
        "int4[]",
      )},
      ${pgArray(
        t.map((x) => x.from),
        "text[]",
      )},
      ${pgArray(
        t.map((x) => x.to),
        "text[]",
      )},
      ${pgArray(
        t.map((x) => x.amount),
        "numeric[]",
      )},
      ${pgArray(
        t.map((x) => x.kind),
        "text[]",
      )})
    on conflict (chain_id, tx_hash, log_index) do nothing`);
}

async function insertTokenEvents(tx: Db, batch: Batch): Promise<void> {
  if (batch.tokenEvents.length === 0) return;
  const time = new Map(batch.headers.map((h) => [h.number, new Date(h.timestamp * 1000)]));
  await tx
    .insert(tokenEvents)
    .values(
      batch.tokenEvents.map((e) => ({
        chainId: batch.chainId,
        blockNumber: e.blockNumber,
        blockTime: mustGet(time, e.blockNumber),
        txHash: e.txHash,
        logIndex: e.logIndex,
        kind: e.kind,
        actor: e.actor,
        subject: e.subject,
        counterparty: e.counterparty,
        amount: e.amount,
        args: e.args,
      })),
    )
    .onConflictDoNothing();
}

/** Keeps indexed block ranges merged: a batch that continues a range extends it; anything else is a gap. */
async function extendRange(tx: Db, chainId: number, from: bigint, to: bigint): Promise<void> {
  const extended = await tx
    .update(indexedRanges)
    .set({ toBlock: to })
    .where(and(eq(indexedRanges.chainId, chainId), eq(indexedRanges.toBlock, from - 1n)))
    .returning({ fromBlock: indexedRanges.fromBlock });
  if (extended.length === 0) await tx.insert(indexedRanges).values({ chainId, fromBlock: from, toBlock: to });
}

function mustGet<K, V>(m: Map<K, V>, k: K): V {
  const v = m.get(k);
  if (v === undefined) throw new Error(`missing header for block ${String(k)}`);
  return v;
}

export type AdvanceCheckpointParams = {
  chainId: number;
  headBlock: bigint;
  finalizedBlock: bigint;
  rpcErrorsDelta: number;
};

/** Follow mode with no new logs: rolls finalized blocks into the rollups and records the head. */
export async function advanceFinalized(db: Db, p: AdvanceCheckpointParams): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select()
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, p.chainId))
      .for("update");
    if (!cp) throw new CheckpointConflictError(`no checkpoint for chain ${p.chainId}`);
    const target = p.finalizedBlock < cp.indexedBlock ? p.finalizedBlock : cp.indexedBlock;
    if (target > cp.rolledUpBlock)
      await advanceRollups(tx, { chainId: p.chainId, from: cp.rolledUpBlock, to: target });
    await tx
      .update(indexerCheckpoints)
      .set({
        rolledUpBlock: target > cp.rolledUpBlock ? target : cp.rolledUpBlock,
        headBlock: p.headBlock,
        finalizedBlock: p.finalizedBlock,
        headSeenAt: sql`now()`,
        rpcErrors: sql`${indexerCheckpoints.rpcErrors} + ${p.rpcErrorsDelta}`,
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, p.chainId));
  });
}

export async function getCheckpoint(db: Db, chainId: number): Promise<Checkpoint | undefined> {
  const [cp] = await db.select().from(indexerCheckpoints).where(eq(indexerCheckpoints.chainId, chainId));
  return cp;
}

/** Stored headers above `above`, newest first: the provisional tail a reorg check walks. */
export async function listStoredHeaders(db: Db, p: { chainId: number; above: bigint; limit: number }) {
  return db
    .select({ number: blocks.number, hash: blocks.hash })
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), gt(blocks.number, p.above)))
    .orderBy(sql`${blocks.number} desc`)
    .limit(p.limit);
}

/** Newest stored header at or below `block` (the final boundary a node must agree with). */
export async function getNewestStoredHeaderAtOrBelow(db: Db, p: { chainId: number; block: bigint }) {
  const [b] = await db
    .select({ number: blocks.number, hash: blocks.hash })
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), lte(blocks.number, p.block)))
    .orderBy(sql`${blocks.number} desc`)
    .limit(1);
  return b;
}

export async function getStoredHeader(db: Db, p: { chainId: number; number: bigint }) {
  const [b] = await db
    .select()
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), eq(blocks.number, p.number)));
  return b;
}

export type RollbackParams = {
  chainId: number;
  ancestor: bigint;
  /** Null when the ancestor holds none of our logs (its hash is not stored). */
  ancestorHash: Hash | null;
  depth: number;
};

/**
 * Drops everything above the common ancestor after a reorg. Rollups never cover provisional
 * blocks, so only raw rows go; the caller has refused any ancestor below the rolled-up block.
 */
export async function rollbackToBlock(db: Db, p: RollbackParams): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select()
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, p.chainId))
      .for("update");
    if (!cp) throw new CheckpointConflictError(`no checkpoint for chain ${p.chainId}`);
    if (p.ancestor < cp.rolledUpBlock) {
      throw new CheckpointConflictError(
        `refusing rollback of chain ${p.chainId} to ${p.ancestor}: blocks up to ${cp.rolledUpBlock} are final`,
      );
    }
    const above = (
      col: typeof transfers.blockNumber | typeof tokenEvents.blockNumber | typeof blocks.number,
    ) => gt(col, p.ancestor);
    await tx.delete(transfers).where(and(eq(transfers.chainId, p.chainId), above(transfers.blockNumber)));
    await tx
      .delete(tokenEvents)
      .where(and(eq(tokenEvents.chainId, p.chainId), above(tokenEvents.blockNumber)));
    await tx.delete(blocks).where(and(eq(blocks.chainId, p.chainId), above(blocks.number)));
    await tx
      .delete(indexedRanges)
      .where(and(eq(indexedRanges.chainId, p.chainId), gt(indexedRanges.fromBlock, p.ancestor)));
    await tx
      .update(indexedRanges)
      .set({ toBlock: p.ancestor })
      .where(and(eq(indexedRanges.chainId, p.chainId), gt(indexedRanges.toBlock, p.ancestor)));
    await tx
      .update(indexerCheckpoints)
      .set({
        indexedBlock: p.ancestor,
        indexedBlockHash: p.ancestorHash,
        lastReorgAt: sql`now()`,
        lastReorgDepth: p.depth,
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, p.chainId));
    // Alerts resting on the dropped blocks are withdrawn (visibly), not deleted.
    await withdrawAlertsAbove(tx, { chainId: p.chainId, ancestor: p.ancestor, reason: "reorg" });
  });
}

/** Σmint − Σburn up to and including `block`: rollups up to rolled_up_block plus raw rows above it. */
export async function getIndexedSupply(db: Db, p: { chainId: number; block: bigint }): Promise<bigint> {
  const res = await db.execute(sql`
    with cp as (select rolled_up_block from indexer_checkpoints where chain_id = ${p.chainId})
    select
      coalesce((select sum(minted - burned) from daily_supply where chain_id = ${p.chainId}), 0)
      + coalesce((select sum(case when kind = 'mint' then amount else -amount end)
          from transfers, cp
          where chain_id = ${p.chainId} and kind <> 'transfer'
            and block_number > cp.rolled_up_block and block_number <= ${p.block}), 0) as supply,
      (select rolled_up_block from cp) as rolled_up_block`);
  const [row] = rowsOf<{ supply: string; rolled_up_block: string }>(res);
  if (!row) throw new Error(`no checkpoint for chain ${p.chainId}`);
  if (BigInt(row.rolled_up_block) > p.block) {
    throw new Error(
      `cannot compute supply at ${p.block}: rollups already cover block ${row.rolled_up_block}`,
    );
  }
  return BigInt(row.supply);
}

export type InsertReconciliationParams = {
  chainId: number;
  blockNumber: bigint;
  indexedSupply: bigint;
  onchainSupply: bigint;
};

export async function insertReconciliation(db: Db, p: InsertReconciliationParams) {
  const difference = p.indexedSupply - p.onchainSupply;
  const [row] = await db
    .insert(supplyReconciliations)
    .values({ ...p, difference, matches: difference === 0n })
    .onConflictDoUpdate({
      target: [supplyReconciliations.chainId, supplyReconciliations.blockNumber],
      set: {
        indexedSupply: p.indexedSupply,
        onchainSupply: p.onchainSupply,
        difference,
        matches: difference === 0n,
        checkedAt: sql`now()`,
      },
    })
    .returning();
  return row;
}

export async function recordRpcErrors(db: Db, p: { chainId: number; rpcErrorsDelta: number }): Promise<void> {
  await db
    .update(indexerCheckpoints)
    .set({ rpcErrors: sql`${indexerCheckpoints.rpcErrors} + ${p.rpcErrorsDelta}` })
    .where(eq(indexerCheckpoints.chainId, p.chainId));
}

/** COPY where the server is a real Postgres; PGlite (also behind the demo's wire server) gets unnest. */
export async function detectBulkMode(db: Db, driver: "pg" | "pglite"): Promise<BulkMode> {
  if (driver === "pglite") return "unnest";
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select version() as v`));
  return row?.v.includes("PGlite") ? "unnest" : "copy";
}
