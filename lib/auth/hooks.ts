// better-auth request hooks: the sign-in throttle and the audit trail of sign-in, sign-in failures
// and sign-out. They run for HTTP calls and for server-side auth.api calls alike.
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import type { Db } from "@/db/client";
import { recordAudit, type AuditEntry } from "@/db/queries/audit";
import type { Logger } from "@/lib/logger";
import { EMAIL_MAX } from "@/lib/validators/auth";
import { clientIp } from "./request-ip";
import {
  findSignInWait,
  noteSignInFailure,
  noteSignInSuccess,
  tooSoonMessage,
  wrongPasswordMessage,
} from "./throttle";

type HookCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const SIGN_IN = "/sign-in/email";
const SIGN_OUT = "/sign-out";
const OAUTH_CALLBACK = "/callback/:id";

export type HookDeps = { db: Db; log: Logger; trustedProxies: readonly string[] };

function requestMeta(ctx: HookCtx, deps: HookDeps) {
  const headers = ctx.request?.headers ?? ctx.headers;
  const ip = headers ? clientIp(headers, deps.trustedProxies) : null;
  return { ip, userAgent: headers?.get("user-agent") ?? null };
}

function typedEmail(ctx: HookCtx): string {
  const body = ctx.body as { email?: unknown } | undefined;
  return typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
}

async function audit(deps: HookDeps, entry: AuditEntry): Promise<void> {
  // An audit write that fails must fail the request: an unrecorded sign-in is worse than none.
  await recordAudit(deps.db, entry);
}

type SessionUser = { id: string; email: string; role?: string | null };

function actorOf(u: SessionUser) {
  return { id: u.id, email: u.email, role: u.role ?? null };
}

/**
 * Before sign-in: an attempt before the account's or address's wait has elapsed is refused
 * without checking the password, and not counted (the refusal is audited).
 */
async function guardSignIn(ctx: HookCtx, deps: HookDeps): Promise<void> {
  const email = typedEmail(ctx);
  if (email.length > EMAIL_MAX) {
    throw new APIError("BAD_REQUEST", { message: "Enter a valid email address.", code: "INVALID_EMAIL" });
  }
  const meta = requestMeta(ctx, deps);
  const now = new Date();
  const retryAt = await findSignInWait(deps.db, { email, ip: meta.ip, now });
  if (!retryAt) return;
  await audit(deps, {
    action: "auth.sign_in_locked",
    actor: null,
    target: email,
    params: { retryAt: retryAt.toISOString() },
    ...meta,
  });
  const waitMs = retryAt.getTime() - now.getTime();
  throw new APIError("TOO_MANY_REQUESTS", { message: tooSoonMessage(waitMs), code: "SIGN_IN_TOO_SOON" });
}

/** Before sign-out: the session is still there to say who signed out. */
async function auditSignOut(ctx: HookCtx, deps: HookDeps): Promise<void> {
  const current = await getSessionFromCtx(ctx).catch(() => null);
  if (!current) return;
  await audit(deps, {
    action: "auth.sign_out",
    actor: actorOf(current.user as SessionUser),
    ...requestMeta(ctx, deps),
  });
}

/** After a refused password sign-in: count it, audit it, answer with our own words. */
async function recordSignInFailure(ctx: HookCtx, deps: HookDeps, returned: APIError): Promise<void> {
  const meta = requestMeta(ctx, deps);
  const email = typedEmail(ctx);
  if (returned.statusCode === 403) {
    // A deactivated user with the right password: not a guess, so not counted.
    const reason = String(returned.body?.code ?? returned.status);
    await audit(deps, {
      action: "auth.sign_in_failed",
      actor: null,
      target: email,
      params: { reason },
      ...meta,
    });
    return;
  }
  if (returned.statusCode !== 401) return;
  const { waitMs } = await noteSignInFailure(deps.db, { email, ip: meta.ip });
  await audit(deps, {
    action: "auth.sign_in_failed",
    actor: null,
    target: email,
    params: { reason: "invalid_credentials", waitMs },
    ...meta,
  });
  // The same words whether the account exists or not, with the wait the next attempt faces.
  // (An after hook cannot change the status better-auth already chose, so this stays 401; an
  // attempt before the wait has elapsed is refused with 429 by the before hook.)
  throw new APIError("UNAUTHORIZED", {
    message: wrongPasswordMessage(waitMs),
    code: "INVALID_EMAIL_OR_PASSWORD",
  });
}

export function createAuthHooks(deps: HookDeps) {
  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path === SIGN_IN) await guardSignIn(ctx, deps);
    if (ctx.path === SIGN_OUT) await auditSignOut(ctx, deps);
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN && ctx.path !== OAUTH_CALLBACK) return;
    const created = ctx.context.newSession;
    if (created) {
      const user = created.user as SessionUser;
      if (ctx.path === SIGN_IN) await noteSignInSuccess(deps.db, { email: user.email });
      await audit(deps, {
        action: "auth.sign_in",
        actor: actorOf(user),
        params: { method: ctx.path === SIGN_IN ? "password" : "oidc" },
        ...requestMeta(ctx, deps),
      });
      return;
    }
    const returned = ctx.context.returned;
    if (ctx.path === SIGN_IN && isAPIError(returned)) await recordSignInFailure(ctx, deps, returned);
  });

  return { before, after };
}
