// Shared setup for the export integration tests (exports-*.int.test.ts): one actor and a fixed
// "as of", an export record like the route handlers build, and a helper that runs an audited
// export to the end and returns its bytes, outcome and audit rows. The data is export-fixture's.
import type { Db } from "@/db/client";
import { listAuditLog } from "@/db/queries/audit";
import { newExportId } from "../export-id";
import { startAuditedExport, type ExportBody, type ExportRecord } from "../run-export";
import { readAll } from "./fixture-table";

export const ACTOR = { id: "u1", email: "compliance@demo.local", role: "compliance_officer" };
export const AS_OF = new Date("2030-01-01T00:00:00Z");

export function record(
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

/** Streams the export to the end, then reads back its audit rows (by export id). */
export async function audited(db: Db, rec: ExportRecord, body: ExportBody) {
  const started = startAuditedExport(db, rec, body);
  const bytes = await readAll(started.stream);
  const outcome = await started.done;
  const { rows } = await listAuditLog(db, { target: rec.exportId, limit: 5, offset: 0 });
  return { bytes, outcome, started, audit: rows };
}
