"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { countActiveAdmins, getUser } from "@/db/queries/users";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { userIdInputSchema } from "@/lib/validators/auth";
import { actorOf, safeAction } from "./safe-action";

/** better-auth's ban: refuses future sign-ins and deletes every session of the user at once. */
export const deactivateUser = safeAction({
  name: "deactivate-user",
  input: userIdInputSchema,
  handler: async ({ userId }, ctx) => {
    const actor = actorOf(ctx);
    if (userId === actor.userId) throw new AppError("conflict", "You cannot deactivate yourself.");
    const user = await getUser(ctx.db, { id: userId });
    if (!user) throw new AppError("not_found", "Unknown user.");
    if (user.deactivated)
      return { data: { changed: false }, message: `${user.email} is already deactivated.` };
    if (user.role === "admin" && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new AppError("conflict", "This is the last active admin.");
    }
    try {
      await (
        await getAuth()
      ).api.banUser({
        body: { userId, banReason: `Deactivated by ${actor.email}` },
        headers: ctx.request.headers,
      });
    } catch (err) {
      throw fromAuthError(err);
    }
    await recordAudit(ctx.db, {
      action: "user.deactivate",
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      target: user.email,
      params: { userId },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/admin/users");
    return { data: { changed: true }, message: `${user.email} is deactivated; their sessions have ended.` };
  },
});
