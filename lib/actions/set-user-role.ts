"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/db/queries/audit";
import { countActiveAdmins, getUser } from "@/db/queries/users";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/errors";
import { setUserRoleSchema } from "@/lib/validators/auth";
import { actorOf, safeAction } from "./safe-action";

/** Takes effect on the user's next request: sessions are read from the database every time. */
export const setUserRole = safeAction({
  name: "set-user-role",
  input: setUserRoleSchema,
  handler: async ({ userId, role }, ctx) => {
    const actor = actorOf(ctx);
    const user = await getUser(ctx.db, { id: userId });
    if (!user) throw new AppError("not_found", "Unknown user.");
    if (user.role === role)
      return { data: { changed: false }, message: `${user.email} already has that role.` };
    if (user.role === "admin" && !user.deactivated && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new AppError("conflict", "This is the last active admin; make another admin first.");
    }
    try {
      await (await getAuth()).api.setRole({ body: { userId, role }, headers: ctx.request.headers });
    } catch (err) {
      throw fromAuthError(err);
    }
    await recordAudit(ctx.db, {
      action: "user.role_change",
      actor: { id: actor.userId, email: actor.email, role: actor.role },
      target: user.email,
      params: { userId, from: user.role, to: role },
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    revalidatePath("/admin/users");
    return { data: { changed: true }, message: `${user.email} is now ${role.replace("_", " ")}.` };
  },
});
