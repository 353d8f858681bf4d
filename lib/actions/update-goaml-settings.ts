"use server";

import { revalidatePath } from "next/cache";
import { saveCheckedGoamlSettings } from "@/lib/reports/goaml/settings-check";
import { goamlSettingsFormSchema } from "@/lib/validators/settings";
import { actorOf, safeAction } from "./safe-action";

/**
 * Compliance officer saves the goAML reporting entity and code lists (version + 1, audited). A code
 * the schema in force lacks is refused on its field, and nothing is saved.
 */
export const updateGoamlSettings = safeAction({
  name: "update-goaml-settings",
  input: goamlSettingsFormSchema,
  handler: async (settings, ctx) => {
    const actor = actorOf(ctx);
    const saved = await saveCheckedGoamlSettings(ctx.db, {
      settings,
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/reports/goaml-settings");
    revalidatePath("/reports");
    return {
      data: { version: saved.version },
      message: `Saved the goAML settings: now version ${saved.version}.`,
    };
  },
});
