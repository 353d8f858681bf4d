import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import copyStreams from "pg-copy-streams";
import { numberToHex, pad, type Address, type Hash, type Hex } from "viem";
import type { DbHandle } from "@/db/client";
import { ensureChain } from "@/db/queries/indexer";
import { writeBatch, type BulkMode } from "@/db/queries/indexer-batch";
import { rowsOf } from "@/db/queries/sql-arrays";
import { transfers } from "@/db/schema";
import { openTestDb } from "@/db/testing/test-db";
import { realisticMixFlagsSchema, runRealisticMix } from "@/lib/scale/bench-index-mix";
import { TRANSFER_TOPIC } from "./abi";
import { decodeLogs } from "./decode";
import { createIndexer } from "./indexer";
import { generateTraffic } from "./testing/traffic";
import { OWNER, quietLog, startChainWithToken, testConfig } from "./testing/harness";
import type { Batch, BlockHeader, RpcLog } from "./types";

// npm run bench:index [-- --transfers 200000 --e2e-transfers 200000 --batch 50000]
// Prints ingest-only (decode + write, on Postgres) and end-to-end (anvil → RPC → Postgres) events/s.
// npm run bench:index -- --mix realistic [--database-url URL --transfers 500000 --days 90]: the
// realistic mix into a large existing table instead (lib/scale/bench-index-mix.ts).
const { values } = parseArgs({
  options: {
    transfers: { type: "string", default: "200000" },
    "e2e-transfers": { type: "string", default: "200000" },
    batch: { type: "string", default: "50000" },
    mix: { type: "string", default: "synthetic" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/usd1_large" },
    days: { type: "string", default: "90" },
    force: { type: "boolean", default: false },
  },
});
if (values.mix === "realistic") {
  const code = await runRealisticMix(
    realisticMixFlagsSchema.parse({
      databaseUrl: values["database-url"],
      transfers: process.argv.includes("--transfers") ? values.transfers : "500000",
      batch: values.batch,
      days: values.days,
      force: values.force,
    }),
  );
  process.exit(code);
}
const N = Number(values.transfers);
const E2E = Number(values["e2e-transfers"]);
const BATCH = Number(values.batch);
const CHAIN_ID = 99_001;
const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d" as Address;
const LOGS_PER_BLOCK = 100;
const TOKEN_ONLY = { token: TOKEN, governors: new Set<Address>() };

function syntheticLogs(n: number): { logs: RpcLog[]; headers: Map<bigint, BlockHeader> } {
  const logs: RpcLog[] = [];
  const headers = new Map<bigint, BlockHeader>();
  const t0 = 1_735_689_600;
  for (let i = 0; i < n; i++) {
    const block = BigInt(1 + Math.floor(i / LOGS_PER_BLOCK));
    if (!headers.has(block)) {
      headers.set(block, {
        number: block,
        hash: pad(numberToHex(block * 7n + 1n)) as Hash,
        parentHash: pad(numberToHex(block * 7n - 6n)) as Hash,
        timestamp: t0 + Number(block) * 12,
      });
    }
    const from = i % 50 === 0 ? 0n : BigInt(1000 + (i % 997));
    logs.push({
      address: TOKEN,
      topics: [TRANSFER_TOPIC, pad(numberToHex(from)), pad(numberToHex(BigInt(2000 + (i % 1009))))],
      data: pad(numberToHex(BigInt(i + 1) * 10n ** 16n)) as Hex,
      blockNumber: numberToHex(block),
      blockHash: headers.get(block)?.hash ?? null,
      transactionHash: pad(numberToHex(BigInt(i + 1))) as Hash,
      logIndex: numberToHex(i % LOGS_PER_BLOCK),
    });
  }
  return { logs, headers };
}

function rate(n: number, ms: number): string {
  return `${Math.round((n * 1000) / ms).toLocaleString("en-US")} events/s`;
}

async function ingestOnly(handle: DbHandle, mode: BulkMode): Promise<void> {
  const { logs, headers } = syntheticLogs(N);
  await ensureChain(handle.db, {
    chainId: CHAIN_ID,
    name: "bench",
    tokenAddress: TOKEN,
    startBlock: 1n,
    confirmations: 0,
  });
  const t0 = performance.now();
  let decodeMs = 0;
  for (let i = 0; i < logs.length; i += BATCH) {
    const slice = logs.slice(i, i + BATCH);
    const d0 = performance.now();
    const decoded = decodeLogs(slice, TOKEN_ONLY);
    decodeMs += performance.now() - d0;
    const first = decoded.transfers[0]?.blockNumber ?? 1n;
    const last = decoded.transfers[decoded.transfers.length - 1]?.blockNumber ?? 1n;
    const used = [...new Set(decoded.transfers.map((t) => t.blockNumber))].map(
      (b) => headers.get(b) as BlockHeader,
    );
    const batch: Batch = {
      chainId: CHAIN_ID,
      fromBlock: i === 0 ? 1n : first,
      toBlock: last,
      ...decoded,
      headers: used,
      tip: headers.get(last) as BlockHeader,
      logCount: slice.length,
    };
    await writeBatch(handle.db, {
      batch,
      bulk: mode,
      finalizedBlock: last,
      headBlock: last,
      rpcErrorsDelta: 0,
    });
  }
  const ms = performance.now() - t0;
  console.log(
    `ingest-only (decode + write incl. rollups, ${mode}): ${N.toLocaleString("en-US")} transfers in ${(ms / 1000).toFixed(2)} s = ${rate(N, ms)} (decode alone ${rate(N, decodeMs)})`,
  );
}

/** Transfers-table insert only, three ways, so the faster one is a measured choice. */
async function compareInsertPaths(handle: DbHandle): Promise<void> {
  const { logs, headers } = syntheticLogs(Math.min(N, 100_000));
  const rows = decodeLogs(logs, TOKEN_ONLY).transfers;
  const time = (b: bigint) => new Date((headers.get(b)?.timestamp ?? 0) * 1000);
  const pool = handle.pool;
  if (!pool) return;
  for (const mode of ["drizzle-values", "unnest", "copy"] as const) {
    await handle.db.execute(sql`truncate transfers`);
    const client = await pool.connect();
    const t0 = performance.now();
    try {
      await client.query("begin");
      const db = drizzle({ client });
      for (let i = 0; i < rows.length; i += 5_000) {
        const part = rows.slice(i, i + 5_000);
        if (mode === "drizzle-values") {
          await db.insert(transfers).values(
            part.map((t) => ({
              chainId: 1,
              blockNumber: t.blockNumber,
              blockTime: time(t.blockNumber),
              txHash: t.txHash,
              logIndex: t.logIndex,
              fromAddress: t.from,
              toAddress: t.to,
              amount: t.amount,
              kind: t.kind,
            })),
          );
        } else if (mode === "unnest") {
          await client.query(
            `insert into transfers select 1, * from unnest($1::int8[], $2::timestamptz[], $3::text[], $4::int4[], $5::text[], $6::text[], $7::numeric[], $8::text[])`,
            [
              part.map((t) => t.blockNumber.toString()),
              part.map((t) => time(t.blockNumber).toISOString()),
              part.map((t) => t.txHash),
              part.map((t) => t.logIndex),
              part.map((t) => t.from),
              part.map((t) => t.to),
              part.map((t) => t.amount.toString()),
              part.map((t) => t.kind),
            ],
          );
        } else {
          const stream = client.query(copyStreams.from("copy transfers from stdin"));
          const text = part
            .map(
              (t) =>
                [
                  1,
                  t.blockNumber,
                  time(t.blockNumber).toISOString(),
                  t.txHash,
                  t.logIndex,
                  t.from,
                  t.to,
                  t.amount,
                  t.kind,
                ].join("\t") + "\n",
            )
            .join("");
          await pipeline(Readable.from([text]), stream);
        }
      }
      await client.query("commit");
    } finally {
      client.release();
    }
    console.log(`  insert path ${mode.padEnd(15)} ${rate(rows.length, performance.now() - t0)}`);
  }
  await handle.db.execute(sql`truncate transfers`);
}

async function endToEnd(): Promise<void> {
  const chain = await startChainWithToken(31337);
  const { handle, database } = await openTestDb("usd1_bench_e2e");
  try {
    const perBlock = 2_000;
    const g0 = performance.now();
    await generateTraffic({
      rpcUrl: chain.node.rpcUrl,
      token: chain.token,
      owner: OWNER,
      blocks: Math.ceil(E2E / perBlock),
      transfersPerBlock: perBlock,
      wallets: 500,
    });
    console.log(
      `  (chain setup: ${E2E.toLocaleString("en-US")} transfers mined in ${((performance.now() - g0) / 1000).toFixed(1)} s)`,
    );
    const indexer = createIndexer({
      config: testConfig({
        rpcUrls: [chain.node.rpcUrl],
        chainId: 31337,
        address: chain.token,
        fromBlock: chain.deployBlock.toString(),
      }),
      log: quietLog,
      signal: new AbortController().signal,
    });
    const t0 = performance.now();
    await indexer.preflight();
    const summary = await indexer.run(handle);
    const ms = performance.now() - t0;
    const [row] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from transfers`),
    );
    console.log(
      `end-to-end (anvil RPC → decode → Postgres, reconciled=${summary.matches}): ${row?.n.toLocaleString("en-US")} events in ${(ms / 1000).toFixed(2)} s = ${rate(row?.n ?? 0, ms)}`,
    );
  } finally {
    await handle.close();
    await database.drop();
    await chain.node.stop();
  }
}

for (const step of ["compare", "unnest", "copy"] as const) {
  const { handle, database } = await openTestDb("usd1_bench");
  try {
    if (step === "compare") await compareInsertPaths(handle);
    else await ingestOnly(handle, step);
  } finally {
    await handle.close();
    await database.drop();
  }
}
if (E2E > 0) await endToEnd();
