// GET /api/exports/goaml – the goAML XML of a case (?alert=<id>, repeatable), audited.
// A reported case gives the fileable report; an escalated one a watermarked draft (?mode=file on
// it is refused: four eyes). Every report is validated against the schema in force before it is
// sent; a failing one is refused (422) with each error and its element path, and the refusal is
// audited with the schema's SHA-256 like a download.
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { recordAudit } from "@/db/queries/audit";
import { apiError } from "@/lib/api/errors";
import { newExportId } from "@/lib/reports/export-id";
import { prepareCaseReport, schemaName, type GoamlMode } from "@/lib/reports/goaml/case-report";
import { exportRequester, exportRoute, serveExport } from "@/lib/reports/http";
import { goamlAlertIdsSchema } from "@/lib/validators/export-requests";

function modeOf(raw: string | null): GoamlMode | undefined | "invalid" {
  if (raw === null || raw === "") return undefined;
  return raw === "file" || raw === "draft" ? raw : "invalid";
}

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const ids = goamlAlertIdsSchema.safeParse(req.nextUrl.searchParams.getAll("alert"));
  if (!ids.success) return apiError("bad_request", ids.error.issues.map((i) => i.message).join(" "));
  const mode = modeOf(req.nextUrl.searchParams.get("mode"));
  if (mode === "invalid") return apiError("bad_request", "mode must be file or draft.");
  const alertIds = ids.data;

  // Made and checked before the export starts: nothing leaves unless the schema accepts it.
  const exportId = newExportId();
  const startedAt = new Date();
  const report = await prepareCaseReport(db, { alertIds, exportId, submissionDate: startedAt, mode });
  const facts = {
    mode: report.mode,
    schema: {
      source: report.schema.source,
      fileName: report.schema.fileName,
      version: report.schema.version,
      sha256: report.schema.sha256,
    },
    validation: { valid: report.validation.valid, errors: report.validation.issues.length },
  };
  const params = { alertIds, settingsVersion: report.settingsVersion, rentityId: report.rentityId };
  if (!report.validation.valid) {
    await recordAudit(db, {
      action: "export.create",
      ...exportRequester(req, session),
      target: exportId,
      params: {
        kind: report.mode === "draft" ? "goaml_draft" : "goaml",
        format: "xml",
        status: "refused",
        params: { ...params, ...facts },
      },
    });
    const lines = report.validation.issues.map(
      (i) => `- ${i.path ?? "(report)"}: ${i.message}${i.fix ? ` Fix: ${i.fix}` : ""}`,
    );
    const text = [
      `The goAML report was not downloaded: ${schemaName(report.schema)} (SHA-256 ${report.schema.sha256}) rejects it.`,
      "",
      ...lines,
      "",
    ].join("\n");
    return new Response(text, {
      status: 422,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  return serveExport(db, req, session, {
    kind: report.mode === "draft" ? "goaml_draft" : "goaml",
    format: "xml",
    params,
    exportId,
    startedAt,
    build: () => {
      const bytes = Buffer.from(report.xml, "utf8");
      return {
        stream: Readable.from([bytes]),
        rowCount: () => report.transferCount,
        auditParams: facts,
      };
    },
  });
});
