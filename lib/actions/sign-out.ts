"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "@/lib/auth/instance";
import { fromAuthError } from "@/lib/auth/request-ip";
import { safeAction } from "./safe-action";

/** Deletes the session row (better-auth's hook audits it) and the cookie. */
export const signOut = safeAction({
  name: "sign-out",
  input: z.unknown(),
  handler: async (_input, { request }) => {
    const auth = await getAuth();
    try {
      await auth.api.signOut({ headers: request.headers });
    } catch (err) {
      throw fromAuthError(err);
    }
    redirect("/sign-in?signed-out=1");
  },
});
