// One indexed batch written atomically: headers, transfers, token events (token and governors),
// newly watched governors, the indexed range, the rollups of newly final blocks and the checkpoint,
// with bulk loading (COPY or unnest).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { indexedRanges, indexerCheckpoints, tokenEvents } from "../schema";
import { copyRows, pgClientOf } from "./copy";
import { advanceRollups } from "./rollups";
import { pgArray, rowsOf } from "./sql-arrays";
import { CheckpointConflictError } from "./indexer";
import { insertWatchedGovernors } from "./indexer-governors";
import type { Batch } from "@/lib/indexer/types";

export type BulkMode = "copy" | "unnest";

export type WriteBatchParams = {
  batch: Batch;
  bulk?: BulkMode;
  /** Highest block the rollups may cover (finalized). */
  finalizedBlock: bigint;
  headBlock: bigint;
  /** RPC errors seen since the last write; the stored count is cumulative. */
  rpcErrorsDelta: number;
  /** When given, milliseconds per step are added to it (bench:index's split of the time). */
  timings?: WriteTimings;
};

export type WriteTimings = {
  blocks: number;
  transfers: number;
  events: number;
  rollups: number;
  checkpoint: number;
};

export function emptyWriteTimings(): WriteTimings {
  return { blocks: 0, transfers: 0, events: 0, rollups: 0, checkpoint: 0 };
}

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
    const timed = async (step: keyof WriteTimings, run: () => Promise<void>) => {
      if (!p.timings) return run();
      const t0 = performance.now();
      await run();
      p.timings[step] += performance.now() - t0;
    };
    await timed("blocks", () => insertHeaders(tx, batch));
    await timed("transfers", () => insertTransfers(tx, batch, p.bulk ?? "unnest"));
    await timed("events", async () => {
      await insertTokenEvents(tx, batch);
      await insertWatchedGovernors(tx, { chainId: batch.chainId, governors: batch.newGovernors ?? [] });
    });
    const rollTo = p.finalizedBlock < batch.toBlock ? p.finalizedBlock : batch.toBlock;
    const rolledUp = rollTo > cp.rolledUpBlock ? rollTo : cp.rolledUpBlock;
    if (rolledUp > cp.rolledUpBlock)
      await timed("rollups", () =>
        advanceRollups(tx, { chainId: batch.chainId, from: cp.rolledUpBlock, to: rolledUp }),
      );
    const c0 = performance.now();
    await extendRange(tx, batch.chainId, batch.fromBlock, batch.toBlock);
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
    if (p.timings) p.timings.checkpoint += performance.now() - c0;
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

/** 12 bind parameters a row: chunks stay far below Postgres' 65,535 per statement. */
const TOKEN_EVENTS_PER_INSERT = 2_000;

/** Keyed by chain + tx + log index like transfers, so governor rows are as idempotent as the token's. */
async function insertTokenEvents(tx: Db, batch: Batch): Promise<void> {
  const time = new Map(batch.headers.map((h) => [h.number, new Date(h.timestamp * 1000)]));
  for (let i = 0; i < batch.tokenEvents.length; i += TOKEN_EVENTS_PER_INSERT) {
    await insertTokenEventRows(tx, batch, batch.tokenEvents.slice(i, i + TOKEN_EVENTS_PER_INSERT), time);
  }
}

async function insertTokenEventRows(
  tx: Db,
  batch: Batch,
  rows: Batch["tokenEvents"],
  time: Map<bigint, Date>,
): Promise<void> {
  await tx
    .insert(tokenEvents)
    .values(
      rows.map((e) => ({
        chainId: batch.chainId,
        blockNumber: e.blockNumber,
        blockTime: mustGet(time, e.blockNumber),
        txHash: e.txHash,
        logIndex: e.logIndex,
        emitter: e.emitter,
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

/** COPY where the server is a real Postgres; PGlite (also behind the demo's wire server) gets unnest. */
export async function detectBulkMode(db: Db, driver: "pg" | "pglite"): Promise<BulkMode> {
  if (driver === "pglite") return "unnest";
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select version() as v`));
  return row?.v.includes("PGlite") ? "unnest" : "copy";
}
