// npm run seed:large -- [--transfers 10000000] [--days 730] [--database-url URL] [--seed S] [--force] [--keep-indexes]
// Fills a Postgres database with two years of synthetic history on both demo chains (lib/scale/history.ts)
// written as the indexer writes it: one writeBatch per chain-day (headers, transfers by COPY, token
// events, the day's rollups and the checkpoint in one transaction). Prints rows/s as it goes.
// Default database: postgres://postgres@127.0.0.1:5432/usd1_large (created when missing); a database
// on another host is refused unless --force. A database that already holds transfers is refused.
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
import { generateHistory, SCALE_CHAINS, SCALE_TOKEN, scaleRegistry } from "./history";
import { assertLocalDatabase } from "./local-db";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/usd1_large";

const flagsSchema = z.object({
  transfers: z.coerce.number().int().min(1_000).max(200_000_000),
  days: z.coerce.number().int().min(3).max(3_650),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
  seed: z.string().min(1),
  force: z.boolean(),
  keepIndexes: z.boolean(),
});

const { values } = parseArgs({
  options: {
    transfers: { type: "string", default: "10000000" },
    days: { type: "string", default: "730" },
    "database-url": { type: "string" },
    seed: { type: "string", default: "scale" },
    force: { type: "boolean", default: false },
    "keep-indexes": { type: "boolean", default: false },
  },
});
const flags = flagsSchema.parse({
  ...values,
  databaseUrl: values["database-url"] ?? DEFAULT_URL,
  keepIndexes: values["keep-indexes"],
});

const ANALYZE_AFTER_DAYS = new Set([0, 2, 6, 14, 30, ...Array.from({ length: 60 }, (_, i) => 60 * (i + 1))]);

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

assertLocalDatabase(flags.databaseUrl, flags.force);
const created = await ensureDatabase(flags.databaseUrl);
// One connection; a lost commit on a crash only means seeding again, so no fsync wait per day.
const seedUrl = new URL(flags.databaseUrl);
seedUrl.searchParams.set("options", "-c synchronous_commit=off");
const handle = await openDb({ url: seedUrl.toString(), poolSize: 1, applicationName: "usd1-seed-large" });
try {
  await migrateDb(handle);
  const before = await getScaleStats(handle.db);
  if (before.transfers > 0) {
    throw new Error(
      `${flags.databaseUrl} already holds ${fmt(before.transfers)} transfers: seed:large fills an empty database (drop it or name another)`,
    );
  }
  const today = Math.floor(Date.now() / 86_400_000) * 86_400;
  const params = {
    seed: flags.seed,
    transfers: flags.transfers,
    days: flags.days,
    startTs: today - flags.days * 86_400,
    chains: SCALE_CHAINS,
  };
  const { registry, deposits } = scaleRegistry(params);
  await seedRegistry(handle.db, { entities: registry.entities, addresses: registry.addresses });
  await importWatchlistRows(handle.db, { rows: demoWatchlist(registry), actor: null, source: "seed:large" });
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
  let genMs = 0;
  let rows = 0;
  let lastReport = t0;
  const it = generateHistory(params, registry, deposits);
  const lastChain = SCALE_CHAINS[SCALE_CHAINS.length - 1]?.chainId;
  for (;;) {
    const g0 = performance.now();
    const next = it.next();
    genMs += performance.now() - g0;
    if (next.done) break;
    const { batch, dayIndex } = next.value;
    await writeBatch(handle.db, {
      batch,
      bulk: "copy",
      finalizedBlock: batch.toBlock,
      headBlock: batch.toBlock,
      rpcErrorsDelta: 0,
    });
    rows += batch.transfers.length;
    // The tables grow from nothing: fresh statistics early and now and then keep the rollups'
    // plans on their indexes (autovacuum's analyze lags far behind a bulk load).
    if (batch.chainId === lastChain && ANALYZE_AFTER_DAYS.has(dayIndex)) await analyzeTables(handle.db);
    const now = performance.now();
    if (now - lastReport > 15_000) {
      lastReport = now;
      console.log(
        `  day ${dayIndex + 1}/${flags.days}: ${fmt(rows)} rows, ${fmt((rows * 1000) / (now - t0))} rows/s`,
      );
    }
  }
  const ms = performance.now() - t0;
  const i0 = performance.now();
  await restoreIndexes(handle.db, dropped, (name, ims) => console.log(`  index ${name}: ${(ims / 1000).toFixed(1)} s`));
  const indexMs = performance.now() - i0;
  const a0 = performance.now();
  await analyzeTables(handle.db);
  const stats = await getScaleStats(handle.db);
  const total = ms + indexMs;
  console.log(
    `seeded ${fmt(rows)} transfers in ${(total / 1000).toFixed(1)} s = ${fmt((rows * 1000) / total)} rows/s ` +
      `(generation ${(genMs / 1000).toFixed(1)} s, writes incl. rollups ${((ms - genMs) / 1000).toFixed(1)} s, ` +
      `indexes ${(indexMs / 1000).toFixed(1)} s; analyze ${((performance.now() - a0) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  transfers ${fmt(stats.transfers)}, distinct addresses (balances rows) ${fmt(stats.balances)}, attributed registry rows ${fmt(stats.attributed)}, blocks ${fmt(stats.blocks)}, database ${(stats.sizeBytes / 2 ** 30).toFixed(2)} GiB`,
  );
} finally {
  await handle.close();
}
