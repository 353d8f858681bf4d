// npm run seed:large -- [--transfers 10000000] [--days 730] [--database-url URL] [--seed S] [--force] [--keep-indexes]
// Fills a Postgres database with two years of synthetic history on both demo chains (lib/scale/history.ts)
// written as the indexer writes it: one writeBatch per chain-day (headers, transfers by COPY, token
// events, the day's rollups and the checkpoint in one transaction), one writer process per chain
// (as in production: one indexer per chain). Prints rows/s as it goes.
// Default database: postgres://postgres@127.0.0.1:5432/usd1_large (created when missing); a database
// on another host is refused unless --force. A database that already holds transfers is refused.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { ensureChain } from "@/db/queries/indexer";
import { writeBatch } from "@/db/queries/indexer-batch";
import { seedRegistry } from "@/db/queries/registry";
import {
  analyzeTables,
  databaseName,
  dropIndexesForLoad,
  ensureDatabase,
  getScaleStats,
  restoreIndexes,
} from "@/db/queries/scale";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { demoWatchlist } from "@/lib/monitoring/demo/index-seed";
import { generateHistory, SCALE_CHAINS, SCALE_TOKEN, scaleRegistry, type HistoryParams } from "./history";
import { assertLocalDatabase } from "./local-db";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/usd1_large";
/** The tables grow from nothing: statistics early and now and then keep the rollups on their indexes. */
const ANALYZE_AFTER_DAYS = new Set([0, 2, 6, 14, 30, ...Array.from({ length: 60 }, (_, i) => 60 * (i + 1))]);

const flagsSchema = z.object({
  transfers: z.coerce.number().int().min(1_000).max(200_000_000),
  days: z.coerce.number().int().min(3).max(3_650),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
  seed: z.string().min(1),
  force: z.boolean(),
  keepIndexes: z.boolean(),
  /** Internal: the writer process of one chain (started by the main process). */
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
    chain: { type: "string" },
    "start-ts": { type: "string" },
  },
});
const flags = flagsSchema.parse({
  ...values,
  databaseUrl: values["database-url"] ?? DEFAULT_URL,
  keepIndexes: values["keep-indexes"],
  startTs: values["start-ts"],
});

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** One connection with commits not waiting for fsync: a crash only means seeding again. */
function openSeedDb() {
  const u = new URL(flags.databaseUrl);
  u.searchParams.set("options", "-c synchronous_commit=off");
  return openDb({ url: u.toString(), poolSize: 1, applicationName: "usd1-seed-large" });
}

function historyParams(startTs: number): HistoryParams {
  return { seed: flags.seed, transfers: flags.transfers, days: flags.days, startTs, chains: SCALE_CHAINS };
}

/** Writer of one chain: the whole history is simulated (the bridge ties the chains), one chain emitted. */
async function writeChain(chainId: number, startTs: number): Promise<void> {
  const handle = await openSeedDb();
  try {
    const params = { ...historyParams(startTs), emit: new Set([chainId]) };
    const { registry, deposits } = scaleRegistry(params);
    const t0 = performance.now();
    let rows = 0;
    let lastReport = t0;
    for (const { batch, dayIndex } of generateHistory(params, registry, deposits)) {
      await writeBatch(handle.db, {
        batch,
        bulk: "copy",
        finalizedBlock: batch.toBlock,
        headBlock: batch.toBlock,
        rpcErrorsDelta: 0,
      });
      rows += batch.transfers.length;
      if (ANALYZE_AFTER_DAYS.has(dayIndex)) await analyzeTables(handle.db);
      const now = performance.now();
      if (now - lastReport > 30_000) {
        lastReport = now;
        console.log(
          `  chain ${chainId} day ${dayIndex + 1}/${flags.days}: ${fmt(rows)} rows, ${fmt((rows * 1000) / (now - t0))} rows/s`,
        );
      }
    }
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
  const handle = await openSeedDb();
  try {
    await migrateDb(handle);
    const before = await getScaleStats(handle.db);
    if (before.transfers > 0) {
      throw new Error(
        `${flags.databaseUrl} already holds ${fmt(before.transfers)} transfers: seed:large fills an empty database (drop it or name another)`,
      );
    }
    const startTs = Math.floor(Date.now() / 86_400_000) * 86_400 - flags.days * 86_400;
    const { registry } = scaleRegistry(historyParams(startTs));
    await seedRegistry(handle.db, { entities: registry.entities, addresses: registry.addresses });
    await importWatchlistRows(handle.db, {
      rows: demoWatchlist(registry),
      actor: null,
      source: "seed:large",
    });
    for (const c of SCALE_CHAINS) {
      await ensureChain(handle.db, {
        chainId: c.chainId,
        name: c.name,
        tokenAddress: SCALE_TOKEN,
        startBlock: 1n,
        confirmations: 0,
      });
    }
    console.log(
      `seed:large → ${databaseName(flags.databaseUrl)}${created ? " (created)" : ""}: ${fmt(flags.transfers)} transfers over ${flags.days} days, ${SCALE_CHAINS.length} chains, ${fmt(registry.addresses.length)} registry rows`,
    );
    // The rollups read transfers by (chain_id, block_number) only: the other indexes of transfers
    // are built once at the end instead of row by row (a bulk load's usual order).
    const dropped = flags.keepIndexes
      ? []
      : await dropIndexesForLoad(handle.db, "transfers", (def) => /\(chain_id, block_number\)/.test(def));
    console.log(`  indexes built after the load: ${dropped.map((d) => d.name).join(", ") || "none"}`);

    const t0 = performance.now();
    const counts = await Promise.all(SCALE_CHAINS.map((c) => runWriter(c.chainId, startTs)));
    const rows = counts.reduce((a, b) => a + b, 0);
    const ms = performance.now() - t0;
    const i0 = performance.now();
    await restoreIndexes(handle.db, dropped, (name, ims) =>
      console.log(`  index ${name}: ${(ims / 1000).toFixed(1)} s`),
    );
    const indexMs = performance.now() - i0;
    const a0 = performance.now();
    await analyzeTables(handle.db, true);
    const stats = await getScaleStats(handle.db);
    const total = ms + indexMs;
    console.log(
      `seeded ${fmt(rows)} transfers in ${(total / 1000).toFixed(1)} s = ${fmt((rows * 1000) / total)} rows/s ` +
        `(writes incl. rollups ${(ms / 1000).toFixed(1)} s = ${fmt((rows * 1000) / ms)} rows/s, indexes ${(indexMs / 1000).toFixed(1)} s; ` +
        `analyze ${((performance.now() - a0) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  transfers ${fmt(stats.transfers)}, distinct addresses (balances rows) ${fmt(stats.balances)}, attributed registry rows ${fmt(stats.attributed)}, blocks ${fmt(stats.blocks)}, database ${(stats.sizeBytes / 2 ** 30).toFixed(2)} GiB`,
    );
  } finally {
    await handle.close();
  }
}

await main();
