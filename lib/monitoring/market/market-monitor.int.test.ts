// The market monitor on Postgres: R13 and R14 derived from stored reports and swaps, written
// once (a second run changes nothing), withdrawn when a reorg takes their log away and
// reinstated when it comes back; a decided case is never withdrawn.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import {
  alerts,
  chains,
  enteredSupply,
  pegPools,
  poolSwaps,
  reserveReports,
  reserveSources,
  transfers,
} from "@/db/schema";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { evaluateMarketRules } from "./evaluate";

const E = 10n ** 18n;
const T0 = Date.parse("2026-06-01T00:00:00Z") / 1000;
const H = 3_600;
const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d" as const;
const FEED = "0x00000000000000000000000000000000000000f1" as const;
const POOL = "0x00000000000000000000000000000000000000aa" as const;
const ZERO = "0x0000000000000000000000000000000000000000" as const;
const hx = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const at = (s: number) => new Date((T0 + s) * 1000);
const Q96 = 1n << 96n;
const SQRT_098 = 78431879364700595886224713518n; // price 0.979999… (python Fraction)

let db: { handle: DbHandle; database: TestDatabase };
let poolId = 0;

type Swap = typeof poolSwaps.$inferInsert;
const swap = (n: number, s: number, sqrt: bigint): Swap => ({
  poolId,
  chainId: 31337,
  blockNumber: BigInt(1000 + n),
  blockHash: hx(5000 + n),
  txHash: hx(9000 + n),
  logIndex: 1,
  blockTime: at(s),
  sender: ZERO,
  recipient: ZERO,
  amount0: 0n,
  amount1: 0n,
  sqrtPriceX96: sqrt,
  liquidity: 1000n,
  tick: 0,
});

beforeAll(async () => {
  db = await openTestDb("usd1_market_monitor");
  const d = db.handle.db;
  await d
    .insert(chains)
    .values({
      chainId: 31337,
      name: "Ethereum (local)",
      tokenAddress: TOKEN,
      startBlock: 0n,
      confirmations: 0,
    });
  await d.insert(transfers).values({
    chainId: 31337,
    blockNumber: 1n,
    blockTime: at(0),
    txHash: hx(1),
    logIndex: 0,
    fromAddress: ZERO,
    toAddress: TOKEN,
    amount: 1000n * E,
    kind: "mint",
  });
  await d.insert(enteredSupply).values({
    chain: "tron",
    supplyWei: 100n * E,
    asOf: "2026-06-01",
    source: "tronscan",
    enteredBy: "u",
    enteredByEmail: "u@example.test",
  });
  const [src] = await d
    .insert(reserveSources)
    .values({
      chainId: 31337,
      kind: "aggregator_v3",
      address: FEED,
      decimals: 18,
      label: "USD1 PoR",
      startBlock: 0n,
    })
    .returning();
  const report = (n: number, s: number, reserves: bigint) => ({
    sourceId: src!.id,
    chainId: 31337,
    blockNumber: BigInt(n),
    blockHash: hx(100 + n),
    txHash: hx(200 + n),
    logIndex: 0,
    roundId: BigInt(n),
    answer: reserves,
    reservesWei: reserves,
    reportedAt: at(s),
    blockTime: at(s),
  });
  // Supply is 1,000 indexed + 100 entered: the 02:00 report (1,000) is below it.
  await d
    .insert(reserveReports)
    .values([report(10, H, 1200n * E), report(20, 2 * H, 1000n * E), report(30, 3 * H, 1200n * E)]);
  const [pool] = await d
    .insert(pegPools)
    .values({
      chainId: 31337,
      address: POOL,
      dex: "uniswap_v3",
      token0: TOKEN,
      token1: "0xdac17f958d2ee523a2206206994597c13d831ec7",
      usd1IsToken0: true,
      usd1Decimals: 18,
      quoteSymbol: "USDT",
      quoteDecimals: 18,
      fee: 100,
      label: "USD1/USDT",
      startBlock: 0n,
    })
    .returning();
  poolId = pool!.id;
  // 00:10–00:30 at 0.98 (−200 bps): four 5-minute buckets, so ≥ 50 bps for 15 min and ≥ 200 bps.
  await d
    .insert(poolSwaps)
    .values([swap(1, 0, Q96), swap(2, 600, SQRT_098), swap(3, 1800, Q96), swap(4, 3 * H + 300, Q96)]);
});
afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

async function live() {
  const rows = await db.handle.db
    .select({
      rule: alerts.ruleId,
      severity: alerts.severity,
      status: alerts.status,
      tx: alerts.txHash,
      text: alerts.explanation,
    })
    .from(alerts)
    .orderBy(alerts.ruleId, alerts.severity, alerts.id);
  return rows.map((r) => [r.rule, r.severity, r.status, r.tx]);
}

describe("market monitor", () => {
  it("raises R13 on the report below supply and R14 on the depeg, exactly once", async () => {
    const r = await evaluateMarketRules(db.handle.db);
    expect(r.now).toBe(T0 + 3 * H + 300);
    expect(r.rules.map((x) => [x.ruleId, x.derived, x.inserted, x.withdrawn])).toEqual([
      ["R13", 1, 1, 0],
      ["R14", 2, 2, 0],
    ]);
    expect(await live()).toEqual([
      ["R13", "high", "open", hx(220)],
      ["R14", "high", "open", hx(9002)],
      ["R14", "severe", "open", hx(9002)],
    ]);
    const [r13] = await db.handle.db.select().from(alerts).where(eq(alerts.ruleId, "R13"));
    expect(r13?.explanation).toBe(
      "USD1 PoR reported reserves of 1,000.00 USD1 at 2026-06-01T02:00:00Z, against a native supply of 1,100.00 USD1 at that block: a collateral ratio of 90.90%, below 100%.",
    );
    expect(r13?.amount).toBe(100n * E);
    const again = await evaluateMarketRules(db.handle.db);
    expect(again.rules.map((x) => [x.inserted, x.reinstated, x.withdrawn])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("withdraws what a rolled-back swap raised and reinstates it when the swap is back", async () => {
    const d = db.handle.db;
    const [gone] = await d
      .delete(poolSwaps)
      .where(and(eq(poolSwaps.poolId, poolId), eq(poolSwaps.blockNumber, 1002n)))
      .returning();
    const r = await evaluateMarketRules(d);
    expect(r.rules.find((x) => x.ruleId === "R14")?.withdrawn).toBe(2);
    expect((await live()).filter((a) => a[0] === "R14").map((a) => a[2])).toEqual(["withdrawn", "withdrawn"]);
    await d.insert(poolSwaps).values(gone!);
    const back = await evaluateMarketRules(d);
    expect(back.rules.find((x) => x.ruleId === "R14")?.reinstated).toBe(2);
    expect((await live()).filter((a) => a[0] === "R14").map((a) => a[2])).toEqual(["open", "open"]);
  });

  it("keeps a decided case when its report is rolled back", async () => {
    const d = db.handle.db;
    await d.execute(sql`update alerts set status = 'in_review' where rule_id = 'R13'`);
    await d.delete(reserveReports).where(eq(reserveReports.blockNumber, 20n));
    const r = await evaluateMarketRules(d);
    expect(r.rules.find((x) => x.ruleId === "R13")).toMatchObject({
      derived: 0,
      withdrawn: 0,
      keptDecided: 1,
    });
    expect((await live()).find((a) => a[0] === "R13")?.[2]).toBe("in_review");
  });
});
