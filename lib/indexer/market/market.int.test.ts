// The market follower (issue #17) against anvil: the same rows whether it runs in one go, crashes
// mid-way and restarts, or reads through a hostile RPC; a reorg drops orphaned rows and indexes
// the new branch; `npm run indexer` runs it beside the token, with R13/R14.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { encodeFunctionData, numberToHex, type Address, type Hex } from "viem";
import type { Db, DbHandle } from "@/db/client";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { marketCheckpoints, poolSwaps, reserveReports } from "@/db/schema";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { AnvilNode } from "@/lib/demo/chain/anvil";
import { startDemoChain } from "@/lib/demo/chain/demo-chain";
import { demoPoolRouterAbi, demoReserveFeedAbi } from "@/lib/demo/contracts/market/market-abi";
import { seedMarketSources } from "@/lib/demo/market/seed";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { executePlan, planDays } from "@/lib/demo/simulator";
import { RpcPool } from "../rpc";
import { startFlakyRpcProxy } from "../testing/flaky-rpc-proxy";
import { quietLog, rawRpc, runCli, until } from "../testing/harness";
import { createMarketFollower } from "./follower";

const CHAIN_ID = 31337;
const network = demoNetworkPlan({ seed: "market-idx", days: 3, scale: 0.02, endDate: "2026-03-10" });
const plan = network.plans.find((c) => c.chainId === CHAIN_ID)!.plan;
const market = network.market!;
const d = market.pools.find((p) => p.chainId === CHAIN_ID)!;
const feed = market.reserveFeed!;
let node: AnvilNode;
let marketBlock: bigint;
let token: { address: Address; deployBlock: bigint };
const dbs: { handle: DbHandle; database: TestDatabase }[] = [];

async function freshDb() {
  const db = await openTestDb("usd1_market_idx");
  dbs.push(db);
  await seedMarketSources(db.handle.db, market, new Map([[CHAIN_ID, marketBlock]]));
  return db.handle.db;
}

const follower = (url = node.rpcUrl, span?: bigint) =>
  createMarketFollower({
    pool: new RpcPool({ urls: [url], logger: quietLog }),
    chainId: CHAIN_ID,
    log: quietLog,
    ...(span ? { initialSpan: span, maxSpan: span } : {}),
  });

async function dump(db: Db) {
  const swaps = await db.select().from(poolSwaps).orderBy(asc(poolSwaps.blockNumber), asc(poolSwaps.logIndex));
  const reports = await db.select().from(reserveReports).orderBy(asc(reserveReports.blockNumber));
  const cps = await db.select().from(marketCheckpoints).orderBy(asc(marketCheckpoints.target));
  return { swaps, reports, tips: cps.map((c) => [c.target, c.indexedBlock, c.indexedBlockHash]) };
}

/** A database whose 3rd transaction dies after doing its work, before it commits (a crash). */
function crashingDb(db: Db, at: number): Db {
  let n = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: Db) => Promise<unknown>) =>
        target.transaction(async (tx) => {
          const out = await fn(tx as unknown as Db);
          if (++n === at) throw new Error("process killed before commit");
          return out;
        });
    },
  });
}

let reference: Awaited<ReturnType<typeof dump>>;

beforeAll(async () => {
  const c = await startDemoChain({ chainId: CHAIN_ID, plan, pool: network.pools[CHAIN_ID] as Address });
  node = c.node;
  marketBlock = c.marketBlock as bigint;
  token = { address: c.token, deployBlock: c.deployBlock };
  for (const day of planDays(plan)) {
    await executePlan({ rpcUrl: node.rpcUrl, token: c.token, governor: c.governor, owner: plan.owner, plan, range: day });
  }
  const db = await freshDb();
  await follower().step(db);
  reference = await dump(db);
}, 300_000);

afterAll(async () => {
  for (const db of dbs) {
    await db.handle.close();
    await db.database.drop();
  }
  await node?.stop();
});

describe("market follower", () => {
  it("indexes exactly the planned swaps and reports", () => {
    const swaps = plan.actions.filter((a) => a.kind === "swap");
    expect(reference.swaps).toHaveLength(swaps.length);
    expect(reference.swaps.length).toBeGreaterThan(20);
    expect(reference.reports.map((r) => r.reservesWei)).toEqual(market.reserveReports.map((r) => r.reservesWei));
    expect(reference.swaps.every((s) => s.poolId === reference.swaps[0]!.poolId)).toBe(true);
  });

  it("after a crash before a commit, a restart writes exactly the same rows", async () => {
    const db = await freshDb();
    await expect(follower(node.rpcUrl, 40n).step(crashingDb(db, 3))).rejects.toThrow(/killed/);
    const partial = await dump(db);
    expect(partial.swaps.length).toBeLessThan(reference.swaps.length);
    await follower(node.rpcUrl, 40n).step(db);
    expect(await dump(db)).toEqual(reference);
  });

  it("through a hostile RPC (429s, 503s, JSON errors, range and result limits, a lagging backend) the rows are the same", async () => {
    const proxy = await startFlakyRpcProxy({
      upstream: node.rpcUrl,
      seed: 17,
      rateLimit429: 0.05,
      error503: 0.05,
      error500Json: 0.05,
      maxBlockRange: 25,
      maxLogs: 8,
      lagBlocks: 4,
      lagRate: 0.3,
    });
    try {
      const db = await freshDb();
      const f = follower(proxy.url);
      for (let i = 0; ; i++) {
        try {
          await f.step(db);
          break;
        } catch (err) {
          if (i > 40) throw err;
        }
      }
      expect(await dump(db)).toEqual(reference);
      expect(proxy.stats.maxLogs ?? 0).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it("rolls back rows of a reorged branch and indexes the new one", async () => {
    const db = await freshDb();
    const send = (from: Address, to: Address, data: Hex) =>
      rawRpc(node.rpcUrl, "eth_sendTransaction", [{ from, to, data, gas: numberToHex(2_000_000), gasPrice: "0x0" }]);
    const report = (answer: bigint) =>
      encodeFunctionData({ abi: demoReserveFeedAbi, functionName: "report", args: [answer, 1_900_000_000n] });
    // A swap and a report in the last three blocks, indexed...
    await send(d.trader, d.router, encodeFunctionData({ abi: demoPoolRouterAbi, functionName: "swap", args: [d.pool, d.usd1IsToken0, 10n ** 19n] })); // prettier-ignore
    await send(feed.reporter, feed.feed, report(111n * 10n ** 18n));
    await rawRpc(node.rpcUrl, "evm_mine", []);
    await follower().step(db);
    const before = await dump(db);
    expect(before.swaps).toHaveLength(reference.swaps.length + 1);
    expect(before.reports.at(-1)?.reservesWei).toBe(111n * 10n ** 18n);
    // ...then replaced by a branch with another report and no swap.
    await rawRpc(node.rpcUrl, "anvil_reorg", [
      3,
      [[{ from: feed.reporter, to: feed.feed, data: report(222n * 10n ** 18n), gas: numberToHex(500_000), gasPrice: "0x0" }, 1]],
    ]);
    const r = await follower().step(db);
    expect(r.reorgs).toBe(2);
    const after = await dump(db);
    expect(after.swaps).toEqual(reference.swaps);
    expect(after.reports.slice(0, -1)).toEqual(reference.reports);
    expect(after.reports.at(-1)?.reservesWei).toBe(222n * 10n ** 18n);
    const [cp] = await db.select().from(marketCheckpoints).where(eq(marketCheckpoints.target, "reserve_source"));
    expect(cp?.lastReorgDepth).toBeGreaterThanOrEqual(3);
  });

  // After the reorg above the chain's last report says 222 USD1 of reserves (dated 2030).
  it("npm run indexer indexes the configured sources and pools beside the token (--to-block, then to the head) and runs R13/R14", async () => {
    const db = await openTestDb("usd1_market_cli");
    dbs.push(db);
    await seedMarketSources(db.handle.db, market, new Map([[CHAIN_ID, marketBlock]]));
    const args = ["--rpc", node.rpcUrl, "--chain-id", String(CHAIN_ID), "--address", token.address, "--from-block", token.deployBlock.toString(), "--confirmations", "0"]; // prettier-ignore
    const mid = reference.swaps[10]!.blockNumber;
    const first = runCli([...args, "--to-block", mid.toString()], { DATABASE_URL: db.database.url });
    expect(await first.exit, first.stderr()).toBe(0);
    const partial = await dump(db.handle.db);
    expect(partial.swaps).toEqual(reference.swaps.slice(0, 11));
    expect(partial.reports).toEqual(reference.reports.filter((r) => r.blockNumber <= mid));
    expect(partial.tips.map(([target, block]) => [target, block])).toEqual([["peg_pool", mid], ["reserve_source", mid]]);

    const second = runCli(args, { DATABASE_URL: db.database.url });
    expect(await second.exit, second.stderr()).toBe(0);
    const full = await dump(db.handle.db);
    const byFollower = await freshDb();
    await createMarketFollower({ pool: new RpcPool({ urls: [node.rpcUrl], logger: quietLog }), chainId: CHAIN_ID, log: quietLog }).step(byFollower); // prettier-ignore
    expect(full).toEqual(await dump(byFollower));
    expect(full.reports.at(-1)?.reservesWei).toBe(222n * 10n ** 18n);
    // R13 on the 222 USD1 report: below the indexed supply and down more than 5% in a day, and the
    // report before it stale (the next is dated 2030); the pool's swaps stay near $1 (no R14).
    const alerts = (await listChainAlerts(db.handle.db, CHAIN_ID)).filter((a) => a.ruleId === "R13" || a.ruleId === "R14");
    expect(alerts.map((a) => `${a.ruleId} ${a.key.split("|")[2]}`).sort()).toEqual(["R13 drop", "R13 ratio_below", "R13 stale"]);
  });

  it("npm run indexer --follow follows them beside the token, raises R13/R14, and stops on SIGTERM", async () => {
    const db = await openTestDb("usd1_market_cli");
    dbs.push(db);
    await seedMarketSources(db.handle.db, market, new Map([[CHAIN_ID, marketBlock]]));
    const args = ["--rpc", node.rpcUrl, "--chain-id", String(CHAIN_ID), "--address", token.address, "--from-block", token.deployBlock.toString(), "--confirmations", "0", "--follow", "--poll-ms", "200"]; // prettier-ignore
    const run = runCli(args, { DATABASE_URL: db.database.url });
    const byFollower = await freshDb();
    await createMarketFollower({ pool: new RpcPool({ urls: [node.rpcUrl], logger: quietLog }), chainId: CHAIN_ID, log: quietLog }).step(byFollower); // prettier-ignore
    const expected = await dump(byFollower);
    await until("the market rows and R13's three alerts", async () => {
      const alerts = (await listChainAlerts(db.handle.db, CHAIN_ID)).filter((a) => a.ruleId === "R13");
      return alerts.length === 3 && JSON.stringify(await dump(db.handle.db), (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) === JSON.stringify(expected, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)); // prettier-ignore
    }, 60_000);
    run.child.kill("SIGTERM");
    expect(await run.exit, run.stderr()).toBe(0);
  });
});
