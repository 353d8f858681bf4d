// The case page's evidence for market alerts (R13, R14; issue #17): evidence rows that point at
// reserve reports and pool swaps come back with their feed or pool and exact figures, not as
// logs "no longer indexed"; a row whose report or swap is gone still does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { chains, pegPools, poolSwaps, reserveReports, reserveSources } from "../schema";
import { alertEvidence } from "../schema/monitoring";
import { addr, insertTestAlert, txHash } from "../testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { getAlertCase } from "./alert-case";

let handle: DbHandle;
let database: TestDatabase;
let r13: number;
let r14: number;

const CHAIN = 31337;
const FEED = addr(0xfeed);
const POOL_A = addr(0xa0a0); // USD1 is token0, USDT 18 decimals
const POOL_B = addr(0xb0b0); // USD1 is token1, USDT 6 decimals
const USD1 = addr(0x1234);
const USDT_A = addr(0x9999); // above USD1: pool A is USD1/USDT
const USDT_B = addr(0x0777); // below USD1: pool B is USDT/USD1
const Q96 = 1n << 96n;
/** √price = 255/256 exactly: USD1 at (255/256)² = 0.9922027587890625 USDT. */
const SQRT_A = (Q96 * 255n) / 256n;
/** Token0 (USDT, 6 dec) at (255/256)² per USD1 after decimals: USD1 at (256/255)² = 1.00785855… */
const SQRT_B = (Q96 * 10n ** 6n * 255n) / 256n;
const T = (iso: string) => new Date(iso);

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alert_case_market"));
  const db = handle.db;
  await db.insert(chains).values({ chainId: CHAIN, name: "Ethereum (local)", tokenAddress: USD1, startBlock: 0n, confirmations: 0 }); // prettier-ignore
  const [feed] = await db
    .insert(reserveSources)
    .values({
      chainId: CHAIN,
      kind: "aggregator_v3",
      address: FEED,
      decimals: 8,
      label: "USD1 PoR (demo)",
      startBlock: 1n,
    })
    .returning({ id: reserveSources.id });
  const report = (block: bigint, round: bigint, answer: bigint, at: string) => ({
    sourceId: feed!.id,
    chainId: CHAIN,
    blockNumber: block,
    blockHash: txHash(Number(block) + 50_000),
    txHash: txHash(Number(block)),
    logIndex: 2,
    roundId: round,
    answer,
    reservesWei: answer * 10n ** 10n,
    reportedAt: T(at),
    blockTime: T(at),
  });
  await db.insert(reserveReports).values([
    report(100n, 7n, 2_500_000_123_456_789n, "2026-03-14T08:00:00Z"), // 25,000,001.23456789 USD
    report(130n, 8n, 2_462_500_000_000_000n, "2026-03-14T12:00:05Z"), // 24,625,000 USD
  ]);
  const [a, b] = await db
    .insert(pegPools)
    .values([
      { chainId: CHAIN, address: POOL_A, dex: "uniswap_v3", token0: USD1, token1: USDT_A, usd1IsToken0: true, usd1Decimals: 18, quoteSymbol: "USDT", quoteDecimals: 18, fee: 100, label: "USD1/USDT 0.01%", startBlock: 1n }, // prettier-ignore
      { chainId: CHAIN, address: POOL_B, dex: "pancake_v3", token0: USDT_B, token1: USD1, usd1IsToken0: false, usd1Decimals: 18, quoteSymbol: "USDT", quoteDecimals: 6, fee: 500, label: "USDT/USD1 0.05%", startBlock: 1n }, // prettier-ignore
    ])
    .returning({ id: pegPools.id });
  await db.insert(poolSwaps).values([
    // A sell of 500,000 USD1 into pool A for 496,100.25 USDT (18 decimals).
    { poolId: a!.id, chainId: CHAIN, blockNumber: 200n, blockHash: txHash(60_200), txHash: txHash(200), logIndex: 4, blockTime: T("2026-03-15T11:59:00Z"), sender: addr(0x7a), recipient: addr(0x7b), amount0: 500_000n * 10n ** 18n, amount1: -496_100_250_000_000_000_000_000n, sqrtPriceX96: SQRT_A, liquidity: 123_456_789_012_345_678_901n, tick: -78 }, // prettier-ignore
    // A buy of 1,000 USD1 out of pool B for 1,007.858516 USDT (6 decimals).
    { poolId: b!.id, chainId: CHAIN, blockNumber: 210n, blockHash: txHash(60_210), txHash: txHash(210), logIndex: 0, blockTime: T("2026-03-15T12:00:00Z"), sender: addr(0x7a), recipient: addr(0x7b), amount0: 1_007_858_516n, amount1: -1_000n * 10n ** 18n, sqrtPriceX96: SQRT_B, liquidity: 9_876_543_210n, tick: 276_402 }, // prettier-ignore
  ]);
  r13 = await insertTestAlert(db, { ruleId: "R13", subject: null, addresses: [] });
  r14 = await insertTestAlert(db, { ruleId: "R14", subject: null, addresses: [] });
  const ev = (
    alertId: number,
    source: "reserve_report" | "pool_swap",
    block: bigint,
    logIndex: number,
    role: string,
  ) => ({
    alertId,
    chainId: CHAIN,
    source,
    blockNumber: block,
    txHash: txHash(Number(block)),
    logIndex,
    role,
  });
  await db.insert(alertEvidence).values([
    ev(r13, "reserve_report", 130n, 2, "trigger"),
    ev(r13, "reserve_report", 100n, 2, "before"),
    ev(r14, "pool_swap", 210n, 0, "swap"),
    ev(r14, "pool_swap", 200n, 4, "trigger"),
    ev(r14, "pool_swap", 220n, 1, "swap"), // its swap is gone (a reorg)
  ]);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("getAlertCase: market evidence", () => {
  it("R13: each reserve report with its feed, round, report time and reserves to the wei", async () => {
    const c = await getAlertCase(handle.db, { id: r13 });
    expect(
      c!.evidence.map((e) => [
        e.source,
        e.role,
        e.blockNumber,
        e.indexed,
        e.blockTime,
        e.kind,
        e.amount,
        e.swap,
      ]),
    ).toEqual([
      ["reserve_report", "before", 100n, true, "2026-03-14T08:00:00Z", null, null, null],
      ["reserve_report", "trigger", 130n, true, "2026-03-14T12:00:05Z", null, null, null],
    ]);
    expect(c!.evidence.map((e) => e.report)).toEqual([
      {
        sourceLabel: "USD1 PoR (demo)",
        sourceKind: "aggregator_v3",
        sourceAddress: FEED,
        roundId: 7n,
        answer: 2_500_000_123_456_789n,
        decimals: 8,
        reservesWei: 25_000_001_234_567_890_000_000_000n,
        reportedAt: "2026-03-14T08:00:00Z",
      },
      {
        sourceLabel: "USD1 PoR (demo)",
        sourceKind: "aggregator_v3",
        sourceAddress: FEED,
        roundId: 8n,
        answer: 2_462_500_000_000_000n,
        decimals: 8,
        reservesWei: 24_625_000_000_000_000_000_000_000n,
        reportedAt: "2026-03-14T12:00:05Z",
      },
    ]);
  });

  it("R14: each swap with its pool, USD1-side amounts, liquidity and the exact price in centi-bps; a lost swap stays listed", async () => {
    const c = await getAlertCase(handle.db, { id: r14 });
    expect(
      c!.evidence.map((e) => [e.role, e.blockNumber, e.txHash, e.indexed, e.blockTime, e.report]),
    ).toEqual([
      ["trigger", 200n, txHash(200), true, "2026-03-15T11:59:00Z", null],
      ["swap", 210n, txHash(210), true, "2026-03-15T12:00:00Z", null],
      ["swap", 220n, txHash(220), false, null, null],
    ]);
    expect(c!.evidence.map((e) => e.swap)).toEqual([
      {
        poolLabel: "USD1/USDT 0.01%",
        poolAddress: POOL_A,
        dex: "uniswap_v3",
        fee: 100,
        quoteSymbol: "USDT",
        quoteDecimals: 18,
        usd1Delta: 500_000n * 10n ** 18n,
        quoteDelta: -496_100_250_000_000_000_000_000n,
        sqrtPriceX96: 78_918_677_504_442_992_524_819_169_280n,
        liquidity: 123_456_789_012_345_678_901n,
        tick: -78,
        // (255/256)² = 0.9922027587890625: −77.9724… bps, truncated toward zero.
        priceE18: 992_202_758_789_062_500n,
        deviationCentiBps: -7797n,
      },
      {
        poolLabel: "USDT/USD1 0.05%",
        poolAddress: POOL_B,
        dex: "pancake_v3",
        fee: 500,
        quoteSymbol: "USDT",
        quoteDecimals: 6,
        usd1Delta: -1_000n * 10n ** 18n,
        quoteDelta: 1_007_858_516n,
        sqrtPriceX96: 78_918_677_504_442_992_524_819_169_280_000_000n,
        liquidity: 9_876_543_210n,
        tick: 276_402,
        // (256/255)² = 1.0078585159554017…: +78.5851… bps.
        priceE18: 1_007_858_515_955_401_768n,
        deviationCentiBps: 7858n,
      },
      null,
    ]);
  });
});
