// The supply series and the monthly PDF report, computed from the same queries as the screens.
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getSupplySeries } from "@/db/queries/exports";
import { getSupplyByChain } from "@/db/queries/overview";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { loadMonthlyReportData } from "./pdf/monthly-data";
import { renderMonthlyReport } from "./pdf/monthly-report";
import { audited, record } from "./testing/audited-export";
import { E18, seedExportFixture } from "./testing/export-fixture";

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
    // chains + reconciliations + top corridors (2: the treasury payout is primary market) + alert rules + admin events
    expect(outcome.rowCount).toBe(1 + 1 + 2 + 2 + 1);
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
