"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { createUserSchema } from "@/lib/validators/auth";
import { actorOf, safeAction } from "./safe-action";

/** Admin creates a user with a first password to hand over (SSO users sign in by email match). */
export const createUser = safeAction({
  name: "create-user",
  input: createUserSchema,
  handler: async ({ email, name, role, password }, ctx) => {
    const actor = actorOf(ctx);
    const auth = await getAuth();
    let userId: string;
    try {
      const res = await auth.api.createUser({
        body: { email, name, role, password },
        headers: ctx.request.headers,
      });
      userId = res.user.id;
    } catch (err) {
      throw fromAuthError(err);
    }
    await recordAudit(ctx.db, {
      action: "user.create",
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      target: email,
      params: { userId, name, role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/admin/users");
    return { data: { userId }, message: `Created ${email} (${role}).` };
  },
});
