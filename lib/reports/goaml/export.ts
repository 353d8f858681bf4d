// The goAML file of a case: loads the alerts and their evidence transfers, builds the XML, and
// hands it to startAuditedExport like any other export body (row count = <transaction>s).
import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { loadGoamlCase } from "@/db/queries/exports-report";
import { AppError } from "@/lib/errors";
import type { GoamlExportParams } from "@/lib/validators/exports";
import type { ExportBody } from "../run-export";
import { buildGoamlReport } from "./builder";
import type { GoamlSettings } from "./settings";

export type GoamlExportInput = {
  exportId: string;
  params: GoamlExportParams;
  settings: GoamlSettings;
  submissionDate: Date;
};

export async function goamlExportBody(
  db: Db,
  input: GoamlExportInput,
): Promise<ExportBody & { xml: string }> {
  const found = await loadGoamlCase(db, { alertIds: input.params.alertIds });
  const missing = input.params.alertIds.filter((id) => !found.alerts.some((a) => a.id === id));
  if (missing.length > 0) throw new AppError("not_found", `unknown alert id(s): ${missing.join(", ")}`);
  const xml = buildGoamlReport(
    {
      exportId: input.exportId,
      submissionDate: input.submissionDate,
      reason: input.params.reason,
      action: input.params.action,
      ruleIds: found.alerts.map((a) => a.ruleId),
      transfers: found.transfers,
    },
    input.settings,
  );
  const bytes = Buffer.from(xml, "utf8");
  return { xml, stream: Readable.from([bytes]), rowCount: () => found.transfers.length };
}
