"use server";

import { revalidatePath } from "next/cache";
import { getLatestEscalator, transitionAlert as moveAlert } from "@/db/queries/alert-workflow";
import type { Db } from "@/db/client";
import { getCaseState } from "@/db/queries/exports-inputs";
import { can } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { newExportId } from "@/lib/reports/export-id";
import { prepareCaseReport, schemaName } from "@/lib/reports/goaml/case-report";
import { STATUS_LABELS } from "@/lib/monitoring/workflow";
import { transitionAlertSchema } from "@/lib/validators/alert-case";
import { actorOf, safeAction } from "./safe-action";

/**
 * Filing is the goAML report's too: the move to "reported" is refused while the report it makes
 * would be refused by the FIU's schema, or while the goAML settings are placeholders. Checked for
 * a compliance officer filing an escalated case he did not escalate: the transaction refuses the
 * rest (role, four eyes) with its own message.
 */
async function checkFileable(db: Db, alertId: number, actor: { id: string; role: string }): Promise<void> {
  if (!can(actor.role, "reports:file")) return; // refused by role in the transaction
  const [state] = await getCaseState(db, { alertIds: [alertId] });
  if (state?.status !== "escalated") return; // the transaction says why the move does not exist
  if ((await getLatestEscalator(db, { alertId })) === actor.id) return;
  const report = await prepareCaseReport(db, {
    alertIds: [alertId],
    exportId: newExportId(),
    submissionDate: new Date(),
    filing: true,
  });
  if (!report.validation.valid) {
    const n = report.validation.issues.length;
    throw new AppError(
      "conflict",
      `The STR would be refused: ${schemaName(report.schema)} finds ${n} ${n === 1 ? "error" : "errors"} in it (see the goAML card). Fix them, then file.`,
    );
  }
}

/**
 * Moves a case along the workflow. The access line only needs alerts:triage; filing and every
 * other move out of "escalated" need reports:file and four eyes, which the workflow table checks
 * with the actor's role inside the transaction (lib/monitoring/workflow.ts).
 */
export const transitionAlert = safeAction({
  name: "transition-alert",
  input: transitionAlertSchema,
  handler: async ({ alertId, to, reason }, ctx) => {
    const actor = actorOf(ctx);
    if (to === "reported") await checkFileable(ctx.db, alertId, { id: actor.userId, role: actor.role });
    const result = await moveAlert(ctx.db, {
      alertId,
      to,
      reason,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/alerts");
    revalidatePath(`/alerts/${alertId}`);
    return { data: result, message: `Moved to ${STATUS_LABELS[to]}.` };
  },
});
