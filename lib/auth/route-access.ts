// The declared access of every route and server action. Guards read it (the dashboard layout
// refuses a path that is not here) and tests walk app/ and lib/actions/ against it, so a new
// route or action without a line here fails the build's tests.
import type { Permission } from "./roles";

/** "public": anyone; "session": any signed-in user; otherwise a permission (lib/auth/roles.ts). */
export type Access = "public" | "session" | Permission;

export type RouteAccess = {
  /** App Router pattern: `/overview`, `/alerts/[id]`, `/api/auth/[...all]`. */
  route: string;
  kind: "page" | "api";
  access: Access;
  /** Concrete requests the access matrix sends (defaults to the route itself). */
  samples?: readonly { method: "GET" | "POST"; path: string }[];
};

export const ROUTE_ACCESS = [
  // `/` only redirects to /overview, which is guarded.
  { route: "/", kind: "page", access: "public" },
  { route: "/sign-in", kind: "page", access: "public" },
  { route: "/overview", kind: "page", access: "views:read" },
  { route: "/admin/users", kind: "page", access: "users:manage" },
  { route: "/admin/audit", kind: "page", access: "audit:read" },
  // Liveness for load balancers: {ok, db} and nothing else.
  { route: "/api/health", kind: "api", access: "public" },
  // better-auth; lib/auth/http.ts exposes only sign-in, sign-out, session and the SSO callback.
  {
    route: "/api/auth/[...all]",
    kind: "api",
    access: "public",
    samples: [
      { method: "GET", path: "/api/auth/get-session" },
      { method: "GET", path: "/api/auth/ok" },
    ],
  },
] as const satisfies readonly RouteAccess[];

/** Server actions by file name in lib/actions/ (one action per file). */
export const ACTION_ACCESS = {
  "sign-in": "public",
  "sign-out": "session",
  "create-user": "users:manage",
  "set-user-role": "users:manage",
  "deactivate-user": "users:manage",
  "reactivate-user": "users:manage",
} as const satisfies Record<string, Access>;
export type ActionName = keyof typeof ACTION_ACCESS;

/** `app/(dashboard)/admin/users/page.tsx` → `/admin/users`; route groups and `@slots` vanish. */
export function routeFromFile(file: string): string {
  const parts = file
    .replace(/\\/g, "/")
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((seg) => !/^\(.*\)$/.test(seg) && !seg.startsWith("@"));
  return `/${parts.join("/")}`;
}

function segmentMatches(pattern: string[], path: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? "";
    if (/^\[\[?\.\.\..+\]?\]$/.test(p)) return path.length > i || p.startsWith("[[");
    if (i >= path.length) return false;
    if (/^\[.+\]$/.test(p)) continue;
    if (p !== path[i]) return false;
  }
  return pattern.length === path.length;
}

/** The declared entry for a concrete path, or null (refused: undeclared means no access). */
export function findRouteAccess(pathname: string): RouteAccess | null {
  const path = pathname.split("?")[0]!.split("/").filter(Boolean);
  const entries: readonly RouteAccess[] = ROUTE_ACCESS;
  // Static routes win over dynamic ones, as in the App Router.
  const exact = entries.find((e) => e.route === `/${path.join("/")}`);
  if (exact) return exact;
  return entries.find((e) => segmentMatches(e.route.split("/").filter(Boolean), path)) ?? null;
}
