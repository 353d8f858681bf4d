// The export log as compliance officers read it: export.create rows of the audit log (the audit
// row is the export's only record, lib/reports/run-export.ts), newest first, and one export by
// the id printed in its file. Reads only: the audit log is append-only.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog } from "../schema/audit";

export type ExportLogRow = {
  exportId: string;
  at: Date;
  actorEmail: string | null;
  actorRole: string | null;
  kind: string | null;
  format: string | null;
  fileName: string | null;
  /** complete | failed | aborted. */
  status: string | null;
  rowCount: number | null;
  bytes: number | null;
  /** SHA-256 of the bytes sent; null for an export that did not complete. */
  sha256: string | null;
  /** The validated request (filter, month, alert ids…). */
  params: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};

const text = (v: unknown) => (typeof v === "string" ? v : null);
const int = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A stored row → typed fields; params written by startAuditedExport, read defensively. */
function toExportLogRow(r: typeof auditLog.$inferSelect): ExportLogRow {
  const p = r.params;
  const inner = p.params;
  return {
    exportId: r.target ?? "",
    at: r.at,
    actorEmail: r.actorEmail,
    actorRole: r.actorRole,
    kind: text(p.kind),
    format: text(p.format),
    fileName: text(p.fileName),
    status: text(p.status),
    rowCount: int(p.rowCount),
    bytes: int(p.bytes),
    sha256: r.checksum,
    params:
      inner && typeof inner === "object" && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {},
    ip: r.ip,
    userAgent: r.userAgent,
  };
}

export type ListRecentExportsParams = { limit: number };

/** The latest exports, newest first. */
export async function listRecentExports(db: Db, p: ListRecentExportsParams): Promise<ExportLogRow[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "export.create"))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(p.limit);
  return rows.map(toExportLogRow);
}

export type FindExportParams = { exportId: string };

/** The export with this id (normally one row; the latest if an id were ever recorded twice). */
export async function findExport(db: Db, p: FindExportParams): Promise<ExportLogRow | null> {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "export.create"), eq(auditLog.target, p.exportId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return row ? toExportLogRow(row) : null;
}
