// npm run seed:large -- [--transfers 10000000] [--days 730] [--database-url URL] [--seed S] [--force]
//   [--keep-indexes] [--per-day] [--chunk-days 30]
// Fills a Postgres database with two years of synthetic history on both demo chains (lib/scale/history.ts).
// Default (bulk): the rows are COPYed in chunks of --chunk-days days (transfers, blocks, token events and
// the checkpoint, one transaction per chain and chunk) with the indexes of transfers, blocks and balances
// dropped, then ANALYZE, then the indexer's own rollup code (advanceRollups, in the transaction that moves
// rolled_up_block) once per chain over its whole range, then the indexes rebuilt. --per-day writes it as
// the live indexer does instead: one writeBatch per chain-day, one writer process per chain (the slow
// reference; lib/scale/seed-load.int.test.ts shows both leave the same rows). Prints rows/s and the split.
// Default database: postgres://postgres@127.0.0.1:5432/usd1_large (created when missing); a database
// on another host is refused unless --force. A database that already holds transfers is refused.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import {
  databaseName,
  dropIndexesForLoad,
  ensureDatabase,
  getScaleStats,
  restoreIndexes,
  type IndexDefinition,
} from "@/db/queries/scale";
import { SCALE_CHAINS, type HistoryParams } from "./history";
import { assertLocalDatabase } from "./local-db";
import { loadBulk, loadPerDay, prepareSeed } from "./seed-load";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/usd1_large";

const flagsSchema = z.object({
  transfers: z.coerce.number().int().min(1_000).max(200_000_000),
  days: z.coerce.number().int().min(3).max(3_650),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
  seed: z.string().min(1),
  force: z.boolean(),
  keepIndexes: z.boolean(),
  perDay: z.boolean(),
  chunkDays: z.coerce.number().int().min(1).max(3_650),
  /** Internal (--per-day): the writer process of one chain (started by the main process). */
  chain: z.coerce.number().int().positive().optional(),
  startTs: z.coerce.number().int().optional(),
});

const { values } = parseArgs({
  options: {
    transfers: { type: "string", default: "10000000" },
    days: { type: "string", default: "730" },
    "database-url": { type: "string" },
    seed: { type: "string", default: "scale" },
    force: { type: "boolean", default: false },
    "keep-indexes": { type: "boolean", default: false },
    "per-day": { type: "boolean", default: false },
    "chunk-days": { type: "string", default: "30" },
    chain: { type: "string" },
    "start-ts": { type: "string" },
  },
});
const flags = flagsSchema.parse({
  ...values,
  databaseUrl: values["database-url"] ?? DEFAULT_URL,
  keepIndexes: values["keep-indexes"],
  perDay: values["per-day"],
  chunkDays: values["chunk-days"],
  startTs: values["start-ts"],
});

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Commits not waiting for fsync (a crash only means seeding again), room for the rollups' hash
 * aggregates over a whole chain (balances group hundreds of thousands of addresses) and for the
 * index builds, on every pooled connection (a `set` would reach only the one that ran it).
 */
function openSeedDb(poolSize = 1) {
  const u = new URL(flags.databaseUrl);
  u.searchParams.set("options", "-c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=1GB");
  return openDb({ url: u.toString(), poolSize, applicationName: "usd1-seed-large" });
}

function historyParams(startTs: number): HistoryParams {
  return { seed: flags.seed, transfers: flags.transfers, days: flags.days, startTs, chains: SCALE_CHAINS };
}

/** --per-day writer of one chain: the whole history is simulated (the bridge ties the chains), one chain emitted. */
async function writeChain(chainId: number, startTs: number): Promise<void> {
  const handle = await openSeedDb();
  try {
    const t0 = performance.now();
    let lastReport = t0;
    const rows = await loadPerDay(
      handle.db,
      { ...historyParams(startTs), emit: new Set([chainId]) },
      (dayIndex, n) => {
        const now = performance.now();
        if (now - lastReport < 30_000) return;
        lastReport = now;
        console.log(
          `  chain ${chainId} day ${dayIndex + 1}/${flags.days}: ${fmt(n)} rows, ${fmt((n * 1000) / (now - t0))} rows/s`,
        );
      },
    );
    process.send?.({ rows });
  } finally {
    await handle.close();
  }
}

function runWriter(chainId: number, startTs: number): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const args = [...process.argv.slice(2), "--chain", String(chainId), "--start-ts", String(startTs)];
  return new Promise((resolve, reject) => {
    let rows = 0;
    const child = fork(self, args, { execArgv: process.execArgv });
    child.on("message", (m: { rows: number }) => (rows = m.rows));
    child.on("exit", (code) =>
      code === 0 ? resolve(rows) : reject(new Error(`chain ${chainId} writer exited ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  assertLocalDatabase(flags.databaseUrl, flags.force);
  if (flags.chain !== undefined) return writeChain(flags.chain, flags.startTs ?? 0);
  const created = await ensureDatabase(flags.databaseUrl);
  const handle = await openSeedDb(SCALE_CHAINS.length);
  try {
    await migrateDb(handle);
    const before = await getScaleStats(handle.db);
    if (before.transfers > 0) {
      throw new Error(
        `${flags.databaseUrl} already holds ${fmt(before.transfers)} transfers: seed:large fills an empty database (drop it or name another)`,
      );
    }
    const startTs = Math.floor(Date.now() / 86_400_000) * 86_400 - flags.days * 86_400;
    const params = historyParams(startTs);
    const { registryRows } = await prepareSeed(handle.db, params);
    console.log(
      `seed:large → ${databaseName(flags.databaseUrl)}${created ? " (created)" : ""}: ${fmt(flags.transfers)} transfers over ${flags.days} days, ${SCALE_CHAINS.length} chains, ${fmt(registryRows)} registry rows, ${flags.perDay ? "per day through writeBatch" : `bulk (COPY in ${flags.chunkDays}-day chunks, then rollups)`}`,
    );
    // Indexes nothing reads during the load are built once at the end instead of row by row (a bulk
    // load's usual order). Per day, the rollups read transfers by (chain_id, block_number); in bulk
    // they read whole chains, and balances keeps only the unique index its upsert needs.
    const dropped: IndexDefinition[] = [];
    if (!flags.keepIndexes) {
      if (flags.perDay) {
        dropped.push(
          ...(await dropIndexesForLoad(handle.db, "transfers", (def) =>
            /\(chain_id, block_number\)/.test(def),
          )),
        );
      } else {
        dropped.push(...(await dropIndexesForLoad(handle.db, "transfers", () => false)));
        dropped.push(...(await dropIndexesForLoad(handle.db, "blocks", () => false)));
        dropped.push(
          ...(await dropIndexesForLoad(handle.db, "balances", (def) => /^CREATE UNIQUE INDEX/.test(def))),
        );
      }
    }
    console.log(`  indexes built after the load: ${dropped.map((d) => d.name).join(", ") || "none"}`);

    const t0 = performance.now();
    let rows: number;
    let split = "";
    if (flags.perDay) {
      const counts = await Promise.all(SCALE_CHAINS.map((c) => runWriter(c.chainId, startTs)));
      rows = counts.reduce((a, b) => a + b, 0);
    } else {
      const out = await loadBulk(handle.db, params, {
        chunkDays: flags.chunkDays,
        onChunk: (dayIndex, n) => {
          const ms = performance.now() - t0;
          console.log(
            `  COPY through day ${dayIndex + 1}/${flags.days}: ${fmt(n)} rows, ${fmt((n * 1000) / ms)} rows/s`,
          );
        },
      });
      rows = out.rows;
      const t = out.timings;
      split =
        `COPY ${secs(t.copyMs)} = ${fmt((rows * 1000) / t.copyMs)} rows/s, analyze ${secs(t.analyzeMs)}, ` +
        `rollups ${secs(t.rollupsMs)} = ${fmt((rows * 1000) / t.rollupsMs)} rows/s, `;
    }
    const ms = performance.now() - t0;
    const i0 = performance.now();
    await restoreIndexes(handle.db, dropped, (name, ims) => console.log(`  index ${name}: ${secs(ims)}`));
    const indexMs = performance.now() - i0;
    // VACUUM, not only ANALYZE: a bulk-loaded table has no page marked all-visible until vacuumed,
    // so every index-only scan (the address page's window start, counts on an index) also reads
    // the heap. A live database gets this from autovacuum's insert threshold.
    const a0 = performance.now();
    await handle.db.execute(sql`vacuum (analyze)`);
    const analyzeMs = performance.now() - a0;
    const stats = await getScaleStats(handle.db);
    const total = ms + indexMs + analyzeMs;
    console.log(
      `seeded ${fmt(rows)} transfers in ${secs(total)} = ${fmt((rows * 1000) / total)} rows/s ` +
        `(${split}${flags.perDay ? `writes incl. rollups ${secs(ms)} = ${fmt((rows * 1000) / ms)} rows/s, ` : ""}` +
        `indexes ${secs(indexMs)}, final vacuum and analyze ${secs(analyzeMs)})`,
    );
    console.log(
      `  transfers ${fmt(stats.transfers)}, distinct addresses (balances rows) ${fmt(stats.balances)}, attributed registry rows ${fmt(stats.attributed)}, blocks ${fmt(stats.blocks)}, database ${(stats.sizeBytes / 2 ** 30).toFixed(2)} GiB`,
    );
  } finally {
    await handle.close();
  }
}

await main();
