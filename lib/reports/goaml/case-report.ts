// One case's goAML report, made the same way wherever it is needed: the case page (to show the
// result before anything is offered), the filing step (a report that would be refused blocks the
// move to "reported") and the download route (which checks again and audits).
//
// Four eyes: a fileable report exists only for a case in "reported" state, which only a
// compliance officer other than the escalating one can reach (lib/monitoring/workflow.ts). An
// escalated case gives a draft: marked in a comment, in <entity_reference> and in <reason>.
// Placeholder settings (never saved) never give a fileable report.
import type { Db } from "@/db/client";
import { getGoamlSettings } from "@/db/queries/app-settings";
import { FILEABLE_STATUSES, getCaseState, type CaseAlertState } from "@/db/queries/exports-inputs";
import { loadGoamlCase } from "@/db/queries/exports-report";
import { getGoamlSchema } from "@/db/queries/goaml-schemas";
import { AppError } from "@/lib/errors";
import { buildGoamlReport } from "./builder";
import { validateGoamlReport, type GoamlSchema, type GoamlValidation } from "./validate";

export type GoamlMode = "file" | "draft";

export const PLACEHOLDER_SETTINGS_MESSAGE =
  "The goAML settings are still the placeholders: a compliance officer must enter the FMU's identifiers and codes (Reports → goAML settings) before a report can be filed.";

/** The case's reason for suspicion: each distinct escalation reason, in alert order. */
export function caseReason(state: readonly CaseAlertState[]): string {
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

/**
 * What the case can give: "file" when every alert is reported, "draft" when some are still
 * escalated. Refuses unknown alerts (404) and alerts neither escalated nor reported (409).
 */
export function caseMode(ids: readonly number[], state: readonly CaseAlertState[]): GoamlMode {
  const missing = ids.filter((id) => !state.some((a) => a.id === id));
  if (missing.length > 0) throw new AppError("not_found", `Unknown alert(s): ${missing.join(", ")}.`);
  const open = state.filter((a) => !FILEABLE_STATUSES.includes(a.status));
  if (open.length > 0) {
    const list = open.map((a) => `${a.id} (${a.status.replace("_", " ")})`).join(", ");
    throw new AppError(
      "conflict",
      `Only escalated or reported alerts can be reported to the FIU; not: ${list}.`,
    );
  }
  return state.every((a) => a.status === "reported") ? "file" : "draft";
}

export type CaseReport = {
  mode: GoamlMode;
  xml: string;
  transferCount: number;
  schema: GoamlSchema;
  settingsVersion: number;
  rentityId: number;
  validation: GoamlValidation;
};

export type PrepareCaseReportParams = {
  alertIds: readonly number[];
  exportId: string;
  submissionDate: Date;
  /** Asking for "file" on a case that can only give a draft is refused (four eyes). */
  mode?: GoamlMode | undefined;
  /** The filing step: the case is escalated now and becomes reported with this report. */
  filing?: boolean;
};

export function schemaName(schema: GoamlSchema): string {
  return schema.source === "installed"
    ? `the installed FMU schema ${schema.fileName}${schema.version ? ` (version ${schema.version})` : ""}`
    : "the built-in goAML 5.0.1 schema";
}

/** Builds the case's report and validates it against the schema in force. */
export async function prepareCaseReport(db: Db, p: PrepareCaseReportParams): Promise<CaseReport> {
  const alertIds = [...p.alertIds];
  const state = await getCaseState(db, { alertIds });
  const possible = caseMode(alertIds, state);
  const mode: GoamlMode = p.filing ? "file" : (p.mode ?? possible);
  if (mode === "file" && possible === "draft" && !p.filing) {
    throw new AppError(
      "conflict",
      "The case is escalated, not filed: only a draft can be downloaded. A compliance officer other than the one who escalated it files it on the case page (four eyes); the fileable report is then available.",
    );
  }
  const [stored, schema, found] = await Promise.all([
    getGoamlSettings(db),
    getGoamlSchema(db),
    loadGoamlCase(db, { alertIds }),
  ]);
  if (mode === "file" && stored.version === 0) throw new AppError("conflict", PLACEHOLDER_SETTINGS_MESSAGE);
  const xml = buildGoamlReport(
    {
      exportId: p.exportId,
      draft: mode === "draft",
      submissionDate: p.submissionDate,
      reason: caseReason(state),
      ruleIds: found.alerts.map((a) => a.ruleId),
      transfers: found.transfers,
    },
    stored.settings,
  );
  const validation = await validateGoamlReport(xml, schema);
  return {
    mode,
    xml,
    transferCount: found.transfers.length,
    schema,
    settingsVersion: stored.version,
    rentityId: stored.settings.rentityId,
    validation,
  };
}
