"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { inRegistryTransaction, upsertAddress as writeAddress } from "@/db/queries/registry-edit";
import { AppError } from "@/lib/errors";
import { upsertAddressSchema } from "@/lib/validators/registry";
import { actorOf, safeAction } from "./safe-action";

/**
 * Admin attributes an address on a chain to an entity (adding it, or moving it from another
 * entity) with its label and tags. Attribution and the bridge tag feed the rollups: rebuilt here.
 */
export const upsertAddress = safeAction({
  name: "upsert-address",
  input: upsertAddressSchema,
  handler: async (input, ctx) => {
    const actor = actorOf(ctx);
    const result = await inRegistryTransaction(ctx.db, { rebuildRollups: true }, async (tx) => {
      const out = await writeAddress(tx, input);
      if (out.status === "no_entity") throw new AppError("not_found", "Unknown entity.");
      await recordAudit(tx, {
        action: "registry.edit",
        actor: { id: actor.userId, email: actor.email, role: actor.role },
        target: `${input.chainId}:${input.address}`,
        params: {
          op: "address.upsert",
          ...input,
          created: out.status === "created",
          previousEntityId: out.status === "updated" ? out.previousEntityId : null,
        },
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      });
      return out;
    });
    revalidatePath(`/registry/${input.entityId}`);
    revalidatePath("/registry");
    const moved =
      result.status !== "updated" || result.previousEntityId === input.entityId
        ? ""
        : result.previousEntityId === null
          ? " (was unattributed)"
          : " (moved from another entity)";
    const verb = result.status === "created" ? "Added" : "Updated";
    return {
      data: { status: result.status },
      message: `${verb} ${input.address} on chain ${input.chainId}${moved}.`,
    };
  },
});
