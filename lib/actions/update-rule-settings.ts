"use server";

import { revalidatePath } from "next/cache";
import { listRuleSettings, updateRuleSettings as writeRuleSettings } from "@/db/queries/monitoring";
import { ruleById } from "@/lib/monitoring/rules";
import { alignChoiceOrder } from "@/lib/monitoring/settings-form";
import { ruleSettingsFormSchema } from "@/lib/validators/settings";
import { actorOf, safeAction } from "./safe-action";

/**
 * Admin saves one rule's parameters. The query bumps the version and audits `rule.change` in one
 * transaction (or does nothing when nothing changed). Only transfers evaluated from now on see the
 * change: re-evaluating history is `npm run monitor -- --rebuild --rule Rn`, an operator's job,
 * never a web request's.
 */
export const updateRuleSettings = safeAction({
  name: "update-rule-settings",
  input: ruleSettingsFormSchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    const current = (await listRuleSettings(ctx.db)).find((s) => s.ruleId === input.ruleId);
    const params = current
      ? alignChoiceOrder(ruleById(input.ruleId), input.params, current.params)
      : input.params;
    const saved = await writeRuleSettings(ctx.db, {
      ruleId: input.ruleId,
      params,
      enabled: input.enabled,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/admin/rules");
    return {
      data: { version: saved.version, changed: saved.changed },
      message: saved.changed
        ? `Saved ${input.ruleId}: now version ${saved.version}.`
        : `Nothing changed: ${input.ruleId} stays at version ${saved.version}.`,
    };
  },
});
