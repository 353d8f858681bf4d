// The supply series and the monthly PDF report, computed from the same queries as the screens.
import { sql } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbHandle } from "@/db/client";
import { getSupplySeries } from "@/db/queries/exports";
import { getSupplyByChain } from "@/db/queries/overview";
import { enteredSupply, pegPools, poolSwaps, reserveReports, reserveSources } from "@/db/schema";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { loadMonthlyReportData } from "./pdf/monthly-data";
import { renderMonthlyReport } from "./pdf/monthly-report";
import { audited, record } from "./testing/audited-export";
import { A, CHAIN, E18, seedExportFixture, W } from "./testing/export-fixture";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_monthly"));
  await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("supply series and the monthly report", () => {
  it("gives daily issuance and closing supply from the rollup", async () => {
    const rows = await getSupplySeries(handle.db, { fromDay: "2025-02-28", toDay: "2025-03-03" });
    expect(
      rows.map((r) => [
        r.day,
        r.issuerMinted,
        r.issuerBurned,
        r.bridgeBurned,
        r.netIssuance,
        r.closingSupply,
      ]),
    ).toEqual([
      ["2025-02-28", "0", "0", "0", "0", "0"],
      [
        "2025-03-01",
        (1_000_000n * E18).toString(),
        "0",
        "0",
        (1_000_000n * E18).toString(),
        (1_000_000n * E18).toString(),
      ],
      [
        "2025-03-02",
        "0",
        (5_000n * E18).toString(),
        (2_000n * E18).toString(),
        (-5_000n * E18).toString(),
        (993_000n * E18).toString(),
      ],
      ["2025-03-03", "0", "0", "0", "0", (993_000n * E18).toString()],
    ]);
  });

  it("computes the report from the views' queries, so it matches the screens, and prints it", async () => {
    const data = await loadMonthlyReportData(handle.db, {
      month: "2025-03",
      exportId: "EX-7K2M-9QH4-TZ8D",
      generatedAt: new Date("2025-04-01T08:30:00Z"),
      generatedBy: "compliance@demo.local (compliance_officer)",
    });
    const overview = await getSupplyByChain(handle.db);
    expect(data.supply.total).toEqual({
      opening: "0",
      closing: overview.total.toString(),
      issuerMinted: (1_000_000n * E18).toString(),
      issuerBurned: (5_000n * E18).toString(),
      bridgeMinted: "0",
      bridgeBurned: (2_000n * E18).toString(),
      netIssuance: (995_000n * E18).toString(),
    });
    expect(data.position.total).toBe((993_000n * E18).toString());
    // Top corridors rank adjusted volume: the treasury's US → AE payout is primary market, not a payment.
    expect(data.corridors.top.map((c) => `${c.origin}-${c.destination}`)).toEqual(["AE-ZZ", "ZZ-PK"]);
    expect(data.alerts?.rows.map((r) => [r.ruleId, r.counts, r.versions])).toEqual([
      ["R2", { open: 1 }, "v2"],
      ["R3", { escalated: 1 }, "v2"],
    ]);
    expect(data.adminEvents.rows.map((e) => e.kind)).toEqual(["freeze"]);
    expect(data.reconciliation[0]).toMatchObject({ matches: true, difference: "0" });

    const rec = record("monthly_report", "pdf", { month: "2025-03" });
    const { bytes, outcome } = await audited(
      handle.db,
      rec,
      await renderMonthlyReport({ ...data, exportId: rec.exportId }),
    );
    // No reserve figure yet (the feed and pools are seeded below): supply from 1 March, so the
    // section has the month-end close only, without a ratio, and R13/R14 at zero.
    expect(data.reserves.collateral).toMatchObject({ start: null, min: null, daysUnder: 0 });
    expect(data.reserves.collateral.end).toMatchObject({
      day: "2025-03-31",
      reservesWei: null,
      supplyWei: (993_000n * E18).toString(),
      ratioE18: null,
      coverageE18: E18.toString(),
    });
    expect([data.reserves.sources, data.reserves.pools]).toEqual([[], []]);
    // chains + reconciliations + reserves (month end, R13, R14) + top corridors (2: the treasury
    // payout is primary market) + alert rules + admin events
    expect(outcome.rowCount).toBe(1 + 1 + (1 + 2) + 2 + 2 + 1);
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain("Period: March 2025 (2025-03-01 to 2025-03-31, UTC)");
    expect(text).toContain(
      "Ethereum (local) 0.00 1,000,000.00 5,000.00 +995,000.00 0.00 2,000.00 993,000.00",
    );
    expect(text).toContain(`Export id ${rec.exportId}`);
  });
});

// April 2025 on the fixture's chain (native supply 993,000 indexed since 2 March), plus Tron's
// entered supply: 7,000 as of 20 March, 57,000 as of 10 April. One PoR feed and one pool on the
// fixture chain, and a feed and a pool on chain 56 that never reported (outside a 31337 scope).
const BNB = 56;
const HASH = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as `0x${string}`;
const Q96 = 1n << 96n;
// isqrt(p × 2^192) (python): 0.994, 0.97 and 1.003 USDT; exact TWAP deviations −6000, −30000 and
// +2999 centi-bps (the price rounds down to 1.002999…, truncated toward zero).
const SQRT_0994 = 78990120426382188667715683136n;
const SQRT_097 = 78030690650058200935715493075n;
const SQRT_1003 = 79346915759800272189730647825n;

async function seedReserves(db: Db): Promise<void> {
  await db.insert(enteredSupply).values(
    (
      [
        [7_000n, "2025-03-20"],
        [57_000n, "2025-04-10"],
      ] as const
    ).map(([usd, asOf]) => ({
      chain: "tron",
      supplyWei: usd * E18,
      asOf,
      source: "tronscan",
      enteredBy: "u1",
      enteredByEmail: "u1@example.test",
    })),
  );
  const [feed, bnbFeed] = await db
    .insert(reserveSources)
    .values([
      {
        chainId: CHAIN,
        kind: "aggregator_v3",
        address: A(0xf1),
        decimals: 18,
        label: "USD1 PoR",
        startBlock: 0n,
      },
      {
        chainId: BNB,
        kind: "aggregator_v3",
        address: A(0xf2),
        decimals: 18,
        label: "BNB PoR",
        startBlock: 0n,
      },
    ])
    .returning();
  expect(bnbFeed).toBeDefined();
  const reports: [string, bigint][] = [
    ["2025-03-31T18:00:00Z", 1_010_000n],
    ["2025-04-01T06:00:00Z", 1_020_000n],
    ["2025-04-05T12:00:00Z", 1_005_000n],
    ["2025-04-10T12:00:00Z", 1_040_000n],
    ["2025-04-11T00:30:00Z", 1_060_000n],
    ["2025-04-20T12:00:00Z", 1_061_000n],
    ["2025-04-25T00:00:00Z", 1_061_000n],
    ["2025-04-28T00:00:00Z", 1_061_000n],
  ];
  await db.insert(reserveReports).values(
    reports.map(([at, usd], i) => ({
      sourceId: feed!.id,
      chainId: CHAIN,
      blockNumber: BigInt(1000 + i),
      blockHash: HASH(0x1000 + i),
      txHash: HASH(0x2000 + i),
      logIndex: 0,
      roundId: BigInt(i + 1),
      answer: usd * E18,
      reservesWei: usd * E18,
      reportedAt: new Date(at),
      blockTime: new Date(at),
    })),
  );
  const pool = (chainId: number, address: `0x${string}`, label: string) => ({
    chainId,
    address,
    dex: "uniswap_v3" as const,
    token0: A(0x8d),
    token1: A(0xdac),
    usd1IsToken0: true,
    usd1Decimals: 18,
    quoteSymbol: "USDT",
    quoteDecimals: 18,
    fee: 100,
    label,
    startBlock: 0n,
  });
  const [ethPool] = await db
    .insert(pegPools)
    .values([pool(CHAIN, A(0xaa), "USD1/USDT 0.01%"), pool(BNB, A(0xbb), "USD1/USDT BNB")])
    .returning();
  const swaps: [string, bigint, bigint][] = [
    ["2025-03-31T23:00:00Z", Q96, 5_000n],
    ["2025-04-03T10:00:00Z", SQRT_0994, 5_000n],
    ["2025-04-03T10:20:00Z", SQRT_097, 4_000n],
    ["2025-04-03T10:30:00Z", SQRT_1003, 4_500n],
    ["2025-04-03T11:00:00Z", Q96, 4_800n],
    ["2025-04-29T12:00:00Z", Q96, 4_900n],
  ];
  await db.insert(poolSwaps).values(
    swaps.map(([at, sqrtPriceX96, liquidity], i) => ({
      poolId: ethPool!.id,
      chainId: CHAIN,
      blockNumber: BigInt(2000 + i),
      blockHash: HASH(0x3000 + i),
      txHash: HASH(0x4000 + i),
      logIndex: 1,
      blockTime: new Date(at),
      sender: A(0),
      recipient: A(0),
      amount0: 0n,
      amount1: 0n,
      sqrtPriceX96,
      liquidity: liquidity * E18,
      tick: 0,
    })),
  );
  // R13/R14 alerts: the withdrawn one and the one after the month do not count; the BNB one only unscoped.
  const alertRows: [string, string, string, number, string][] = [
    ["mk:r13:ratio", "R13", "high", CHAIN, "2025-04-10T12:00:00Z"],
    ["mk:r13:stale", "R13", "medium", CHAIN, "2025-04-11T00:30:00Z"],
    ["mk:r13:gone", "R13", "high", CHAIN, "2025-04-05T12:00:00Z"],
    ["mk:r14:depeg", "R14", "high", CHAIN, "2025-04-03T10:00:00Z"],
    ["mk:r14:severe", "R14", "severe", CHAIN, "2025-04-03T10:20:00Z"],
    ["mk:r14:bnb", "R14", "medium", BNB, "2025-04-15T00:00:00Z"],
    ["mk:r14:may", "R14", "high", CHAIN, "2025-05-01T00:00:00Z"],
  ];
  for (const [key, rule, severity, chainId, at] of alertRows) {
    await db.execute(sql`insert into alerts (alert_key, rule_id, rule_version, logic_version, params, severity,
        score, status, chain_id, subject, block_number, block_time, tx_hash, log_index, amount, addresses,
        entity_ids, explanation, facts)
      values (${key}, ${rule}, 1, 1, '{}', ${severity}, 50, ${key === "mk:r13:gone" ? "withdrawn" : "open"},
        ${chainId}, ${W.token}, 1000, ${at}::timestamptz, ${HASH(0x5000 + key.length)}, 0, null,
        '{}'::text[], '{}'::int[], ${`${rule} fixture`}, '{}')`);
  }
}

describe("the monthly report's Reserves & peg section", () => {
  beforeAll(async () => {
    await seedReserves(handle.db);
  });

  const load = (chainId?: number) =>
    loadMonthlyReportData(handle.db, {
      month: "2025-04",
      chainId,
      exportId: "EX-7K2M-9QH4-TZ8D",
      generatedAt: new Date("2025-05-02T08:00:00Z"),
      generatedBy: "compliance@demo.local (compliance_officer)",
    });

  it("takes the ratio at month start and end and its lowest close from the daily collateral series", async () => {
    const { collateral } = (await load()).reserves;
    // Start: close of 31 March, 1,010,000 against 993,000 indexed + 7,000 entered.
    expect(collateral.start).toEqual({
      day: "2025-03-31",
      reservesWei: (1_010_000n * E18).toString(),
      reservesAt: "2025-03-31T18:00:00.000Z",
      reservesSource: "USD1 PoR (feed)",
      supplyWei: (1_000_000n * E18).toString(),
      indexedSupplyWei: (993_000n * E18).toString(),
      enteredSupplyWei: (7_000n * E18).toString(),
      ratioE18: "1010000000000000000",
      coverageE18: "993000000000000000",
      underCollateralised: false,
    });
    // Lowest: 10 April, 1,040,000 against 1,050,000 (Tron entered 57,000 that day): 104/105.
    expect(collateral.min).toMatchObject({
      day: "2025-04-10",
      reservesAt: "2025-04-10T12:00:00.000Z",
      supplyWei: (1_050_000n * E18).toString(),
      ratioE18: "990476190476190476",
      coverageE18: "945714285714285714",
      underCollateralised: true,
    });
    expect(collateral.end).toMatchObject({
      day: "2025-04-30",
      reservesWei: (1_061_000n * E18).toString(),
      reservesAt: "2025-04-28T00:00:00.000Z",
      ratioE18: "1010476190476190476",
      coverageE18: "945714285714285714",
      enteredSupplyWei: (57_000n * E18).toString(),
    });
    expect(collateral.daysUnder).toBe(1);
    expect(collateral.daily).toHaveLength(30);
    expect(collateral.daily.slice(3, 5)).toEqual([
      { day: "2025-04-04", ratioE18: "1020000000000000000" },
      { day: "2025-04-05", ratioE18: "1005000000000000000" },
    ]);
  });

  it("gives each feed's longest silence, each pool's deviation range, minutes off the peg and the R13/R14 counts", async () => {
    const data = await load();
    expect(data.reserves.windowEnd).toBe("2025-05-01T00:00:00.000Z");
    expect(data.reserves.sources).toEqual([
      {
        chainId: BNB,
        address: A(0xf2),
        label: "BNB PoR",
        reports: 0,
        longestGap: null,
      },
      {
        chainId: CHAIN,
        address: A(0xf1),
        label: "USD1 PoR",
        reports: 7,
        // 11 April 00:30 to 20 April 12:00: 9 d 11 h 30 min.
        longestGap: {
          seconds: 819_000,
          from: "2025-04-11T00:30:00.000Z",
          to: "2025-04-20T12:00:00.000Z",
          open: false,
        },
      },
    ]);
    // By chain id, as the page lists them: BNB Chain (56) before the local chain (31337).
    const [bnbPool, ethPool] = data.reserves.pools;
    expect(ethPool).toMatchObject({
      label: "USD1/USDT 0.01%",
      minCentiBps: "-30000",
      minAt: "2025-04-03T10:20:00.000Z",
      maxCentiBps: "2999",
      maxAt: "2025-04-03T10:30:00.000Z",
      // 10:00–10:30 at −60 and −300 bps: 30 min at least 50 bps off, 10 min at least 200.
      secondsBeyond50: 1_800,
      secondsBeyond200: 600,
      pricedSeconds: 30 * 86_400,
      liquidityEnd: (4_900n * E18).toString(),
      swaps: 5,
    });
    expect(ethPool!.daily[2]).toEqual({ day: "2025-04-03", worstCentiBps: "-30000" });
    expect(bnbPool).toMatchObject({
      label: "USD1/USDT BNB",
      minCentiBps: null,
      liquidityEnd: null,
      pricedSeconds: 0,
    });
    expect(data.reserves.alerts?.rows.map((r) => [r.ruleId, r.counts, r.total])).toEqual([
      ["R13", { severe: 0, high: 1, medium: 1, low: 0 }, 2],
      ["R14", { severe: 1, high: 1, medium: 1, low: 0 }, 3],
    ]);

    const rec = record("monthly_report", "pdf", { month: "2025-04" });
    const { bytes, outcome } = await audited(
      handle.db,
      rec,
      await renderMonthlyReport({ ...data, exportId: rec.exportId }),
    );
    // chains + reconciliation + reserves (3 ratio points, 2 feeds, 2 pools, R13 and R14) + alert rules
    // (R13, R14; the transfer alerts are March's); no corridor or admin event in April.
    expect(outcome.rowCount).toBe(1 + 1 + (3 + 2 + 2 + 2) + 2);
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toContain("Reserves & peg");
    expect(text).toContain(
      "Month start 2025-03-31 1,010,000.00 1,000,000.00 993,000.00 7,000.00 101.00% 99.30%",
    );
    expect(text).toContain(
      "Month end 2025-04-30 1,061,000.00 1,050,000.00 993,000.00 57,000.00 101.04% 94.57%",
    );
    expect(text).toContain(
      "Lowest close 2025-04-10 1,040,000.00 1,050,000.00 993,000.00 57,000.00 99.04% 94.57%",
    );
    expect(text).toContain("USD1 PoR 31337 7 227.50 2025-04-11 00:30:00 to 2025-04-20 12:00:00");
    expect(text).toContain("BNB PoR 56 0 never reported");
    expect(text).toContain("USD1/USDT 0.01% 31337 -300.00 29.99 30 10 4,900,000,000,000,000,000,000 5");
    expect(text).toContain("USD1/USDT BNB 56 none none 0 0 none 0");
    expect(text).toContain("R13 Reserves below supply, stale or falling 0 1 1 0 2");
    expect(text).toContain("R14 USD1 off its peg, or pool liquidity falling 1 1 1 0 3");
    expect(text).toContain("Collateral ratio per day close (low 99.04%, high 102.00%)");
    expect(text).toContain("Worst 5-minute deviation per day, bps (low -300.00, high 0.00)");
  });

  it("narrows feeds, pools and alerts to the report's chain, never the ratio", async () => {
    const all = await load();
    const scoped = await load(CHAIN);
    expect(scoped.reserves.collateral).toEqual(all.reserves.collateral);
    expect(scoped.reserves.sources.map((s) => s.label)).toEqual(["USD1 PoR"]);
    expect(scoped.reserves.pools.map((p) => p.label)).toEqual(["USD1/USDT 0.01%"]);
    expect(scoped.reserves.alerts?.rows.map((r) => [r.ruleId, r.counts, r.total])).toEqual([
      ["R13", { severe: 0, high: 1, medium: 1, low: 0 }, 2],
      ["R14", { severe: 1, high: 1, medium: 0, low: 0 }, 2],
    ]);
  });
});
