import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { readAll } from "../testing/fixture-table";
import { monthBounds, type MonthlyReportData } from "./monthly-data";
import { monthlyReportRowCount, renderMonthlyReport } from "./monthly-report";
import { longestGap, summarisePegBuckets, type CollateralAt } from "./monthly-reserves";
import { E18 as RATIO_ONE, pegBuckets, toE18, type PricePoint } from "@/lib/reserves/math";

const E18 = 10n ** 18n;
const w = (usd: bigint, tail = 0n) => (usd * E18 + tail).toString();

const point = (day: string, reserves: bigint, indexed: bigint, entered: bigint): CollateralAt => {
  const supply = indexed + entered;
  return {
    day,
    reservesWei: w(reserves),
    reservesAt: `${day}T12:00:00.000Z`,
    reservesSource: "USD1 PoR (feed)",
    supplyWei: w(supply),
    indexedSupplyWei: w(indexed),
    enteredSupplyWei: w(entered),
    ratioE18: ((reserves * RATIO_ONE) / supply).toString(),
    coverageE18: ((indexed * RATIO_ONE) / supply).toString(),
    underCollateralised: reserves < supply,
  };
};

export const REPORT_FIXTURE: MonthlyReportData = {
  exportId: "EX-7K2M-9QH4-TZ8D",
  generatedAt: "2025-04-01T08:30:00.000Z",
  generatedBy: "compliance@demo.local (compliance_officer)",
  period: { month: "2025-03", label: "March 2025", fromDay: "2025-03-01", toDay: "2025-03-31" },
  scope: "All chains",
  supply: {
    chains: [
      {
        chainId: 31337,
        name: "Ethereum (local)",
        rolledUpBlock: "4200",
        opening: w(1_000_000n),
        closing: w(1_234_567n, 890_000_000_000_000_000n),
        issuerMinted: w(300_000n),
        issuerBurned: w(65_432n, 110_000_000_000_000_000n),
        bridgeMinted: w(0n),
        bridgeBurned: w(0n),
        netIssuance: w(234_567n, 890_000_000_000_000_000n),
      },
    ],
    total: {
      opening: w(1_000_000n),
      closing: w(1_234_567n, 890_000_000_000_000_000n),
      issuerMinted: w(300_000n),
      issuerBurned: w(65_432n, 110_000_000_000_000_000n),
      bridgeMinted: "0",
      bridgeBurned: "0",
      netIssuance: w(234_567n, 890_000_000_000_000_000n),
    },
    daily: Array.from({ length: 31 }, (_, i) => ({
      day: `2025-03-${String(i + 1).padStart(2, "0")}`,
      closing: w(1_000_000n + BigInt(i) * 7_500n),
      netIssuance: w(i % 5 === 0 ? -2_000n : 9_000n),
    })),
  },
  position: {
    total: w(1_250_000n),
    chains: [],
    netIssuance: w(1_250_000n),
    inTransit: "0",
    poolHeld: w(5_000n),
  },
  reconciliation: [
    {
      chainId: 31337,
      name: "Ethereum (local)",
      blockNumber: "4200",
      indexed: w(1_234_567n),
      onchain: w(1_234_567n),
      difference: "0",
      matches: true,
      checkedAt: "2025-03-31T23:59:00.000Z",
    },
  ],
  reserves: {
    collateral: {
      start: point("2025-02-28", 1_010_000n, 900_000n, 100_000n),
      end: point("2025-03-31", 1_251_234n, 1_150_000n, 100_000n),
      min: point("2025-03-14", 996_543n, 900_000n, 100_000n),
      daysUnder: 1,
      daily: Array.from({ length: 31 }, (_, i) => ({
        day: `2025-03-${String(i + 1).padStart(2, "0")}`,
        ratioE18: (RATIO_ONE + BigInt((i % 7) - 3) * 10n ** 15n).toString(),
      })),
    },
    sources: [
      {
        chainId: 31337,
        address: `0x${"f1".repeat(20)}`,
        label: "USD1 PoR",
        reports: 30,
        longestGap: {
          seconds: 93_636,
          from: "2025-03-13T12:00:00.000Z",
          to: "2025-03-14T14:00:36.000Z",
          open: false,
        },
      },
      { chainId: 56, address: `0x${"f2".repeat(20)}`, label: "BNB PoR", reports: 0, longestGap: null },
    ],
    windowEnd: "2025-04-01T00:00:00.000Z",
    pools: [
      {
        chainId: 31337,
        address: `0x${"aa".repeat(20)}`,
        label: "USD1/USDT 0.01%",
        quoteSymbol: "USDT",
        minCentiBps: "-20001",
        minAt: "2025-03-20T10:05:00.000Z",
        maxCentiBps: "1234",
        maxAt: "2025-03-02T00:00:00.000Z",
        secondsBeyond50: 1_230,
        secondsBeyond200: 300,
        pricedSeconds: 2_678_400,
        liquidityEnd: "123456789012345678901234",
        swaps: 412,
        daily: Array.from({ length: 31 }, (_, i) => ({
          day: `2025-03-${String(i + 1).padStart(2, "0")}`,
          worstCentiBps: i === 19 ? "-20001" : String(i * 10),
        })),
      },
    ],
    alerts: {
      severities: ["severe", "high", "medium", "low"],
      rows: [
        {
          ruleId: "R13",
          title: "Reserves below supply, stale or falling",
          counts: { severe: 0, high: 1, medium: 2, low: 0 },
          total: 3,
        },
        {
          ruleId: "R14",
          title: "USD1 off its peg, or pool liquidity falling",
          counts: { severe: 1, high: 1, medium: 0, low: 0 },
          total: 2,
        },
      ],
    },
  },
  corridors: {
    top: [
      {
        origin: "AE",
        destination: "PK",
        adjustedVolume: w(420_000n),
        adjustedCount: 812,
        volume: w(500_000n),
      },
      { origin: "GB", destination: "PK", adjustedVolume: w(90_000n), adjustedCount: 150, volume: w(95_000n) },
      { origin: "ZZ", destination: "PK", adjustedVolume: w(12_000n), adjustedCount: 30, volume: w(12_000n) },
    ],
    adjustedTotal: w(522_000n),
    volumeTotal: w(607_000n),
  },
  alerts: {
    statuses: ["open", "dismissed"],
    rows: [
      { ruleId: "R2", title: "Structuring", counts: { open: 3, dismissed: 1 }, total: 4, versions: "v1, v2" },
    ],
  },
  adminEvents: {
    rows: [
      {
        chainId: 31337,
        blockNumber: "4100",
        blockTime: "2025-03-20T10:00:00Z",
        txHash: `0x${"ee".repeat(32)}`,
        kind: "freeze",
        actor: null,
        subject: `0x${"f1".repeat(20)}`,
        counterparty: null,
        amount: null,
      },
    ],
    total: 1,
  },
  rules: [
    {
      ruleId: "R2",
      title: "Structuring",
      enabled: true,
      version: 2,
      logicVersion: 1,
      updatedAt: "2025-03-10T00:00:00Z",
    },
  ],
};

async function pdfText(data: MonthlyReportData): Promise<string> {
  const body = await renderMonthlyReport(data);
  const buffer = await readAll(body.stream);
  expect(buffer.subarray(0, 5).toString()).toBe("%PDF-");
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("monthly report PDF", () => {
  it("shows the period, the supply figures, the corridors and the export id", async () => {
    const text = await pdfText(REPORT_FIXTURE);
    expect(text).toContain("USD1 monthly supervisory report");
    expect(text).toContain("Period: March 2025 (2025-03-01 to 2025-03-31, UTC)");
    // The month's row: opening, issued, redeemed, net issuance, bridge in/out, closing supply.
    expect(text).toContain(
      "Ethereum (local) 1,000,000.00 300,000.00 65,432.11 +234,567.89 0.00 0.00 1,234,567.89",
    );
    expect(text).toContain("Total 1,000,000.00 300,000.00 65,432.11 +234,567.89 0.00 0.00 1,234,567.89");
    expect(text).toContain("United Arab Emirates to Pakistan");
    expect(text).toContain("Unattributed to Pakistan");
    expect(text).toContain("Matches");
    expect(text).toContain("R2 Structuring");
    expect(text).toContain("freeze");
    expect(text).toMatch(/Export id EX-7K2M-9QH4-TZ8D/);
    expect(text).toContain("R2 v2, logic v1");
    // chains + reconciliations + reserves (3 ratio points, 2 feeds, 1 pool, R13/R14) + corridors + alert rules + admin events
    expect(monthlyReportRowCount(REPORT_FIXTURE)).toBe(1 + 1 + (3 + 2 + 1 + 2) + 3 + 1 + 1);
  });

  it("prints the Reserves & peg section: ratio points, feed gaps, pool deviations and R13/R14 alerts", async () => {
    const text = await pdfText(REPORT_FIXTURE);
    expect(text).toContain("Reserves & peg");
    // Point, day close, reserves, native supply, indexed, entered, ratio (rounded down), coverage.
    expect(text).toContain(
      "Month start 2025-02-28 1,010,000.00 1,000,000.00 900,000.00 100,000.00 101.00% 90.00%",
    );
    expect(text).toContain(
      "Month end 2025-03-31 1,251,234.00 1,250,000.00 1,150,000.00 100,000.00 100.09% 92.00%",
    );
    expect(text).toContain(
      "Lowest close 2025-03-14 996,543.00 1,000,000.00 900,000.00 100,000.00 99.65% 90.00%",
    );
    expect(text).toContain("Days closed below 100% (reserves < supply, exactly): 1.");
    // 93,636 s = 26.01 h (rounded down).
    expect(text).toContain("USD1 PoR 31337 30 26.01 2025-03-13 12:00:00 to 2025-03-14 14:00:36");
    expect(text).toContain("BNB PoR 56 0 never reported");
    // Lowest, highest (bps), minutes 50+ and 200+ bps off, liquidity, swaps.
    expect(text).toContain(
      "USD1/USDT 0.01% 31337 -200.01 12.34 20 min 30 s 5 123,456,789,012,345,678,901,234 412",
    );
    expect(text).toContain(
      "USD1/USDT 0.01%: lowest at 2025-03-20 10:05:00, highest at 2025-03-02 00:00:00, priced 44,640 min",
    );
    expect(text).toContain("R13 Reserves below supply, stale or falling 0 1 2 0 3");
    expect(text).toContain("R14 USD1 off its peg, or pool liquidity falling 1 1 0 0 2");
    expect(text).toContain("Collateral ratio per day close (low 99.70%, high 100.30%)");
    expect(text).toContain("Worst 5-minute deviation per day, bps (low -200.01, high 3.00)");
  });

  it("finds a feed's longest silence inside the window, open at its end", () => {
    const since = 1_000_000;
    // Reported before the window: counted from its start; the last stretch runs to the end.
    expect(longestGap(since - 50, [since + 100, since + 400, since + 450], since, since + 700)).toEqual({
      seconds: 300,
      from: new Date((since + 100) * 1000).toISOString(),
      to: new Date((since + 400) * 1000).toISOString(),
      open: false,
    });
    expect(longestGap(since - 50, [since + 100], since, since + 700)).toMatchObject({
      seconds: 600,
      open: true,
    });
    // Started inside the window: counted from its first report; silent all window: the whole window.
    expect(longestGap(null, [since + 600], since, since + 700)).toMatchObject({ seconds: 100, open: true });
    expect(longestGap(since - 1, [], since, since + 700)).toMatchObject({ seconds: 700, open: true });
    expect(longestGap(null, [], since, since + 700)).toBeNull();
  });

  it("sums a pool's time at or beyond ±50 and ±200 bps from its 5-minute TWAPs", () => {
    const t0 = 1_700_000_100; // a multiple of 300
    const at = (s: number, num: bigint, den: bigint): PricePoint => ({
      time: t0 + s,
      priceE18: toE18({ num, den }),
      liquidity: 1_000n + BigInt(s),
    });
    // 1.0 until +600, 0.995 (−50.00 bps) for 10 min, 1.02 (+200 bps) for 150 s then 1.0 from +1350.
    const buckets = pegBuckets(
      [at(600, 995n, 1000n), at(1200, 102n, 100n), at(1350, 1n, 1n)],
      t0,
      t0 + 1800,
      at(-10, 1n, 1n),
    );
    const sum = summarisePegBuckets(buckets);
    expect(sum).toMatchObject({
      minCentiBps: "-5000",
      minAt: new Date((t0 + 600) * 1000).toISOString(),
      // (1.02 × 150 + 1.0 × 150) / 300 = 1.01: +100 bps, under 200.
      maxCentiBps: "10000",
      secondsBeyond50: 900,
      secondsBeyond200: 0,
      pricedSeconds: 1800,
      liquidityEnd: "2350",
      swaps: 3,
    });
  });

  it("says so when monitoring is not configured and there is nothing to show", async () => {
    const text = await pdfText({
      ...REPORT_FIXTURE,
      alerts: null,
      rules: null,
      reconciliation: [],
      corridors: { top: [], adjustedTotal: "0", volumeTotal: "0" },
      adminEvents: { rows: [], total: 0 },
      reserves: {
        collateral: { start: null, end: null, min: null, daysUnder: 0, daily: [] },
        sources: [],
        windowEnd: "2025-04-01T00:00:00.000Z",
        pools: [],
        alerts: null,
      },
    });
    expect(text).toContain("Monitoring not configured");
    expect(text).toContain("No reserve or native supply figure for the period.");
    expect(text).toContain("No proof-of-reserve feed is configured.");
    expect(text).toContain("No peg pool is configured.");
    expect(text).toContain("Monitoring not configured: no alert figures exist.");
    expect(text).toContain("No reconciliation has been recorded yet.");
    expect(text).toContain("No attributed corridor volume in the period.");
  });

  it("knows each month's bounds (UTC)", () => {
    expect(monthBounds("2024-02")).toMatchObject({
      fromDay: "2024-02-01",
      toDay: "2024-02-29",
      label: "February 2024",
    });
    expect(monthBounds("2025-12").until.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});
