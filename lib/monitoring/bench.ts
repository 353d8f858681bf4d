// npm run bench:monitor [-- --transfers 1000000 --days 60 --mode copy|keyset --keep]
// Loads a synthetic chain straight into a fresh local Postgres database (COPY), then times a full
// rebuild of every rule over it: stream → evaluate → write alerts. Prints transfers/s.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { copyRows } from "@/db/queries/copy";
import { migrateDb } from "@/db/migrate";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase } from "@/db/testing/test-db";
import { benchFlagsSchema } from "@/lib/validators/monitoring";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic } from "./testing/load-synthetic";
import { generateSynthetic, type SyntheticChain } from "./testing/synthetic";

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
        `insert into token_events (chain_id, block_number, block_time, tx_hash, log_index, kind, actor, subject, args)
         values ($1, $2, $3, $4, $5, $6, $7, $8, '{}')`,
        [chain.chainId, e.block, iso(e.time), e.txHash, e.logIndex, e.kind, e.actor, e.subject],
      );
    }
    await client.query("update indexer_checkpoints set indexed_block = $1 where chain_id = $2", [
      chain.lastBlock,
      chain.chainId,
    ]);
    await client.query("analyze transfers");
  } finally {
    client.release();
  }
}

async function generateAndLoad(handle: DbHandle, flags: { transfers: number; days: number }): Promise<void> {
  let t = Date.now();
  const chain = generateSynthetic({
    seed: "bench",
    chainId: CHAIN_ID,
    transfers: flags.transfers,
    days: flags.days,
    customers: Math.max(1_000, Math.round(flags.transfers / 10)),
  });
  console.log(
    `generated ${chain.transfers.length} transfers over ${flags.days} days in ${Date.now() - t} ms`,
  );
  t = Date.now();
  await load(handle, chain);
  console.log(`loaded with COPY in ${Date.now() - t} ms`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      transfers: { type: "string" },
      days: { type: "string" },
      mode: { type: "string" },
      keep: { type: "boolean" },
    },
  });
  const flags = benchFlagsSchema.parse(values);
  const database = await createTestDatabase("usd1_bench_monitor");
  const handle = await openDb({ url: database.url, poolSize: 2 });
  try {
    await migrateDb(handle);
    // The synthetic chain (a million objects) is unreachable once loaded: a monitor rebuilding
    // history holds no such thing, so neither does the process while it is timed.
    await generateAndLoad(handle, flags);
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
