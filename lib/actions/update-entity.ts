"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { inRegistryTransaction, updateEntity as writeEntity } from "@/db/queries/registry-edit";
import { AppError } from "@/lib/errors";
import { updateEntitySchema } from "@/lib/validators/registry";
import { actorOf, safeAction } from "./safe-action";

/** Admin edits an entity. A new country moves its addresses' corridors: the rollups are rebuilt. */
export const updateEntity = safeAction({
  name: "update-entity",
  input: updateEntitySchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    // Rebuilt on every edit: only the country enters the rollups today, and a stale corridor costs more.
    const outcome = await inRegistryTransaction(ctx.db, { rebuildRollups: true }, async (tx) => {
      const result = await writeEntity(tx, input);
      if (result.status === "not_found") throw new AppError("not_found", "Unknown entity.");
      if (result.status === "name_taken") {
        throw new AppError("conflict", `An entity named "${input.name}" already exists.`);
      }
      await recordAudit(tx, {
        action: "registry.edit",
        actor: { id: actor.userId, email: actor.email, role: actor.role },
        target: result.after.name,
        params: { op: "entity.update", entityId: input.id, before: result.before, after: result.after },
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      });
      return result;
    });
    revalidatePath("/registry");
    revalidatePath(`/registry/${input.id}`);
    return { data: { id: input.id }, message: `Saved ${outcome.after.name}.` };
  },
});
