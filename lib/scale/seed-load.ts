/**
 * The two ways seed:large writes a generated history (lib/scale/history.ts) into Postgres:
 *
 * - `loadPerDay`: as the live indexer writes it, one `writeBatch` per chain-day (headers, transfers by
 *   COPY, token events, that day's rollups and the checkpoint in one transaction).
 * - `loadBulk`: the same rows COPYed in chunks of many days (transfers, blocks and token events, each
 *   chunk in one transaction with the indexed range and the checkpoint, rollups held back), then the
 *   indexer's own rollup code (`advanceRollups`, as `writeBatch` calls it: in the transaction that
 *   moves `rolled_up_block`) once per chain over the whole range, after fresh statistics.
 *
 * Both leave the same rows in every table (lib/scale/seed-load.int.test.ts compares them); the bulk
 * one is the fast one. Setup shared by both: `prepareSeed`.
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, sql } from "drizzle-orm";
import type pg from "pg";
import copyStreams from "pg-copy-streams";
import type { Db } from "@/db/client";
import { pgClientOf } from "@/db/queries/copy";
import { ensureChain } from "@/db/queries/indexer";
import { writeBatch } from "@/db/queries/indexer-batch";
import { advanceRollups, deferHolderRollups, rebuildHolderRollups } from "@/db/queries/rollups";
import { seedRegistry } from "@/db/queries/registry";
import { analyzeTables } from "@/db/queries/scale";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { indexedRanges, indexerCheckpoints } from "@/db/schema";
import { demoWatchlist } from "@/lib/monitoring/demo/index-seed";
import type { Batch } from "@/lib/indexer/types";
import { generateHistory, SCALE_TOKEN, scaleRegistry, type HistoryParams } from "./history";

/** Registry (entities, attributed addresses, deposit addresses), the demo watchlist and one checkpoint per chain. */
export async function prepareSeed(db: Db, params: HistoryParams): Promise<{ registryRows: number }> {
  const { registry } = scaleRegistry(params);
  await seedRegistry(db, { entities: registry.entities, addresses: registry.addresses });
  await importWatchlistRows(db, { rows: demoWatchlist(registry), actor: null, source: "seed:large" });
  for (const c of params.chains) {
    await ensureChain(db, {
      chainId: c.chainId,
      name: c.name,
      tokenAddress: SCALE_TOKEN,
      startBlock: 1n,
      confirmations: 0,
    });
  }
  return { registryRows: registry.addresses.length };
}

// ---- per day, through writeBatch ----

/** The tables grow from nothing: statistics early and now and then keep the rollups on their indexes. */
const ANALYZE_AFTER_DAYS = new Set([0, 2, 6, 14, 30, ...Array.from({ length: 60 }, (_, i) => 60 * (i + 1))]);

/** One writeBatch per chain-day of `params.emit` (all chains when absent); transfers written. */
export async function loadPerDay(
  db: Db,
  params: HistoryParams,
  onDay?: (dayIndex: number, rows: number) => void,
): Promise<number> {
  const { registry, deposits } = scaleRegistry(params);
  let rows = 0;
  for (const { batch, dayIndex } of generateHistory(params, registry, deposits)) {
    await writeBatch(db, {
      batch,
      bulk: "copy",
      finalizedBlock: batch.toBlock,
      headBlock: batch.toBlock,
      rpcErrorsDelta: 0,
    });
    rows += batch.transfers.length;
    if (ANALYZE_AFTER_DAYS.has(dayIndex)) await analyzeTables(db);
    onDay?.(dayIndex, rows);
  }
  return rows;
}

// ---- bulk: COPY in chunks, then the rollups over the whole range ----

export type BulkTimings = { copyMs: number; analyzeMs: number; rollupsMs: number };

export type BulkLoadParams = {
  /** Days of history per COPY transaction and chain (default 30). */
  chunkDays?: number;
  /** A chunk also ends at the first day boundary past this many transfers (default 250,000): memory stays flat at 10M. */
  chunkRows?: number;
  /** Progress after each chunk: the last day written and the transfers so far. */
  onChunk?: (dayIndex: number, rows: number) => void;
};

/**
 * COPYs every chain's history in chunks of `chunkDays` (one transaction per chain and chunk, the
 * chains' chunks written concurrently while the next chunk is generated), then rolls each chain up
 * over its whole range through `advanceRollups`. `db` should have a pool of at least one
 * connection per chain for the writes to overlap.
 */
export async function loadBulk(
  db: Db,
  params: HistoryParams,
  p: BulkLoadParams = {},
): Promise<{ rows: number; timings: BulkTimings }> {
  const chunkDays = p.chunkDays ?? 30;
  const chunkRows = p.chunkRows ?? 250_000;
  let chunkStartRows = 0;
  const { registry, deposits } = scaleRegistry(params);
  const pendingBatches = new Map<number, Batch[]>();
  let inFlight: Promise<unknown> = Promise.resolve();
  let rows = 0;
  let lastDay = -1;
  const t0 = performance.now();

  const flush = async (dayIndex: number) => {
    const chunks = [...pendingBatches.values()].filter((b) => b.length > 0);
    pendingBatches.clear();
    await inFlight;
    const written = rows;
    inFlight = Promise.all(chunks.map((batches) => writeChunk(db, batches))).then(() =>
      p.onChunk?.(dayIndex, written),
    );
  };

  for (const { batch, dayIndex } of generateHistory(params, registry, deposits)) {
    if (dayIndex !== lastDay) {
      if (lastDay >= 0 && (dayIndex % chunkDays === 0 || rows - chunkStartRows >= chunkRows)) {
        await flush(lastDay);
        chunkStartRows = rows;
      }
      lastDay = dayIndex;
      // Let the COPY streams of the previous chunk move while this one is generated.
      await yieldToLoop();
    }
    const list = pendingBatches.get(batch.chainId) ?? [];
    list.push(batch);
    pendingBatches.set(batch.chainId, list);
    rows += batch.transfers.length;
  }
  await flush(lastDay);
  await inFlight;
  const copyMs = performance.now() - t0;

  // Fresh statistics before the rollups read: their anti-joins on token_events go quadratic without.
  const a0 = performance.now();
  await db.execute(sql`analyze`);
  const analyzeMs = performance.now() - a0;

  const r0 = performance.now();
  const chainIds = params.chains.map((c) => c.chainId).filter((id) => !params.emit || params.emit.has(id));
  await Promise.all(chainIds.map((chainId) => rollUpAll(db, chainId)));
  // Folded row by row, every address of a whole chain cost more than the balances upsert itself.
  await rebuildHolderRollups(db);
  return { rows, timings: { copyMs, analyzeMs, rollupsMs: performance.now() - r0 } };
}

/** Everything indexed on the chain rolled up, in the transaction that moves rolled_up_block (as writeBatch). */
async function rollUpAll(db: Db, chainId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select({
        indexedBlock: indexerCheckpoints.indexedBlock,
        rolledUpBlock: indexerCheckpoints.rolledUpBlock,
      })
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, chainId))
      .for("update");
    if (!cp) throw new Error(`chain ${chainId}: no checkpoint`);
    if (cp.indexedBlock <= cp.rolledUpBlock) return;
    // Holder rollups rebuilt once both chains are rolled up (loadBulk).
    await deferHolderRollups(tx);
    await advanceRollups(tx, { chainId, from: cp.rolledUpBlock, to: cp.indexedBlock });
    await tx
      .update(indexerCheckpoints)
      .set({ rolledUpBlock: cp.indexedBlock, updatedAt: sql`now()` })
      .where(eq(indexerCheckpoints.chainId, chainId));
  });
}

const TRANSFER_COLUMNS =
  "chain_id, block_number, block_time, tx_hash, log_index, from_address, to_address, amount, kind";
const BLOCK_COLUMNS = "chain_id, number, hash, parent_hash, timestamp";
const EVENT_COLUMNS =
  "chain_id, block_number, block_time, tx_hash, log_index, emitter, kind, actor, subject, counterparty, amount, args";

/**
 * Consecutive batches of one chain in one transaction: COPY of their headers, transfers and token
 * events, the indexed range extended and the checkpoint moved to the last batch (rollups untouched).
 */
async function writeChunk(db: Db, batches: Batch[]): Promise<void> {
  const first = batches[0] as Batch;
  const last = batches[batches.length - 1] as Batch;
  const chainId = first.chainId;
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select({ indexedBlock: indexerCheckpoints.indexedBlock })
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, chainId))
      .for("update");
    if (!cp || cp.indexedBlock !== first.fromBlock - 1n)
      throw new Error(
        `chain ${chainId}: checkpoint at ${cp?.indexedBlock ?? "none"}, chunk starts at ${first.fromBlock}`,
      );
    const client = pgClientOf(tx);
    if (!client) throw new Error("seed:large's bulk load needs node-postgres (COPY)");
    const c = String(chainId);
    const times = blockTimes(batches);
    await copyLines(client, "blocks", BLOCK_COLUMNS, function* () {
      for (const [i, b] of batches.entries()) {
        const time = times[i] as Map<bigint, string>;
        for (const h of b.headers)
          yield `${c}\t${h.number}\t${h.hash}\t${h.parentHash}\t${mustGet(time, h.number)}\n`;
      }
    });
    await copyLines(client, "transfers", TRANSFER_COLUMNS, function* () {
      for (const [i, b] of batches.entries()) {
        const time = times[i] as Map<bigint, string>;
        for (const x of b.transfers)
          yield `${c}\t${x.blockNumber}\t${mustGet(time, x.blockNumber)}\t${x.txHash}\t${x.logIndex}\t${x.from}\t${x.to}\t${x.amount}\t${x.kind}\n`;
      }
    });
    await copyLines(client, "token_events", EVENT_COLUMNS, function* () {
      for (const [i, b] of batches.entries()) {
        const time = times[i] as Map<bigint, string>;
        for (const e of b.tokenEvents)
          yield (
            [
              c,
              String(e.blockNumber),
              mustGet(time, e.blockNumber),
              e.txHash,
              String(e.logIndex),
              e.emitter,
              e.kind,
              nullable(e.actor),
              nullable(e.subject),
              nullable(e.counterparty),
              e.amount === null ? "\\N" : String(e.amount),
              escapeCopy(JSON.stringify(e.args)),
            ].join("\t") + "\n"
          );
      }
    });
    const extended = await tx
      .update(indexedRanges)
      .set({ toBlock: last.toBlock })
      .where(and(eq(indexedRanges.chainId, chainId), eq(indexedRanges.toBlock, first.fromBlock - 1n)))
      .returning({ fromBlock: indexedRanges.fromBlock });
    if (extended.length === 0)
      await tx.insert(indexedRanges).values({ chainId, fromBlock: first.fromBlock, toBlock: last.toBlock });
    await tx
      .update(indexerCheckpoints)
      .set({
        indexedBlock: last.toBlock,
        indexedBlockHash: last.tip.hash,
        headBlock: last.toBlock,
        finalizedBlock: last.toBlock,
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, chainId));
  });
}

/** COPY FROM STDIN (text format) of generated lines, sent ~256 KB at a time. */
async function copyLines(
  client: pg.PoolClient,
  table: string,
  columns: string,
  lines: () => Generator<string>,
): Promise<void> {
  async function* chunks() {
    let buf = "";
    for (const line of lines()) {
      buf += line;
      if (buf.length >= 262_144) {
        yield buf;
        buf = "";
      }
    }
    if (buf.length > 0) yield buf;
  }
  const stream = client.query(copyStreams.from(`copy ${table} (${columns}) from stdin`));
  await pipeline(Readable.from(chunks()), stream);
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
let isoDay = Number.NaN;
let isoPrefix = "";

/** UTC ISO 8601 of whole unix seconds (Date#toISOString per row was the COPY's hot spot in Node). */
function iso(unixSeconds: number): string {
  const day = Math.floor(unixSeconds / 86_400);
  if (day !== isoDay) {
    isoDay = day;
    isoPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const s = unixSeconds - day * 86_400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${isoPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s % 60]}Z`;
}

/** Each batch's block times as text, once for the blocks, transfers and token events of a chunk. */
function blockTimes(batches: Batch[]): Map<bigint, string>[] {
  return batches.map((b) => new Map(b.headers.map((h) => [h.number, iso(h.timestamp)])));
}

function nullable(v: string | null | undefined): string {
  return v === null || v === undefined ? "\\N" : escapeCopy(v);
}

/** COPY text format: backslash, tab, newline and carriage return escaped. */
function escapeCopy(v: string): string {
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : v;
}

function mustGet<K, V>(m: Map<K, V>, k: K): V {
  const v = m.get(k);
  if (v === undefined) throw new Error(`missing header for block ${String(k)}`);
  return v;
}
