// bench:index on a realistic mix (issue #18): `npm run bench:index -- --mix realistic
// [--database-url URL] [--transfers 500000] [--batch 50000] [--days 90]`. The history generator's
// traffic (≥ 100k distinct wallets, a registry of ≥ 10k attributed addresses on the chain, months of
// history) is written through writeBatch (COPY path, rollups included) as a chain of its own into a
// database whose transfers table is already large (default usd1_large, from `npm run seed:large`).
// The same rows are then COPYed raw into transfers (every index maintained, rolled back) and into an
// index-free copy of it, so the three rates come from one run. The bench chain is deleted at the end.
import { z } from "zod";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { copyRows } from "@/db/queries/copy";
import { ensureChain } from "@/db/queries/indexer";
import { emptyWriteTimings, writeBatch } from "@/db/queries/indexer-batch";
import { seedRegistry } from "@/db/queries/registry";
import { countChainAddresses, deleteChainData, getScaleStats, timeRawCopy } from "@/db/queries/scale";
import type { Batch } from "@/lib/indexer/types";
import { generateHistory, SCALE_TOKEN, scaleRegistry, type ScaleChain } from "./history";
import { assertLocalDatabase } from "./local-db";

export const realisticMixFlagsSchema = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
  transfers: z.coerce.number().int().min(1_000).max(20_000_000),
  batch: z.coerce.number().int().min(100).max(1_000_000),
  days: z.coerce.number().int().min(3).max(3_650),
  force: z.boolean(),
});
export type RealisticMixFlags = z.infer<typeof realisticMixFlagsSchema>;

const BENCH_CHAIN: ScaleChain = { chainId: 99_101, name: "bench (realistic mix)", share: 1, blockSeconds: 3 };
const TARGET_EVENTS_PER_S = 50_000;
const TARGET_RATIO = 0.35;
const COLUMNS = [
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

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const rate = (n: number, ms: number) => `${fmt((n * 1000) / ms)} events/s`;

/** Consecutive day batches joined until each holds at least `size` transfers. */
function mergeBatches(days: Batch[], size: number): Batch[] {
  const out: Batch[] = [];
  let cur: Batch | null = null;
  for (const b of days) {
    if (!cur)
      cur = { ...b, transfers: [...b.transfers], tokenEvents: [...b.tokenEvents], headers: [...b.headers] };
    else {
      cur.toBlock = b.toBlock;
      cur.tip = b.tip;
      cur.transfers.push(...b.transfers);
      cur.tokenEvents.push(...b.tokenEvents);
      cur.headers.push(...b.headers);
      cur.logCount += b.logCount;
    }
    if (cur.transfers.length >= size) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export async function runRealisticMix(flags: RealisticMixFlags): Promise<number> {
  assertLocalDatabase(flags.databaseUrl, flags.force);
  const handle = await openDb({ url: flags.databaseUrl, poolSize: 2, applicationName: "usd1-bench-index" });
  try {
    await migrateDb(handle);
    await deleteChainData(handle.db, BENCH_CHAIN.chainId);
    const before = await getScaleStats(handle.db);
    const startTs = Math.floor(Date.now() / 86_400_000) * 86_400 - flags.days * 86_400;
    const params = {
      seed: "bench-index",
      transfers: flags.transfers,
      days: flags.days,
      startTs,
      chains: [BENCH_CHAIN],
      depositAddressesPerEntity: 360,
      customers: Math.max(150_000, Math.ceil(flags.transfers * 0.3)),
    };
    const { registry, deposits } = scaleRegistry(params);
    await seedRegistry(handle.db, { entities: registry.entities, addresses: registry.addresses });
    await ensureChain(handle.db, {
      chainId: BENCH_CHAIN.chainId,
      name: BENCH_CHAIN.name,
      tokenAddress: SCALE_TOKEN,
      startBlock: 1n,
      confirmations: 0,
    });
    const batches = mergeBatches(
      [...generateHistory(params, registry, deposits)].map((d) => d.batch),
      flags.batch,
    );
    const n = batches.reduce((t, b) => t + b.transfers.length, 0);
    const attributed = registry.addresses.filter(
      (a) => a.chainId === BENCH_CHAIN.chainId && a.entityName,
    ).length;
    console.log(
      `realistic mix into ${new URL(flags.databaseUrl).pathname.slice(1)} (transfers already holds ${fmt(before.transfers)} rows): ` +
        `${fmt(n)} transfers over ${flags.days} days in ${batches.length} batches, ${fmt(attributed)} attributed registry addresses on the chain`,
    );

    const timings = emptyWriteTimings();
    const t0 = performance.now();
    for (const batch of batches) {
      await writeBatch(handle.db, {
        batch,
        bulk: "copy",
        finalizedBlock: batch.toBlock,
        headBlock: batch.toBlock,
        rpcErrorsDelta: 0,
        timings,
      });
    }
    const ingestMs = performance.now() - t0;
    const distinct = await countChainAddresses(handle.db, BENCH_CHAIN.chainId);

    // The same rows, raw: COPY only, into the 10M-row table and into an index-free copy of it.
    const time = new Map(
      batches.flatMap((b) => b.headers).map((h) => [h.number, new Date(h.timestamp * 1000).toISOString()]),
    );
    const rows = batches.flatMap((b) =>
      b.transfers.map((x) => [
        String(BENCH_CHAIN.chainId + 1),
        x.blockNumber.toString(),
        time.get(x.blockNumber) as string,
        x.txHash,
        String(x.logIndex),
        x.from,
        x.to,
        x.amount.toString(),
        x.kind,
      ]),
    );
    const raw = await timeRawCopy(handle.pool as NonNullable<typeof handle.pool>, COLUMNS, rows, copyRows);

    const ingestRate = (n * 1000) / ingestMs;
    const rawRate = (n * 1000) / raw.withIndexesMs;
    console.log(`  distinct addresses on the chain: ${fmt(distinct)}`);
    console.log(
      `ingest-only (writeBatch, COPY path, rollups included): ${fmt(n)} in ${(ingestMs / 1000).toFixed(1)} s = ${rate(n, ingestMs)}`,
    );
    console.log(
      `raw COPY insert into transfers (same rows, same run):   ${rate(n, raw.withIndexesMs)}; ingest-only / raw = ${(ingestRate / rawRate).toFixed(2)}`,
    );
    console.log(`raw COPY into an index-free copy of transfers:          ${rate(n, raw.withoutIndexesMs)}`);
    const other = ingestMs - Object.values(timings).reduce((a, b) => a + b, 0);
    const indexMs = Math.max(0, raw.withIndexesMs - raw.withoutIndexesMs);
    const share = (ms: number) => `${(ms / 1000).toFixed(1)} s (${((100 * ms) / ingestMs).toFixed(0)}%)`;
    console.log(
      `  split of ingest time: transfers COPY ${share(timings.transfers)} [of which index maintenance ≈ ${share(indexMs)}], ` +
        `rollups ${share(timings.rollups)}, blocks ${share(timings.blocks)}, token events ${share(timings.events)}, ` +
        `range + checkpoint ${share(timings.checkpoint)}, lock/commit/other ${share(other)}`,
    );
    const ok = ingestRate >= TARGET_EVENTS_PER_S && ingestRate / rawRate >= TARGET_RATIO;
    console.log(
      ok
        ? "targets met"
        : `targets: ≥ ${fmt(TARGET_EVENTS_PER_S)} events/s and ≥ ${TARGET_RATIO} of raw COPY`,
    );
    return ok ? 0 : 1;
  } finally {
    await deleteChainData(handle.db, BENCH_CHAIN.chainId);
    await handle.close();
  }
}
