// The export routes' plumbing against a real database: the download response, its audit row
// (read back through the export log the /reports page shows), the 429 when slots are taken,
// and the small reads the forms and the goAML route make first.
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/db/client";
import { getCaseState, listReportMonths } from "@/db/queries/exports-inputs";
import { findExport, listRecentExports } from "@/db/queries/exports-log";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { AppSession } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "./checksum";
import { tryAcquireExportSlot } from "./export-slots";
import { parseTableFormat, searchParamsOf, serveExport, tableExportBody } from "./http";
import { corridorMatrixTable } from "./tables";
import { seedExportFixture, type ExportFixture } from "./testing/export-fixture";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/instance", () => ({ getAuthSettings: () => ({ trustedProxies: [] }) }));

let handle: DbHandle;
let database: TestDatabase;
let fixture: ExportFixture;
const SESSION: AppSession = {
  sessionId: "s1",
  userId: "u1",
  email: "compliance@demo.local",
  name: "Compliance",
  role: "compliance_officer",
};
const SCOPE = { fromDay: "2025-03-01", toDay: "2025-03-31" };

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_export_http"));
  fixture = await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

function request(query: string) {
  return new NextRequest(`http://localhost/api/exports/corridors?${query}`, {
    headers: { "user-agent": "vitest", "x-forwarded-for": "203.0.113.9" },
  });
}

function corridorExport(req: NextRequest) {
  const format = parseTableFormat(req.nextUrl.searchParams);
  return serveExport(handle.db, req, SESSION, {
    kind: "corridor_matrix",
    format,
    params: SCOPE,
    build: ({ exportId, startedAt }) =>
      tableExportBody(corridorMatrixTable(handle.db, SCOPE), format, {
        exportId,
        kind: "corridor matrix",
        generatedAt: startedAt,
        generatedBy: SESSION.email,
        filter: [["Days (UTC)", `${SCOPE.fromDay} to ${SCOPE.toDay}`]],
      }),
  });
}

describe("serveExport", () => {
  it("answers with the file, named after its export id, and records exactly those bytes", async () => {
    const res = await corridorExport(request("format=csv"));
    expect(res.status).toBe(200);
    const exportId = res.headers.get("x-export-id") ?? "";
    expect(exportId).toMatch(/^EX-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="usd1-corridor-matrix-\\d{8}T\\d{6}Z-${exportId}\\.csv"$`),
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await res.arrayBuffer());
    const rows = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.export_id} ${r.origin_country}-${r.destination_country}`)).toEqual([
      `${exportId} AE-AE`,
      `${exportId} AE-ZZ`,
      `${exportId} US-AE`,
      `${exportId} ZZ-PK`,
    ]);

    await expect.poll(async () => (await findExport(handle.db, { exportId }))?.status).toBe("complete");
    const logged = await findExport(handle.db, { exportId });
    expect(logged).toMatchObject({
      exportId,
      actorEmail: "compliance@demo.local",
      actorRole: "compliance_officer",
      kind: "corridor_matrix",
      format: "csv",
      rowCount: 4,
      bytes: bytes.length,
      sha256: sha256Hex(bytes),
      params: SCOPE,
      ip: "203.0.113.9",
      userAgent: "vitest",
    });
    expect(await findExport(handle.db, { exportId: "EX-0000-0000-0000" })).toBeNull();
  });

  it("lists exports newest first", async () => {
    const xlsx = await corridorExport(request("format=xlsx"));
    await xlsx.arrayBuffer();
    const first = xlsx.headers.get("x-export-id");
    const second = await corridorExport(request(""));
    await second.arrayBuffer();
    const secondId = second.headers.get("x-export-id");
    await expect
      .poll(async () => (await listRecentExports(handle.db, { limit: 2 })).map((r) => r.exportId))
      .toEqual([secondId, first]);
    const [latest] = await listRecentExports(handle.db, { limit: 1 });
    expect(latest).toMatchObject({ format: "csv", status: "complete", rowCount: 4 });
  });

  it("answers 429 while every slot is taken, and frees a slot when building the body fails", async () => {
    const held = [tryAcquireExportSlot(), tryAcquireExportSlot()];
    expect(held.every(Boolean)).toBe(true);
    const busy = await corridorExport(request("format=csv"));
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("30");
    for (const release of held) release?.();

    const failing = serveExport(handle.db, request(""), SESSION, {
      kind: "goaml",
      format: "xml",
      params: {},
      build: () => {
        throw new AppError("not_found", "unknown alert(s): 1");
      },
    });
    await expect(failing).rejects.toThrow("unknown alert(s): 1");
    // Both slots are free again: two exports can start side by side.
    const [a, b] = await Promise.all([corridorExport(request("")), corridorExport(request(""))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  });

  it("refuses an unknown format and reads repeated keys as arrays", () => {
    expect(() => parseTableFormat(new URLSearchParams("format=pdf"))).toThrow(
      "format must be one of csv, xlsx.",
    );
    expect(searchParamsOf(request("alert=1&alert=2&chain=5"))).toEqual({ alert: ["1", "2"], chain: "5" });
  });
});

describe("export inputs", () => {
  it("lists the months with rolled-up supply", async () => {
    expect(await listReportMonths(handle.db)).toEqual(["2025-03"]);
    expect(await listReportMonths(handle.db, { chainId: 1 })).toEqual([]);
  });

  it("gives each alert's status and the reason it was escalated (latest escalation first)", async () => {
    const [r2, r3] = fixture.alertIds as [number, number];
    expect(await getCaseState(handle.db, { alertIds: [r3, r2, 987_654] })).toEqual([
      { id: r2, status: "open", statusReason: null, escalationReason: null },
      { id: r3, status: "escalated", statusReason: "=1+1 per analyst", escalationReason: null },
    ]);
    await handle.db
      .execute(sql`insert into alert_history (alert_id, at, from_status, to_status, actor, reason) values
      (${r3}, '2025-03-05T10:00:00Z', 'in_review', 'escalated', 'u1', 'First escalation'),
      (${r3}, '2025-03-06T10:00:00Z', 'in_review', 'escalated', 'u1', 'Structured deposits to PK'),
      (${r3}, '2025-03-07T10:00:00Z', 'escalated', 'reported', 'u2', 'Filed')`);
    const [state] = await getCaseState(handle.db, { alertIds: [r3] });
    expect(state?.escalationReason).toBe("Structured deposits to PK");
  });
});
