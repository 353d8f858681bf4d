import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { readAll } from "../testing/fixture-table";
import { monthBounds, type MonthlyReportData } from "./monthly-data";
import { monthlyReportRowCount, renderMonthlyReport } from "./monthly-report";

const E18 = 10n ** 18n;
const w = (usd: bigint, tail = 0n) => (usd * E18 + tail).toString();

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
    expect(monthlyReportRowCount(REPORT_FIXTURE)).toBe(1 + 1 + 3 + 1 + 1);
  });

  it("says so when monitoring is not configured and there is nothing to show", async () => {
    const text = await pdfText({
      ...REPORT_FIXTURE,
      alerts: null,
      rules: null,
      reconciliation: [],
      corridors: { top: [], adjustedTotal: "0", volumeTotal: "0" },
      adminEvents: { rows: [], total: 0 },
    });
    expect(text).toContain("Monitoring not configured");
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
