"use server";

import { revalidatePath } from "next/cache";
import { alertTarget } from "@/db/queries/alert-workflow";
import { assignAlerts as assignAlertRows, listAssignableUsers } from "@/db/queries/alerts-list";
import { recordAudit } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import { formatCount } from "@/lib/format";
import { assignAlertsSchema } from "@/lib/validators/alerts";
import { actorOf, safeAction } from "./safe-action";

function idList(ids: readonly number[]): string {
  const shown = ids.slice(0, 10).map((id) => `#${id}`);
  return ids.length > 10 ? `${shown.join(", ")} and ${ids.length - 10} more` : shown.join(", ");
}

/**
 * Bulk (re)assignment of alerts to an analyst or compliance officer, or back to nobody: all of
 * them or none (an unknown id or a decided case refuses the batch), with one audit entry that
 * names each alert's previous and new assignee, written in the same transaction.
 */
export const assignAlerts = safeAction({
  name: "assign-alerts",
  input: assignAlertsSchema,
  handler: async ({ alertIds, assignee }, ctx) => {
    const actor = actorOf(ctx);
    const to = assignee === "" ? null : assignee;
    const outcome = await ctx.db.transaction(async (tx) => {
      const user = to === null ? null : (await listAssignableUsers(tx)).find((u) => u.id === to);
      if (to !== null && !user) {
        throw new AppError(
          "bad_request",
          "That user cannot be assigned alerts (inactive, or no triage role).",
        );
      }
      const result = await assignAlertRows(tx, { alertIds, assignee: to });
      if (result.notFound.length > 0) {
        throw new AppError("not_found", `No alert ${idList(result.notFound)}. Nothing was changed.`);
      }
      if (result.closed.length > 0) {
        throw new AppError(
          "conflict",
          `${idList(result.closed.map((c) => c.id))} ${result.closed.length === 1 ? "is" : "are"} already ` +
            "decided (reported or dismissed); a closed case keeps its assignee. Nothing was changed.",
        );
      }
      await recordAudit(tx, {
        action: "alert.assign",
        actor: { id: actor.userId, email: actor.email, role: actor.role },
        // The same target as the case's decisions and notes, so one audit filter finds its trail.
        target: [...new Set(alertIds)].map(alertTarget).join(" "),
        params: {
          alertIds: [...new Set(alertIds)].sort((a, b) => a - b),
          assignee: to,
          assigneeEmail: user?.email ?? null,
          changes: result.changes,
          unchanged: result.unchanged,
        },
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      });
      return { result, user };
    });
    revalidatePath("/alerts");
    const { result, user } = outcome;
    const who = user ? `${user.name} (${user.email})` : "nobody";
    const changed = formatCount(result.changes.length, "alert");
    const same = result.unchanged.length > 0 ? `; ${result.unchanged.length} already were` : "";
    return {
      data: { changed: result.changes.map((c) => c.id), unchanged: result.unchanged },
      message: user ? `${changed} assigned to ${who}${same}.` : `${changed} unassigned${same}.`,
    };
  },
});
