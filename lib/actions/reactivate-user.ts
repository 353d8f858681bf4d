"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { getUser } from "@/db/queries/users";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { userIdInputSchema } from "@/lib/validators/auth";
import { actorOf, safeAction } from "./safe-action";

export const reactivateUser = safeAction({
  name: "reactivate-user",
  input: userIdInputSchema,
  handler: async ({ userId }, ctx) => {
    const actor = actorOf(ctx);
    const user = await getUser(ctx.db, { id: userId });
    if (!user) throw new AppError("not_found", "Unknown user.");
    if (!user.deactivated) return { data: { changed: false }, message: `${user.email} is active.` };
    try {
      await (await getAuth()).api.unbanUser({ body: { userId }, headers: ctx.request.headers });
    } catch (err) {
      throw fromAuthError(err);
    }
    await recordAudit(ctx.db, {
      action: "user.reactivate",
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      target: user.email,
      params: { userId },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/admin/users");
    return { data: { changed: true }, message: `${user.email} can sign in again.` };
  },
});
