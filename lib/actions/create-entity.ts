"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { createEntity as insertEntity, inRegistryTransaction } from "@/db/queries/registry-edit";
import { AppError } from "@/lib/errors";
import { createEntitySchema } from "@/lib/validators/registry";
import { actorOf, safeAction } from "./safe-action";

/**
 * Admin adds an entity. A new entity has no addresses, so no attribution changes and the rollups
 * are left alone (they are rebuilt when an address is attributed to it).
 */
export const createEntity = safeAction({
  name: "create-entity",
  input: createEntitySchema,
  handler: async (fields, ctx) => {
    const actor = actorOf(ctx);
    const entity = await inRegistryTransaction(ctx.db, { rebuildRollups: false }, async (tx) => {
      const created = await insertEntity(tx, fields);
      if (!created) throw new AppError("conflict", `An entity named "${fields.name}" already exists.`);
      await recordAudit(tx, {
        action: "registry.edit",
        actor: { id: actor.userId, email: actor.email, role: actor.role },
        target: created.name,
        params: { op: "entity.create", entityId: created.id, ...fields },
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      });
      return created;
    });
    revalidatePath("/registry");
    return { data: { id: entity.id }, message: `Created ${entity.name}.` };
  },
});
