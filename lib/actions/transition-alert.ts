"use server";

import { revalidatePath } from "next/cache";
import { transitionAlert as moveAlert } from "@/db/queries/alert-workflow";
import { STATUS_LABELS } from "@/lib/monitoring/workflow";
import { transitionAlertSchema } from "@/lib/validators/alert-case";
import { actorOf, safeAction } from "./safe-action";

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
