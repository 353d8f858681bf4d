// GET /api/exports/goaml – the goAML XML of an escalated or reported case (?alert=<id>, repeatable), audited
import type { NextRequest } from "next/server";
import { getGoamlSettings } from "@/db/queries/app-settings";
import { FILEABLE_STATUSES, getCaseState, type CaseAlertState } from "@/db/queries/exports-inputs";
import { apiError } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { goamlExportBody } from "@/lib/reports/goaml/export";
import { exportRoute, serveExport } from "@/lib/reports/http";
import { goamlExportParamsSchema } from "@/lib/validators/exports";
import { goamlAlertIdsSchema } from "@/lib/validators/export-requests";

/** The case's reason for suspicion: each distinct escalation reason, in alert order. */
function caseReason(state: readonly CaseAlertState[]): string {
  const reasons = state.map((a) => (a.escalationReason ?? a.statusReason ?? "").trim()).filter(Boolean);
  const distinct = [...new Set(reasons)];
  if (distinct.length === 0) {
    throw new AppError(
      "conflict",
      "The case has no recorded reason for suspicion: escalate it with a reason first.",
    );
  }
  return distinct.join("\n\n").slice(0, 4000);
}

/** Refuses unknown alerts (404) and alerts not escalated or reported (409). */
function checkCase(ids: readonly number[], state: readonly CaseAlertState[]): void {
  const missing = ids.filter((id) => !state.some((a) => a.id === id));
  if (missing.length > 0) throw new AppError("not_found", `Unknown alert(s): ${missing.join(", ")}.`);
  const open = state.filter((a) => !FILEABLE_STATUSES.includes(a.status));
  if (open.length > 0) {
    const list = open.map((a) => `${a.id} (${a.status.replace("_", " ")})`).join(", ");
    throw new AppError("conflict", `Only escalated or reported alerts can be filed; not: ${list}.`);
  }
}

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const ids = goamlAlertIdsSchema.safeParse(req.nextUrl.searchParams.getAll("alert"));
  if (!ids.success) return apiError("bad_request", ids.error.issues.map((i) => i.message).join(" "));
  const alertIds = ids.data;
  const state = await getCaseState(db, { alertIds });
  checkCase(alertIds, state);
  const params = goamlExportParamsSchema.parse({ alertIds, reason: caseReason(state) });
  const stored = await getGoamlSettings(db);
  return serveExport(db, req, session, {
    kind: "goaml",
    format: "xml",
    params: { alertIds, settingsVersion: stored.version, rentityId: stored.settings.rentityId },
    build: ({ exportId, startedAt }) =>
      goamlExportBody(db, { exportId, params, settings: stored.settings, submissionDate: startedAt }),
  });
});
