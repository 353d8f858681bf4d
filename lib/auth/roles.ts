// Who may do what. The one table every guard reads (pages, server actions, route handlers, the
// nav); the UI hides what a role cannot do, the server is what refuses.
import { USER_ROLES, type UserRole } from "@/db/schema/auth";

export { USER_ROLES, type UserRole };

export const ROLE_LABELS: Record<UserRole, string> = {
  analyst: "Analyst",
  compliance_officer: "Compliance officer",
  admin: "Admin",
};

export const PERMISSIONS = [
  /** Read every supervision view (overview, flows, alerts, registry). */
  "views:read",
  /** Triage alerts (acknowledge, escalate, dismiss). */
  "alerts:triage",
  /** Export data (CSV, reports) – every export is audited with its checksum. */
  "exports:create",
  /** File supervisory reports. */
  "reports:file",
  /** Users and roles. */
  "users:manage",
  /** Entity registry edits and imports. */
  "registry:edit",
  /** Monitoring rule settings. */
  "rules:edit",
  /** Read the audit log. */
  "audit:read",
  /** Import and retire sanctions and high-risk lists (what R1 matches). */
  "lists:manage",
  /** Enter reserve attestations and native supply the indexer cannot read; confirm another officer's entry. */
  "reserves:attest",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Segregation of duties: admins run the system (users, registry, rules, audit) and read the
 * views, but do not triage alerts, export or file reports; compliance officers do everything an
 * analyst does plus exports and filing. Both keep the sanctions lists: the officer answers for
 * screening, the admin runs the system that applies it.
 */
const ANALYST: readonly Permission[] = ["views:read", "alerts:triage"];
export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  analyst: ANALYST,
  compliance_officer: [...ANALYST, "exports:create", "reports:file", "lists:manage", "reserves:attest"],
  admin: ["views:read", "users:manage", "registry:edit", "rules:edit", "audit:read", "lists:manage"],
};

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === "string" && (USER_ROLES as readonly string[]).includes(value);
}

/** An unknown role (a row edited by hand, a stale session) may do nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  return isUserRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles that hold a permission (tests, the access matrix). */
export function rolesWith(permission: Permission): UserRole[] {
  return USER_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}
