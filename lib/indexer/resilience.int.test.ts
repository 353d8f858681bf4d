import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase, openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { startFlakyRpcProxy, type FlakyRpcProxy } from "./testing/flaky-rpc-proxy";
import { generateTraffic, type TrafficTotals } from "./testing/traffic";
import {
  blockNumber,
  dumpIndexedTables,
  indexedBlock,
  OWNER,
  runCli,
  runOnce,
  startChainWithToken,
  transferTotals,
  type Chain,
} from "./testing/harness";

const CHAIN_ID = 31337;
let chain: Chain;
let truth: TrafficTotals;
let head: bigint;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  chain = await startChainWithToken(CHAIN_ID);
  truth = await generateTraffic({
    rpcUrl: chain.node.rpcUrl,
    token: chain.token,
    owner: OWNER,
    blocks: 60,
    transfersPerBlock: 50,
  });
  head = await blockNumber(chain.node.rpcUrl);
});

afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await chain?.node.stop();
});

async function freshDb(): Promise<{ handle: DbHandle; database: TestDatabase }> {
  const d = await openTestDb("usd1_res");
  cleanup.push(async () => {
    await d.handle.close();
    await d.database.drop();
  });
  return d;
}

async function proxy(
  opts: Omit<Parameters<typeof startFlakyRpcProxy>[0], "upstream">,
): Promise<FlakyRpcProxy> {
  const p = await startFlakyRpcProxy({ upstream: chain.node.rpcUrl, ...opts });
  cleanup.push(() => p.close());
  return p;
}

function expectTruth(totals: Awaited<ReturnType<typeof transferTotals>>) {
  expect(totals.mint).toEqual(truth.mint);
  expect(totals.burn).toEqual(truth.burn);
  expect(totals.transfer).toEqual(truth.transfer);
}

describe("a hostile RPC still gives the exact result", () => {
  it("survives 429/503/dropped connections/JSON-RPC errors, range and result limits, with failover", async () => {
    const { handle } = await freshDb();
    const limits = { maxBlockRange: 7, maxLogs: 120, maxResponseBytes: 200_000 };
    const a = await proxy({
      seed: 7,
      rateLimit429: 0.12,
      error503: 0.08,
      error500Json: 0.05,
      dropConnection: 0.05,
      // The first request is refused, so the pool fails over to b, whose first request is dropped.
      firstFaults: ["rateLimit429"],
      ...limits,
    });
    const b = await proxy({
      seed: 8,
      rateLimit429: 0.1,
      error503: 0.1,
      dropConnection: 0.05,
      firstFaults: ["dropConnection"],
      ...limits,
    });
    const { summary, indexer } = await runOnce(handle, {
      rpcUrls: [a.url, b.url],
      chainId: CHAIN_ID,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      toBlock: head.toString(),
      initialSpan: "50",
    });
    expect(summary.matches).toBe(true);
    expectTruth(await transferTotals(handle.db, CHAIN_ID));
    // The faults really happened, and the fetcher really had to shrink its ranges.
    expect((a.stats.rateLimit429 ?? 0) + (b.stats.rateLimit429 ?? 0)).toBeGreaterThan(0);
    expect((a.stats.dropConnection ?? 0) + (b.stats.dropConnection ?? 0)).toBeGreaterThan(0);
    expect((a.stats.maxBlockRange ?? 0) + (b.stats.maxBlockRange ?? 0)).toBeGreaterThan(0);
    expect((a.stats.maxLogs ?? 0) + (b.stats.maxLogs ?? 0)).toBeGreaterThan(0);
    expect(indexer.fetcher.shrinks).toBeGreaterThan(0);
    const [cp] = rowsOf<{ rpc_errors: number }>(
      await handle.db.execute(sql`select rpc_errors from indexer_checkpoints`),
    );
    expect(cp?.rpc_errors).toBeGreaterThan(0);
  });
});

describe("crash safety", () => {
  it("killed with SIGKILL three times mid-backfill, ends identical to a clean run", async () => {
    const clean = await freshDb();
    const base = {
      rpcUrls: [chain.node.rpcUrl],
      chainId: CHAIN_ID,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      toBlock: head.toString(),
    };
    await runOnce(clean.handle, { ...base, targetLogs: 100 });
    const expected = await dumpIndexedTables(clean.handle.db);

    // The provider's result limit forces small ranges, so the run spans many transactions.
    const slow = await proxy({ seed: 3, delayMs: [40, 80], maxLogs: 120 });
    const target = await createTestDatabase("usd1_kill");
    const args = [
      "--rpc",
      slow.url,
      "--chain-id",
      String(CHAIN_ID),
      "--address",
      chain.token,
      "--from-block",
      chain.deployBlock.toString(),
      "--to-block",
      head.toString(),
      "--confirmations",
      "0",
      "--target-logs",
      "100",
    ];
    const env = { DATABASE_URL: target.url };
    const observer = await openDb({ url: target.url, poolSize: 1 });
    cleanup.push(async () => {
      await observer.close();
      await target.drop();
    });
    const killedAt: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      const run = runCli(args, env);
      // Wait until this run has written past where the last one stopped, then kill it mid-flight.
      const floor = killedAt[killedAt.length - 1] ?? chain.deployBlock - 1n;
      for (;;) {
        const got = await indexedBlock(observer).catch(() => null);
        if (got !== null && got > floor) break;
        if (run.child.exitCode !== null)
          throw new Error(
            `indexer exited early (${run.child.exitCode}): ${run.stderr()} ${run.stdout().slice(-2000)}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
      run.child.kill("SIGKILL");
      await run.exit;
      killedAt.push((await indexedBlock(observer)) ?? -1n);
    }
    expect(killedAt.every((b) => b > chain.deployBlock && b < head)).toBe(true);
    const final = runCli(args, env);
    const finalCode = await final.exit;
    expect(final.stderr()).toBe("");
    expect(finalCode).toBe(0);
    const got = await dumpIndexedTables(observer.db);
    for (const k of Object.keys(expected)) expect({ [k]: got[k] }).toEqual({ [k]: expected[k] });
    expectTruth(await transferTotals(observer.db, CHAIN_ID));
  });
});

describe("bad input ends with a one-line error and changes nothing", () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      "malformed --address",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "31337",
        "--address",
        "0x1234",
        "--from-block",
        "0",
        "--to-block",
        "1",
      ],
      /invalid --address/,
    ],
    [
      "unreachable RPC",
      () => [
        "--rpc",
        "http://127.0.0.1:9",
        "--chain-id",
        "31337",
        "--address",
        chain.token,
        "--from-block",
        "0",
        "--to-block",
        "1",
      ],
      /cannot reach RPC http:\/\/127\.0\.0\.1:9/,
    ],
    [
      "wrong chain id",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "56",
        "--address",
        chain.token,
        "--from-block",
        "0",
        "--to-block",
        "1",
      ],
      /serves chain id 31337, expected 56/,
    ],
    [
      "no contract at the address",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "31337",
        "--address",
        OWNER,
        "--from-block",
        "0",
        "--to-block",
        "1",
      ],
      /no contract at/,
    ],
    [
      "a contract without totalSupply",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "31337",
        "--address",
        chain.proxyAdmin,
        "--from-block",
        "0",
        "--to-block",
        "1",
      ],
      /has no totalSupply\(\)/,
    ],
    [
      "--to-block with --follow",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "31337",
        "--address",
        chain.token,
        "--from-block",
        "0",
        "--to-block",
        "1",
        "--follow",
      ],
      /either --to-block or --follow/,
    ],
    [
      "a --governor without code",
      () => [
        "--rpc",
        chain.node.rpcUrl,
        "--chain-id",
        "31337",
        "--address",
        chain.token,
        "--from-block",
        "0",
        "--to-block",
        "1",
        "--governor",
        OWNER,
      ],
      /no contract at --governor/,
    ],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const database = await createTestDatabase("usd1_bad");
    cleanup.push(() => database.drop());
    const run = runCli(args(), { DATABASE_URL: database.url });
    const code = await run.exit;
    expect(code).not.toBe(0);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    const h = await openDb({ url: database.url, poolSize: 1 });
    try {
      const rows = rowsOf<{ n: string }>(
        await h.db.execute(
          sql`select count(*)::text as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
        ),
      );
      expect(rows[0]?.n).toBe("0");
    } finally {
      await h.close();
    }
  });
});
