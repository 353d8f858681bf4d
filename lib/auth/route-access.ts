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
  /**
   * Concrete requests the access matrix sends (defaults to the route itself). An allowed caller
   * must get a status below 400, or `allowedStatus` when the sample is refused past the guard.
   */
  samples?: readonly { method: "GET" | "POST"; path: string; allowedStatus?: number }[];
};

export const ROUTE_ACCESS = [
  // `/` only redirects to /overview, which is guarded.
  { route: "/", kind: "page", access: "public" },
  { route: "/sign-in", kind: "page", access: "public" },
  { route: "/overview", kind: "page", access: "views:read" },
  {
    route: "/supply",
    kind: "page",
    access: "views:read",
    // The bare view and a filtered one (bad filters must still be a 200 for whoever may read it).
    samples: [
      { method: "GET", path: "/supply" },
      { method: "GET", path: "/supply?chain=999999&holders.size=100000" },
    ],
  },
  { route: "/corridors", kind: "page", access: "views:read" },
  { route: "/transactions", kind: "page", access: "views:read" },
  // A malformed address renders its explanation (200) without touching the database.
  {
    route: "/addresses/[address]",
    kind: "page",
    access: "views:read",
    samples: [{ method: "GET", path: "/addresses/not-an-address" }],
  },
  // Flagged transactions: every role that reads the views sees the alerts; triage is per action.
  { route: "/alerts", kind: "page", access: "views:read" },
  // The demo seed raises alerts at start (serial ids from 1); an unknown id is a 404 for readers.
  {
    route: "/alerts/[id]",
    kind: "page",
    access: "views:read",
    samples: [{ method: "GET", path: "/alerts/1" }],
  },
  { route: "/admin/rules", kind: "page", access: "rules:edit" },
  // Compliance officers: the monthly report, recent exports, and the goAML settings they keep.
  { route: "/reports", kind: "page", access: "exports:create" },
  { route: "/reports/goaml-settings", kind: "page", access: "reports:file" },
  { route: "/admin/users", kind: "page", access: "users:manage" },
  { route: "/admin/audit", kind: "page", access: "audit:read" },
  // Entity registry: every role reads it; only registry:edit sees and may use the edit controls.
  { route: "/registry", kind: "page", access: "views:read" },
  // The demo seed's first entity (serial ids start at 1 in a fresh database).
  {
    route: "/registry/[id]",
    kind: "page",
    access: "views:read",
    samples: [{ method: "GET", path: "/registry/1" }],
  },
  // Sanctions and high-risk lists (what R1 matches): admins and compliance officers. The demo
  // seed imports two lists (serial ids from 1).
  { route: "/lists", kind: "page", access: "lists:manage" },
  {
    route: "/lists/[id]",
    kind: "page",
    access: "lists:manage",
    samples: [{ method: "GET", path: "/lists/1" }],
  },
  { route: "/indexer", kind: "page", access: "views:read" },
  // Reserves & peg (#17): every reader; entering and confirming figures is per action.
  {
    route: "/reserves",
    kind: "page",
    access: "views:read",
    samples: [
      { method: "GET", path: "/reserves" },
      { method: "GET", path: "/reserves?chain=999999&range=nope" },
    ],
  },
  { route: "/governance", kind: "page", access: "views:read" },
  // CSV of the transactions filter: compliance officers only, every download audited with its
  // SHA-256. The sample asks for one unknown hash, so the probe streams a header and no rows.
  {
    route: "/api/exports/transactions",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: `/api/exports/transactions?q=0x${"0".repeat(64)}` }],
  },
  // The other exports (CSV/XLSX of a view's filter, the monthly PDF, a case's goAML XML). Samples
  // ask for something small or unknown, so the probe never streams a large file.
  {
    route: "/api/exports/alerts",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/alerts?format=csv&rule=R1&status=dismissed" }],
  },
  {
    route: "/api/exports/corridors",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/corridors?format=csv" }],
  },
  {
    route: "/api/exports/supply",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/supply?format=csv" }],
  },
  {
    route: "/api/exports/monthly-report",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/monthly-report?month=2000-01" }],
  },
  {
    route: "/api/exports/reserves",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/reserves?format=csv&series=collateral&range=7d" }],
  },
  // goAML needs a reported (or escalated) case; the sample names an unknown alert (404 past the guard).
  {
    route: "/api/exports/goaml",
    kind: "api",
    access: "exports:create",
    samples: [{ method: "GET", path: "/api/exports/goaml?alert=999999999", allowedStatus: 404 }],
  },
  // The audit log as CSV/XLSX with its hash chain: for those who read it (admins), audited too.
  {
    route: "/api/exports/audit",
    kind: "api",
    access: "audit:read",
    samples: [{ method: "GET", path: "/api/exports/audit?format=csv&action=user.create" }],
  },
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
  "create-entity": "registry:edit",
  "update-entity": "registry:edit",
  "upsert-address": "registry:edit",
  "import-registry": "registry:edit",
  // Case work: assigning, notes and moves along the workflow. Filing ("reported") and dismissing
  // an escalated case further need reports:file, checked in the handler (with four eyes).
  "assign-alerts": "alerts:triage",
  "add-alert-note": "alerts:triage",
  "transition-alert": "alerts:triage",
  "update-rule-settings": "rules:edit",
  "update-goaml-settings": "reports:file",
  // The FMU's goAML XSD, against which every STR is validated: kept by those who file.
  "install-goaml-schema": "reports:file",
  "import-watchlist": "lists:manage",
  "retire-watchlist": "lists:manage",
  // Reserves & peg: attestation figures and entered native supply (a second officer confirms).
  "enter-reserve-attestation": "reserves:attest",
  "review-reserve-attestation": "reserves:attest",
  "enter-native-supply": "reserves:attest",
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
