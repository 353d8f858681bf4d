// Audited tabular exports: the transactions, corridor matrix and alerts tables as CSV (and the
// transactions table as XLSX), each recorded in the audit log with the SHA-256 of its bytes.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { listAuditLog } from "@/db/queries/audit";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { sha256Hex } from "./checksum";
import { csvExportStream } from "./csv";
import { startAuditedExport } from "./run-export";
import { alertsTable, corridorMatrixTable, transactionsTable } from "./tables";
import { ACTOR, AS_OF, audited, record } from "./testing/audited-export";
import { CHAIN, FORMULA_ENTITY, seedExportFixture, TRICKY_LABEL, W } from "./testing/export-fixture";
import { xlsxExportStream } from "./xlsx";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_tabular"));
  await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("audited CSV exports", () => {
  it("streams the transactions CSV, neutralised, and records who, what, rows and the SHA-256 of the bytes", async () => {
    const rec = record("transactions", "csv", { filter: {} });
    const table = transactionsTable(handle.db, { filter: {}, asOf: AS_OF });
    const { bytes, outcome, started, audit } = await audited(
      handle.db,
      rec,
      csvExportStream(table, { exportId: rec.exportId }),
    );
    expect(started.fileName).toBe(`usd1-transactions-20250401T083000Z-${rec.exportId}.csv`);
    expect(outcome).toEqual({
      exportId: rec.exportId,
      fileName: started.fileName,
      rowCount: 8,
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "export.create",
      actorEmail: "compliance@demo.local",
      actorRole: "compliance_officer",
      target: rec.exportId,
      checksum: sha256Hex(bytes),
      params: {
        kind: "transactions",
        format: "csv",
        status: "complete",
        rowCount: 8,
        bytes: bytes.length,
        params: { filter: {} },
      },
    });
    const csv = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(csv[1]).toMatchObject({
      export_id: rec.exportId,
      to_entity: `'${FORMULA_ENTITY}`,
      to_label: TRICKY_LABEL,
      amount_wei: "250000000000000000000007",
      amount_usd1: "250000.000000000000000007",
      block_time_utc: "2025-03-01 01:00:00",
    });
    expect(csv[3]).toMatchObject({
      to_label: "'-PK bank main",
      to_entity: "PK Bank",
      destination_country: "PK",
    });
  });

  it("streams the same table as XLSX, typed, with its export id", async () => {
    const rec = record("transactions", "xlsx");
    const table = transactionsTable(handle.db, { filter: { address: W.pkBank }, asOf: AS_OF });
    const body = xlsxExportStream(table, {
      exportId: rec.exportId,
      kind: "transactions",
      generatedAt: rec.startedAt,
      generatedBy: ACTOR.email,
      filter: [["Address", W.pkBank]],
    });
    const { bytes, outcome, audit } = await audited(handle.db, rec, body);
    expect(outcome.rowCount).toBe(1);
    expect(audit[0]?.checksum).toBe(sha256Hex(bytes));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const row = wb.getWorksheet("Transactions")!.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual([
      rec.exportId,
      CHAIN,
      12,
      new Date("2025-03-01T02:00:00Z"),
    ]);
    expect(row.getCell(13).value).toBe("'-PK bank main");
  });

  it("writes the corridor matrix exactly", async () => {
    const rec = record("corridor_matrix", "csv");
    const table = corridorMatrixTable(handle.db, { fromDay: "2025-03-01", toDay: "2025-03-31" });
    const { bytes } = await audited(
      handle.db,
      rec,
      csvExportStream(table, { exportId: rec.exportId, bom: false }),
    );
    const id = rec.exportId;
    expect(bytes.toString("utf8")).toBe(
      "export_id,origin_country,destination_country,transfer_count,volume_wei,volume_usd1,adjusted_count," +
        "adjusted_volume_wei,adjusted_volume_usd1,intra_entity_volume_wei,intra_entity_volume_usd1,bridge_volume_wei,bridge_volume_usd1," +
        "primary_count,primary_volume_wei,primary_volume_usd1\r\n" +
        `${id},AE,AE,1,10000000000000000000,10,0,0,0,10000000000000000000,10,0,0,0,0,0\r\n` +
        `${id},AE,ZZ,2,3500000000000000000002,3500.000000000000000002,1,1500000000000000000002,1500.000000000000000002,0,0,2000000000000000000000,2000,0,0,0\r\n` +
        // the treasury's payout to an exchange is primary market, not a payment corridor
        `${id},US,AE,1,250000000000000000000007,250000.000000000000000007,0,0,0,0,0,0,0,1,250000000000000000000007,250000.000000000000000007\r\n` +
        `${id},ZZ,PK,1,1499000000000000000000,1499,1,1499000000000000000000,1499,0,0,0,0,0,0,0\r\n`,
    );
  });

  it("exports alerts with analysts' notes neutralised", async () => {
    const rec = record("alerts", "csv");
    const { bytes, outcome } = await audited(
      handle.db,
      rec,
      csvExportStream(alertsTable(handle.db, { filter: {} }), { exportId: rec.exportId }),
    );
    expect(outcome.rowCount).toBe(2);
    const csv = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.rule_id, r.status, r.status_reason, r.evidence_count, r.amount_usd1])).toEqual([
      ["R2", "open", "", "2", "1500"],
      ["R3", "escalated", "'=1+1 per analyst", "2", "1500"],
    ]);
  });

  it("records an export the reader abandoned", async () => {
    const rec = record("transactions", "csv");
    const table = transactionsTable(handle.db, { filter: {}, asOf: AS_OF, batchSize: 1 });
    const started = startAuditedExport(handle.db, rec, csvExportStream(table, { exportId: rec.exportId }));
    started.stream.destroy();
    await expect(started.done).rejects.toThrow();
    await expect
      .poll(
        async () =>
          (await listAuditLog(handle.db, { target: rec.exportId, limit: 5, offset: 0 })).rows.length,
      )
      .toBe(1);
    const { rows } = await listAuditLog(handle.db, { target: rec.exportId, limit: 5, offset: 0 });
    expect(rows[0]).toMatchObject({ checksum: null, params: { status: "aborted" } });
  });
});
