// Guards for server components, layouts and actions. Pages and layouts redirect an anonymous
// visitor to /sign-in and render the 403 page for a role without the permission.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { decideAccess, signInPath } from "./access";
import { getAuth } from "./instance";
import { isUserRole, type Permission, type UserRole } from "./roles";
import { findRouteAccess, type Access } from "./route-access";

/** Set by proxy.ts on every request (overwriting any client value). */
export const REQUEST_PATH_HEADER = "x-usd1-path";

export type AppSession = { sessionId: string; userId: string; email: string; name: string; role: UserRole };

/** The signed-in user of this request, or null. Read once per request (React cache). */
export const getSession = cache(async (): Promise<AppSession | null> => {
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: await headers() });
  if (!result) return null;
  const role = (result.user as { role?: unknown }).role;
  // A role outside the three (a hand-edited row) is treated as no session at all.
  if (!isUserRole(role)) return null;
  return {
    sessionId: result.session.id,
    userId: result.user.id,
    email: result.user.email,
    name: result.user.name,
    role,
  };
});

async function requestPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

async function enforce(access: Access): Promise<AppSession | null> {
  const session = await getSession();
  const decision = decideAccess(session, access);
  if (decision === "sign-in") redirect(signInPath(await requestPath()));
  if (decision === "forbidden") forbidden();
  return session;
}

export async function requireSession(): Promise<AppSession> {
  const session = await enforce("session");
  if (!session) redirect(signInPath(await requestPath()));
  return session;
}

export async function requireRole(permission: Permission): Promise<AppSession> {
  await enforce(permission);
  return requireSession();
}

/**
 * For the dashboard layout: the access declared for the requested path (lib/auth/route-access.ts).
 * A path with no declaration is refused. Layouts run before the page streams, so the status
 * is a real 307/403; pages still check their own permission (client navigations skip layouts).
 */
export async function requireRouteAccess(): Promise<AppSession> {
  const entry = findRouteAccess(await requestPath());
  if (!entry) {
    await requireSession();
    forbidden();
  }
  await enforce(entry.access);
  return requireSession();
}
