import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { listAuditLog } from "@/db/queries/audit";
import { getSupplySeries, streamTransactionExport, type TransactionExportRow } from "@/db/queries/exports";
import { getSupplyByChain } from "@/db/queries/overview";
import type { TransactionFilter } from "@/db/queries/transactions";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { PgliteWireServer } from "@/lib/demo/pglite-wire";
import { sha256Hex } from "./checksum";
import { csvExportStream } from "./csv";
import { xlsxExportStream } from "./xlsx";
import { newExportId } from "./export-id";
import { goamlExportBody } from "./goaml/export";
import { DEFAULT_GOAML_SETTINGS } from "./goaml/settings";
import { loadMonthlyReportData } from "./pdf/monthly-data";
import { renderMonthlyReport } from "./pdf/monthly-report";
import { startAuditedExport, type ExportBody, type ExportRecord } from "./run-export";
import { alertsTable, corridorMatrixTable, transactionsTable } from "./tables";
import {
  A,
  CHAIN,
  E18,
  FORMULA_ENTITY,
  seedExportFixture,
  TRICKY_LABEL,
  W,
  type ExportFixture,
} from "./testing/export-fixture";
import { readAll } from "./testing/fixture-table";

let handle: DbHandle;
let database: TestDatabase;
let fixture: ExportFixture;
const ACTOR = { id: "u1", email: "compliance@demo.local", role: "compliance_officer" };
const AS_OF = new Date("2030-01-01T00:00:00Z");

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports"));
  fixture = await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

async function rowsOf(
  mode: "copy" | "keyset",
  filter: TransactionFilter,
  db = handle.db,
): Promise<TransactionExportRow[]> {
  const out: TransactionExportRow[] = [];
  for await (const batch of streamTransactionExport(db, { filter, asOf: AS_OF, batchSize: 3, mode }))
    out.push(...batch);
  return out;
}

function record(
  kind: ExportRecord["kind"],
  format: ExportRecord["format"],
  params: Record<string, unknown> = {},
): ExportRecord {
  return {
    exportId: newExportId(),
    kind,
    format,
    params,
    actor: ACTOR,
    startedAt: new Date("2025-04-01T08:30:00Z"),
  };
}

async function audited(rec: ExportRecord, body: ExportBody) {
  const started = startAuditedExport(handle.db, rec, body);
  const bytes = await readAll(started.stream);
  const outcome = await started.done;
  const { rows } = await listAuditLog(handle.db, { target: rec.exportId, limit: 5, offset: 0 });
  return { bytes, outcome, started, audit: rows };
}

describe("transactions export readers", () => {
  const filters: TransactionFilter[] = [
    {},
    { address: W.gulf },
    { origin: "AE" },
    { minAmount: 1_500n * E18 },
    { kind: "burn" },
    { flow: "adjusted", since: new Date("2025-03-01T00:00:00Z"), until: new Date("2025-03-02T00:00:00Z") },
  ];

  it.each(filters)("COPY and keyset give the same rows for %o", async (filter) => {
    const copy = await rowsOf("copy", filter);
    expect(await rowsOf("keyset", filter)).toEqual(copy);
  });

  it("reads every row in time order, with labels decoded exactly from COPY's escapes", async () => {
    const rows = await rowsOf("copy", {});
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => `${r.blockNumber}:${r.logIndex}`)).toEqual([
      "10:0",
      "11:0",
      "12:0",
      "12:1",
      "13:0",
      "14:0",
      "15:0",
      "15:1",
    ]);
    expect(rows[1]).toMatchObject({
      chainId: CHAIN,
      blockTime: "2025-03-01T01:00:00.000000Z",
      fromEntity: "USD1 Treasury",
      toLabel: TRICKY_LABEL,
      toEntity: FORMULA_ENTITY,
      originCountry: "US",
      destinationCountry: "AE",
      amount: "250000000000000000000007",
      intra: false,
      bridge: false,
    });
    expect(rows[4]).toMatchObject({ intra: true, bridge: false });
    expect(rows[6]).toMatchObject({ toAddress: W.pool, bridge: true, destinationCountry: "ZZ" });
  });

  it("embedded PGlite (keyset) gives the same rows as Postgres (COPY)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-export-pglite-"));
    const lite = await openDb({ pgliteDir: path.join(dir, "db") });
    try {
      await migrateDb(lite);
      await seedExportFixture(lite.db);
      expect(await rowsOf("keyset", {}, lite.db)).toEqual(await rowsOf("copy", {}));
      // "auto" picks keyset on PGlite.
      const auto: TransactionExportRow[] = [];
      for await (const b of streamTransactionExport(lite.db, { filter: {}, asOf: AS_OF })) auto.push(...b);
      expect(auto).toHaveLength(8);
      // The demo's web server reaches PGlite through the wire server, where COPY works too.
      const wire = new PgliteWireServer(lite.pglite!);
      const port = await wire.listen(0);
      const client = await openDb({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
      try {
        expect(await rowsOf("copy", { origin: "AE" }, client.db)).toEqual(
          await rowsOf("copy", { origin: "AE" }),
        );
      } finally {
        await client.close();
        await wire.close();
      }
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("audited CSV exports", () => {
  it("streams the transactions CSV, neutralised, and records who, what, rows and the SHA-256 of the bytes", async () => {
    const rec = record("transactions", "csv", { filter: {} });
    const table = transactionsTable(handle.db, { filter: {}, asOf: AS_OF });
    const { bytes, outcome, started, audit } = await audited(
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
    const { bytes, outcome, audit } = await audited(rec, body);
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
    const { bytes } = await audited(rec, csvExportStream(table, { exportId: rec.exportId, bom: false }));
    const id = rec.exportId;
    expect(bytes.toString("utf8")).toBe(
      "export_id,origin_country,destination_country,transfer_count,volume_wei,volume_usd1,adjusted_count," +
        "adjusted_volume_wei,adjusted_volume_usd1,intra_entity_volume_wei,intra_entity_volume_usd1,bridge_volume_wei,bridge_volume_usd1\r\n" +
        `${id},AE,AE,1,10000000000000000000,10,0,0,0,10000000000000000000,10,0,0\r\n` +
        `${id},AE,ZZ,2,3500000000000000000002,3500.000000000000000002,1,1500000000000000000002,1500.000000000000000002,0,0,2000000000000000000000,2000\r\n` +
        `${id},US,AE,1,250000000000000000000007,250000.000000000000000007,1,250000000000000000000007,250000.000000000000000007,0,0,0,0\r\n` +
        `${id},ZZ,PK,1,1499000000000000000000,1499,1,1499000000000000000000,1499,0,0,0,0\r\n`,
    );
  });

  it("exports alerts with analysts' notes neutralised", async () => {
    const rec = record("alerts", "csv");
    const { bytes, outcome } = await audited(
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
    expect(data.corridors.top.map((c) => `${c.origin}-${c.destination}`)).toEqual([
      "US-AE",
      "AE-ZZ",
      "ZZ-PK",
    ]);
    expect(data.alerts?.rows.map((r) => [r.ruleId, r.counts, r.versions])).toEqual([
      ["R2", { open: 1 }, "v2"],
      ["R3", { escalated: 1 }, "v2"],
    ]);
    expect(data.adminEvents.rows.map((e) => e.kind)).toEqual(["freeze"]);
    expect(data.reconciliation[0]).toMatchObject({ matches: true, difference: "0" });

    const rec = record("monthly_report", "pdf", { month: "2025-03" });
    const { bytes, outcome } = await audited(
      rec,
      await renderMonthlyReport({ ...data, exportId: rec.exportId }),
    );
    expect(outcome.rowCount).toBe(1 + 1 + 3 + 2 + 1);
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

describe("goAML case file", () => {
  it("builds a valid report from the case's alerts and evidence, audited like any export", async () => {
    const rec = record("goaml", "xml", { alertIds: fixture.alertIds });
    const body = await goamlExportBody(handle.db, {
      exportId: rec.exportId,
      params: { alertIds: fixture.alertIds, reason: "Pass-through of structured deposits to a PK bank." },
      settings: DEFAULT_GOAML_SETTINGS,
      submissionDate: new Date("2025-04-01T08:30:00Z"),
    });
    const { bytes, outcome, audit } = await audited(rec, body);
    expect(outcome.rowCount).toBe(2);
    expect(audit[0]?.checksum).toBe(sha256Hex(bytes));
    const xml = bytes.toString("utf8");
    const xsd = fs.readFileSync(new URL("./goaml/goaml-subset.xsd", import.meta.url), "utf8");
    const result = await validateXML({
      xml: [{ fileName: "r.xml", contents: xml }],
      schema: [{ fileName: "s.xsd", contents: xsd }],
    });
    expect(result.errors).toEqual([]);
    expect(xml).toContain(`<entity_reference>${rec.exportId}</entity_reference>`);
    expect([...xml.matchAll(/<account>(0x[0-9a-f]+)<\/account>/g)].map((m) => m[1])).toEqual([
      W.gulf,
      W.customer,
      W.customer,
      W.pkBank,
    ]);
    expect(xml).toContain("<indicator>VA-STRUCTURING</indicator>");
    expect(xml).toContain("<indicator>VA-PASS-THROUGH</indicator>");
    expect(xml).toContain("<to_country>PK</to_country>");
  });

  it("refuses unknown alerts", async () => {
    await expect(
      goamlExportBody(handle.db, {
        exportId: newExportId(),
        params: { alertIds: [987_654], reason: "x" },
        settings: DEFAULT_GOAML_SETTINGS,
        submissionDate: new Date(),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(A(1)).toMatch(/^0x0{39}1$/);
  });
});
