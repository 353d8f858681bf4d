// Route-handler guard: checks the declared access on the server and answers 401/403 as JSON
// (machines do not follow a redirect to a sign-in page).
import "server-only";
import type { NextRequest } from "next/server";
import { decideAccess } from "@/lib/auth/access";
import { getSession, type AppSession } from "@/lib/auth/guards";
import type { Access } from "@/lib/auth/route-access";
import type { Logger } from "@/lib/logger";
import { apiError, toErrorResponse } from "./errors";

type Handler<C> = (req: NextRequest, ctx: C & { session: AppSession | null }) => Promise<Response>;

export function withAccess<C extends object>(access: Access, handler: Handler<C>, log?: Logger) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    try {
      const session = await getSession();
      const decision = decideAccess(session, access);
      if (decision === "sign-in") return apiError("unauthorized", "Sign in first.");
      if (decision === "forbidden") return apiError("forbidden", "Your role does not allow this.");
      return await handler(req, { ...ctx, session });
    } catch (err) {
      return toErrorResponse(err, log);
    }
  };
}
