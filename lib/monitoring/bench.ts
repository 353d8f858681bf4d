// npm run bench:monitor [-- --transfers 1000000 --days 60 --mode copy|keyset --mix retail|vasp --keep]
// npm run bench:monitor -- --incremental [--steps 40 --step-transfers 1000]
// Loads a synthetic chain straight into a fresh local Postgres database (COPY), then times a full
// rebuild of every rule over it: stream → evaluate → write alerts. Prints transfers/s. With
// --incremental the chain gets a tail of new blocks beyond the history, and the monitor follows it
// in steps of about --step-transfers (as it does at the head): transfers/s, p50/p95 step time and
// the history rows each step replayed.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { copyRows } from "@/db/queries/copy";
import { migrateDb } from "@/db/migrate";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase } from "@/db/testing/test-db";
import { benchFlagsSchema } from "@/lib/validators/monitoring";
import { evaluateStep, type StepResult } from "./evaluate";
import { rebuildAlerts } from "./rebuild";
import { ZERO_ADDRESS } from "./types";
import { registerSynthetic, SYNTHETIC_TOKEN } from "./testing/load-synthetic";
import { generateSynthetic, type SyntheticChain, type SyntheticMix } from "./testing/synthetic";

const CHAIN_ID = 99_201;
const TARGET_PER_SECOND = 100_000;

async function load(handle: DbHandle, chain: SyntheticChain): Promise<void> {
  await registerSynthetic(handle.db, chain);
  const client = await handle.pool?.connect();
  if (!client) throw new Error("the benchmark needs a Postgres URL (COPY)");
  try {
    const iso = (t: number) => new Date(t * 1000).toISOString();
    const cols = [
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
    for (let i = 0; i < chain.transfers.length; i += 100_000) {
      const rows = chain.transfers
        .slice(i, i + 100_000)
        .map((t) => [
          String(chain.chainId),
          String(t.block),
          iso(t.time),
          t.txHash,
          String(t.logIndex),
          t.from,
          t.to,
          t.amount.toString(),
          t.kind,
        ]);
      await copyRows(client, "transfers", cols, rows);
    }
    for (const e of chain.events) {
      await client.query(
        `insert into token_events (chain_id, block_number, block_time, tx_hash, log_index, emitter, kind, actor, subject, args)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{}')`,
        [
          chain.chainId,
          e.block,
          iso(e.time),
          e.txHash,
          e.logIndex,
          SYNTHETIC_TOKEN,
          e.kind,
          e.actor,
          e.subject,
        ],
      );
    }
    await client.query("update indexer_checkpoints set indexed_block = $1 where chain_id = $2", [
      chain.lastBlock,
      chain.chainId,
    ]);
    // A settled database, as a rebuild meets in production: the load's autovacuum and checkpoint
    // are done before the clock starts, not running on the other core while it is timed.
    await client.query("vacuum analyze transfers");
    await client.query("checkpoint");
  } finally {
    client.release();
  }
}

type BenchFlags = { transfers: number; days: number; mix: SyntheticMix; tail: number };

/** Loads the chain; returns its last block and the history's (the first `transfers` transfers). */
async function generateAndLoad(
  handle: DbHandle,
  flags: BenchFlags,
): Promise<{ historyEnd: number; lastBlock: number }> {
  let t = Date.now();
  const total = flags.transfers + flags.tail;
  const chain = generateSynthetic({
    seed: "bench",
    chainId: CHAIN_ID,
    transfers: total,
    // The tail keeps the history's density: it extends the period.
    days: (flags.days * total) / flags.transfers,
    customers: Math.max(1_000, Math.round(flags.transfers / 10)),
    mix: flags.mix,
  });
  const business = new Set<string>([ZERO_ADDRESS, ...chain.addresses.map((a) => a.address)]);
  const exempt = chain.transfers.filter((x) => business.has(x.from) && business.has(x.to)).length;
  console.log(
    `generated ${chain.transfers.length} transfers over ${Math.round((flags.days * total) / flags.transfers)} days ` +
      `in ${Date.now() - t} ms (mix ${flags.mix}: ${pct(exempt, chain.transfers.length)} between business ` +
      `wallets only, the rest touch one of ${Math.max(1_000, Math.round(flags.transfers / 10))} unattributed wallets)`,
  );
  t = Date.now();
  await load(handle, chain);
  console.log(`loaded with COPY in ${Date.now() - t} ms`);
  // The generator may fall a few transfers short of the request (it draws whole tickets).
  const historyCount = Math.min(flags.transfers, chain.transfers.length);
  const last = chain.transfers[historyCount - 1];
  // The tail starts at the next block: the history ends with the block of its last transfer.
  const next = chain.transfers[historyCount];
  if (!last) throw new Error("no history");
  return {
    historyEnd: next && next.block === last.block ? last.block - 1 : last.block,
    lastBlock: chain.lastBlock,
  };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

async function setIndexed(handle: DbHandle, block: number | bigint): Promise<void> {
  await handle.db.execute(
    sql`update indexer_checkpoints set indexed_block = ${String(block)} where chain_id = ${CHAIN_ID}`,
  );
}

/** Follow mode: steps of about `stepTransfers` over the tail, as the runner takes them at the head. */
async function follow(handle: DbHandle, p: { steps: number; stepTransfers: number }): Promise<void> {
  const done: StepResult[] = [];
  for (let i = 0; i < p.steps; i++) {
    const step = await evaluateStep(handle.db, {
      chainId: CHAIN_ID,
      mode: "copy",
      stepTransfers: p.stepTransfers,
    });
    if (!step) break;
    done.push(step);
  }
  const ms = done.reduce((s, x) => s + x.ms, 0);
  const transfers = done.reduce((s, x) => s + x.transfers, 0);
  const replayed = done.map((x) => x.replayed);
  const raised = done.reduce((s, x) => s + x.alerts.inserted, 0);
  console.log(
    `incremental: ${done.length} steps, ${transfers} transfers in ${ms} ms; ${raised} alerts; ` +
      `step ${quantile(
        done.map((x) => x.transfers),
        0.5,
      )} transfers (p50)`,
  );
  console.log(
    `  step time p50 ${quantile(
      done.map((x) => x.ms),
      0.5,
    )} ms, p95 ${quantile(
      done.map((x) => x.ms),
      0.95,
    )} ms; ` +
      `history rows replayed per step p50 ${quantile(replayed, 0.5)}, p95 ${quantile(replayed, 0.95)}, ` +
      `mean ${Math.round(replayed.reduce((s, x) => s + x, 0) / Math.max(1, replayed.length))}`,
  );
  console.log(`${Math.round((transfers * 1000) / Math.max(1, ms))} transfers/s incremental`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      transfers: { type: "string" },
      days: { type: "string" },
      mode: { type: "string" },
      keep: { type: "boolean" },
      mix: { type: "string" },
      incremental: { type: "boolean" },
      steps: { type: "string" },
      "step-transfers": { type: "string" },
    },
  });
  const flags = benchFlagsSchema.parse({ ...values, stepTransfers: values["step-transfers"] });
  const database = await createTestDatabase("usd1_bench_monitor");
  const handle = await openDb({ url: database.url, poolSize: 2 });
  try {
    await migrateDb(handle);
    // The synthetic chain (a million objects) is unreachable once loaded: a monitor rebuilding
    // history holds no such thing, so neither does the process while it is timed.
    const tail = flags.incremental ? flags.steps * flags.stepTransfers : 0;
    const loaded = await generateAndLoad(handle, { ...flags, tail });
    if (tail > 0) await setIndexed(handle, loaded.historyEnd);
    const t = Date.now();
    const cpu0 = process.cpuUsage();
    const [r] = await rebuildAlerts(handle.db, { mode: flags.mode });
    const ms = Date.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (!r) throw new Error("rebuild returned nothing");
    const rate = Math.round((r.transfers * 1000) / ms);
    const [alerts] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from alerts`),
    );
    console.log(
      `full rebuild (${flags.mode}): ${r.transfers} transfers + ${r.events} events in ${ms} ms ` +
        `(evaluate ${r.evaluateMs} ms, write ${r.writeMs} ms); ${alerts?.n ?? 0} alerts`,
    );
    console.log(`  per rule: ${r.rules.map((d) => `${d.ruleId} ${d.raised}`).join(", ")}`);
    // The machine may be shared: Node's own CPU time tells how fast the evaluation is when it has a core.
    console.log(
      `  node process CPU ${Math.round(cpuMs)} ms (${Math.round((r.transfers * 1000) / cpuMs)} transfers per CPU-second)`,
    );
    console.log(`${rate} transfers/s (target ≥ ${TARGET_PER_SECOND})`);
    if (flags.incremental) {
      await setIndexed(handle, loaded.lastBlock);
      await follow(handle, flags);
    }
    return rate >= TARGET_PER_SECOND ? 0 : 1;
  } finally {
    await handle.close();
    if (flags.keep) console.log(`kept database ${database.name}`);
    else await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
