"use server";

import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { safeNextPath, signInSchema } from "@/lib/validators/auth";
import { safeAction } from "./safe-action";

/**
 * Email/password sign-in through better-auth (its hooks throttle and audit); the session cookie is
 * set by the nextCookies plugin. Failures carry one message whether or not the account exists.
 */
export const signIn = safeAction({
  name: "sign-in",
  input: signInSchema,
  handler: async ({ email, password, next }, { request }) => {
    const auth = await getAuth();
    try {
      await auth.api.signInEmail({ body: { email, password }, headers: request.headers });
    } catch (err) {
      throw fromAuthError(err);
    }
    redirect(safeNextPath(next));
  },
});
