// Puts an export's bytes on their way to the client and records it in the audit log: who, when,
// kind, format, parameters, row count, byte count, and the SHA-256 of exactly the bytes sent
// (hashed as they stream; no second pass). The audit row is the export's record (there is no
// separate exports table): audit_log already has the checksum column and the `export.create`
// action, is append-only, and its target is the export id printed in the file.
//
// The row is written before the stream ends: a client sees the end of a file only once its
// record is committed, and if the insert fails the download fails with it. An export that fails
// or is abandoned midway is recorded too (status failed/aborted, no checksum).
import { type Readable, pipeline } from "node:stream";
import type { Db } from "@/db/client";
import { recordAudit, type AuditActor } from "@/db/queries/audit";
import { createLogger, type Logger } from "@/lib/logger";
import type { ExportFormat, ExportKind } from "@/lib/validators/exports";
import { ChecksumTap } from "./checksum";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  xml: "application/xml; charset=utf-8",
};

/** "usd1-transactions-20250301T120000Z-EX-7K2M-9QH4-TZ8D.csv": sortable, and names its export id. */
export function exportFileName(kind: ExportKind, format: ExportFormat, exportId: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `usd1-${kind.replace(/_/g, "-")}-${stamp}-${exportId}.${format}`;
}

export type ExportRecord = {
  exportId: string;
  kind: ExportKind;
  format: ExportFormat;
  /** The validated request (filter, month, alert ids…), JSON-safe (wei as strings). */
  params: Record<string, unknown>;
  actor: AuditActor;
  startedAt: Date;
  ip?: string | null;
  userAgent?: string | null;
};

export type ExportOutcome = {
  exportId: string;
  fileName: string;
  rowCount: number;
  sha256: string;
  bytes: number;
};

export type StartedExport = {
  exportId: string;
  fileName: string;
  contentType: string;
  /** The file's bytes, for the response body (Readable.toWeb in a route handler). */
  stream: Readable;
  /** Settles once the audit row is written (or the export failed). */
  done: Promise<ExportOutcome>;
};

export type ExportBody = {
  stream: Readable;
  rowCount: () => number;
  /** Facts known only once the body is built (the goAML schema that judged it), for the audit row. */
  auditParams?: Record<string, unknown>;
};

const defaultLog = createLogger("exports");

/** Wires a body (CSV, XLSX, PDF or XML stream) through the checksum and the audit record. */
export function startAuditedExport(
  db: Db,
  record: ExportRecord,
  body: ExportBody,
  log: Logger = defaultLog,
): StartedExport {
  const fileName = exportFileName(record.kind, record.format, record.exportId, record.startedAt);
  let outcome: ExportOutcome | undefined;
  const audit = (status: string, extra: Record<string, unknown>, checksum: string | null) =>
    recordAudit(db, {
      action: "export.create",
      actor: record.actor,
      target: record.exportId,
      params: {
        kind: record.kind,
        format: record.format,
        fileName,
        status,
        startedAt: record.startedAt.toISOString(),
        params: record.params,
        rowCount: body.rowCount(),
        ...extra,
      },
      ip: record.ip ?? null,
      userAgent: record.userAgent ?? null,
      checksum,
    });
  const tap = new ChecksumTap(async ({ sha256, bytes }) => {
    await audit("complete", { bytes }, sha256);
    outcome = { exportId: record.exportId, fileName, rowCount: body.rowCount(), sha256, bytes };
  });
  const done = new Promise<ExportOutcome>((resolve, reject) => {
    pipeline(body.stream, tap, (err) => {
      if (!err && outcome) return resolve(outcome);
      const failure = err ?? new Error("export ended without a checksum");
      const status =
        (err as NodeJS.ErrnoException | undefined)?.code === "ERR_STREAM_PREMATURE_CLOSE"
          ? "aborted"
          : "failed";
      // The audit insert itself may be what failed; then this second attempt is best effort.
      audit(status, { error: failure.message.slice(0, 500) }, null)
        .catch((auditErr: unknown) =>
          log.error({ err: auditErr, exportId: record.exportId }, "export audit failed"),
        )
        .finally(() => reject(failure));
    });
  });
  // Callers that only stream (and never await `done`) must not leave a rejection unhandled.
  done.catch(() => {});
  return {
    exportId: record.exportId,
    fileName,
    contentType: CONTENT_TYPES[record.format],
    stream: tap,
    done,
  };
}
