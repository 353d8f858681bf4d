// The one wrapper every server action goes through: it checks the session's role against the
// declared access (lib/auth/route-access.ts), validates the input with zod, logs server errors
// and returns a safe message. Actions are public HTTP endpoints: this is what refuses.
import "server-only";
import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { primaryWalLsn, WAL_FENCE_COOKIE, WAL_FENCE_MAX_AGE_SECONDS } from "@/db/read-routing";
import { decideAccess } from "@/lib/auth/access";
import { getSession, type AppSession } from "@/lib/auth/guards";
import { getAuthSettings } from "@/lib/auth/instance";
import { clientIp } from "@/lib/auth/request-ip";
import { ACTION_ACCESS, type ActionName } from "@/lib/auth/route-access";
import { env } from "@/lib/env.js";
import { AppError, type ErrorCode } from "@/lib/errors";
import { FieldErrors } from "@/lib/field-errors";
import { createLogger } from "@/lib/logger";

const log = createLogger("web-actions", env.LOG_LEVEL);

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** The initial state for `useActionState`. */
export const IDLE: ActionResult<never> | null = null;

export type RequestMeta = { ip: string | null; userAgent: string | null; headers: Headers };

export type ActionContext = { session: AppSession | null; db: Db; request: RequestMeta };

type Definition<S extends z.ZodType, T> = {
  name: ActionName;
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<{ data: T; message?: string }>;
};

function toObject(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const out: Record<string, FormDataEntryValue> = {};
    for (const [k, v] of raw.entries()) if (!k.startsWith("$ACTION")) out[k] = v;
    return out;
  }
  return raw;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIp(h, getAuthSettings().trustedProxies), userAgent: h.get("user-agent"), headers: h };
}

/**
 * `safeAction({ name, input, handler })` → an action usable as `useActionState(action, IDLE)`
 * (called with the previous state and a FormData) or directly with an object.
 */
export function safeAction<S extends z.ZodType, T>(def: Definition<S, T>) {
  const access = ACTION_ACCESS[def.name];
  return async (_prev: unknown, raw: unknown): Promise<ActionResult<T>> => {
    try {
      const session = await getSession();
      const decision = decideAccess(session, access);
      if (decision !== "allow") {
        log.warn({ action: def.name, user: session?.email ?? null, decision }, "server action refused");
        return decision === "sign-in"
          ? { ok: false, code: "unauthorized", message: "Your session has ended. Sign in again." }
          : { ok: false, code: "forbidden", message: "Your role does not allow this action." };
      }
      const parsed = def.input.safeParse(toObject(raw));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        const first = parsed.error.issues[0]?.message ?? "Check the form.";
        return { ok: false, code: "bad_request", message: first, fieldErrors };
      }
      const db = await getDb();
      const { data, message } = await def.handler(parsed.data, { session, db, request: await requestMeta() });
      await fenceReads(db);
      return message === undefined ? { ok: true, data } : { ok: true, data, message };
    } catch (err) {
      // redirect(), notFound() and friends are control flow, not failures.
      unstable_rethrow(err);
      if (err instanceof FieldErrors) {
        return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
      }
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
      log.error({ err, action: def.name }, "server action failed");
      return { ok: false, code: "internal", message: "Something went wrong. The error has been logged." };
    }
  };
}

/**
 * With a read replica, the pages this browser loads next must show what it has just written: the
 * primary's WAL position goes into a cookie, and reads wait for a replica that has replayed it
 * (db/read-routing.ts). Without a replica there is nothing to fence.
 */
async function fenceReads(db: Db): Promise<void> {
  if (!env.DATABASE_READ_URL) return;
  (await cookies()).set(WAL_FENCE_COOKIE, await primaryWalLsn(db), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production" && (env.BETTER_AUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: WAL_FENCE_MAX_AGE_SECONDS,
  });
}

/** For handlers that need a signed-in user (the wrapper has checked access already). */
export function actorOf(ctx: ActionContext): AppSession {
  if (!ctx.session) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return ctx.session;
}
