// Route plumbing shared by every /api/exports/* handler: who is exporting (actor, client IP, user
// agent), the table format switch (CSV or XLSX over the same ExportTable), the export slot (429
// when busy), and the download response (attachment named after the export id, never cached or
// sniffed, with the id in `x-export-id` so a client can find the audit row without parsing).
import "server-only";
import { Readable } from "node:stream";
import { connection, type NextRequest } from "next/server";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { apiError } from "@/lib/api/errors";
import { withAccess } from "@/lib/api/guard";
import type { AppSession } from "@/lib/auth/guards";
import type { Access } from "@/lib/auth/route-access";
import { getAuthSettings } from "@/lib/auth/instance";
import { clientIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env.js";
import { createLogger, type Logger } from "@/lib/logger";
import {
  TABLE_FORMATS,
  type ExportFormat,
  type ExportKind,
  type TableFormat,
} from "@/lib/validators/exports";
import type { SearchParams } from "@/lib/validators/view-params";
import type { ExportTable } from "./cells";
import { csvExportStream } from "./csv";
import { newExportId } from "./export-id";
import { tryAcquireExportSlot } from "./export-slots";
import { startAuditedExport, type ExportBody, type ExportRecord, type StartedExport } from "./run-export";
import { xlsxExportStream } from "./xlsx";

export const EXPORT_ID_RESPONSE_HEADER = "x-export-id";

const exportLog = createLogger("web-exports", env.LOG_LEVEL);

export type ExportRouteContext = { session: AppSession | null; db: Db };

/**
 * An /api/exports/* GET handler: compliance officers only (exports:create, as declared in
 * lib/auth/route-access.ts), rendered per request, with the database; errors answered by withAccess.
 */
export function exportRoute(
  handler: (req: NextRequest, ctx: ExportRouteContext) => Promise<Response>,
  /** Who may download: compliance officers, or (the audit log) whoever reads the audit log. */
  access: Extract<Access, "exports:create" | "audit:read"> = "exports:create",
) {
  return withAccess(
    access,
    async (req: NextRequest, { session }) => {
      await connection();
      return handler(req, { session, db: await getDb() });
    },
    exportLog,
  );
}

/** The headers of a download: also used by tests that check a route's response. */
export function exportHeaders(
  started: Pick<StartedExport, "exportId" | "fileName" | "contentType">,
): Headers {
  return new Headers({
    "content-type": started.contentType,
    // File names are ASCII by construction (exportFileName): no RFC 5987 encoding needed.
    "content-disposition": `attachment; filename="${started.fileName}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    [EXPORT_ID_RESPONSE_HEADER]: started.exportId,
  });
}

/** The download: the audited stream as the body (a client that goes away ends the export). */
export function exportResponse(started: StartedExport): Response {
  const body = Readable.toWeb(started.stream) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: exportHeaders(started) });
}

/** Who is exporting, for the audit row. A route behind withAccess always has a session. */
export function exportRequester(
  req: Request,
  session: AppSession | null,
): Pick<ExportRecord, "actor" | "ip" | "userAgent"> {
  if (!session) throw new AppError("unauthorized", "Sign in first.");
  return {
    actor: { id: session.userId, email: session.email, role: session.role },
    ip: clientIp(req.headers, getAuthSettings().trustedProxies),
    userAgent: req.headers.get("user-agent"),
  };
}

/** "compliance@demo.local (compliance_officer)": printed on XLSX Filter sheets and the PDF. */
export function generatedByLabel(session: AppSession | null): string {
  return session ? `${session.email} (${session.role})` : "unknown";
}

/** The query string in the shape pages receive (a repeated key becomes an array), for the views' parsers. */
export function searchParamsOf(req: NextRequest): SearchParams {
  const out: SearchParams = {};
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const all = req.nextUrl.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

/** `?format=csv|xlsx`, csv when absent. */
export function parseTableFormat(searchParams: URLSearchParams): TableFormat {
  const raw = searchParams.get("format") ?? "csv";
  const format = TABLE_FORMATS.find((f) => f === raw);
  if (!format) throw new AppError("bad_request", `format must be one of ${TABLE_FORMATS.join(", ")}.`);
  return format;
}

export type TableBodyOptions = {
  exportId: string;
  /** What was exported, in words ("corridor matrix"), for the XLSX Filter sheet. */
  kind: string;
  generatedAt: Date;
  generatedBy: string;
  /** The filter in words, for the XLSX Filter sheet. */
  filter: readonly (readonly [string, string])[];
};

/** The same table as CSV or XLSX. */
export function tableExportBody<R>(
  table: ExportTable<R>,
  format: TableFormat,
  o: TableBodyOptions,
): ExportBody {
  if (format === "csv") return csvExportStream(table, { exportId: o.exportId });
  return xlsxExportStream(table, {
    exportId: o.exportId,
    kind: o.kind,
    generatedAt: o.generatedAt,
    generatedBy: o.generatedBy,
    filter: o.filter,
  });
}

export type ServeExportSpec = {
  kind: ExportKind;
  format: ExportFormat;
  /** The validated request, JSON-safe (wei as strings): the audit row's parameters. */
  params: Record<string, unknown>;
  /** An id and time already printed in a body made before the export started (goAML). */
  exportId?: string;
  startedAt?: Date;
  /** Builds the file's body once the export has its id and time (read by the file itself). */
  build: (ctx: { exportId: string; startedAt: Date }) => ExportBody | Promise<ExportBody>;
};

/**
 * Runs one export: takes a slot (429 when the process is already serving its maximum), builds
 * the body, starts the audited stream and answers with the download. The slot is released when
 * the export settles (complete, failed or abandoned), or at once if building the body throws.
 */
export async function serveExport(
  db: Db,
  req: NextRequest,
  session: AppSession | null,
  spec: ServeExportSpec,
  log: Logger = exportLog,
): Promise<Response> {
  const requester = exportRequester(req, session);
  const release = tryAcquireExportSlot();
  if (!release) {
    const res = apiError("rate_limited", "Other exports are running. Try again in a minute.");
    res.headers.set("retry-after", "30");
    return res;
  }
  try {
    const exportId = spec.exportId ?? newExportId();
    const startedAt = spec.startedAt ?? new Date();
    const body = await spec.build({ exportId, startedAt });
    const record: ExportRecord = {
      exportId,
      kind: spec.kind,
      format: spec.format,
      params: { ...spec.params, ...body.auditParams },
      startedAt,
      ...requester,
    };
    const started = startAuditedExport(db, record, body, log);
    started.done.then(
      (o) => log.info({ ...o, kind: spec.kind, format: spec.format, user: session?.email }, "export"),
      (err: unknown) => log.warn({ err, exportId, kind: spec.kind }, "export did not complete"),
    );
    void started.done.finally(release).catch(() => {});
    return exportResponse(started);
  } catch (err) {
    release();
    throw err;
  }
}

export type ServeTableExportSpec<R> = Omit<ServeExportSpec, "build" | "format"> & {
  format: TableFormat;
  /** What was exported, in words ("corridor matrix"), for the XLSX Filter sheet. */
  label: string;
  /** Creates the table once the export holds its slot; its rows are read as the file streams. */
  table: () => ExportTable<R>;
  /** The filter in words, for the XLSX Filter sheet. */
  filter: TableBodyOptions["filter"];
};

/** serveExport for one table of a view, as CSV or XLSX: the four tabular export routes. */
export function serveTableExport<R>(
  db: Db,
  req: NextRequest,
  session: AppSession | null,
  { label, table, filter, ...spec }: ServeTableExportSpec<R>,
): Promise<Response> {
  return serveExport(db, req, session, {
    ...spec,
    build: ({ exportId, startedAt }) =>
      tableExportBody(table(), spec.format, {
        exportId,
        kind: label,
        generatedAt: startedAt,
        generatedBy: generatedByLabel(session),
        filter,
      }),
  });
}
