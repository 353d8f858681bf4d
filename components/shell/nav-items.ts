import type { Permission } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";

/** The app's views, in menu order, each with the permission it needs. A new view adds one line. */
export const NAV_ITEMS = [
  { href: "/overview", label: "Overview", permission: "views:read" },
  { href: "/supply", label: "Supply", permission: "views:read" },
  { href: "/reserves", label: "Reserves & peg", permission: "views:read" },
  { href: "/corridors", label: "Corridors", permission: "views:read" },
  { href: "/transactions", label: "Transactions", permission: "views:read" },
  { href: "/alerts", label: "Alerts", permission: "views:read" },
  { href: "/governance", label: "Governance", permission: "views:read" },
  { href: "/reports", label: "Reports", permission: "exports:create" },
  { href: "/registry", label: "Registry", permission: "views:read" },
  { href: "/lists", label: "Lists", permission: "lists:manage" },
  { href: "/indexer", label: "Indexer", permission: "views:read" },
  { href: "/admin/rules", label: "Rules", permission: "rules:edit" },
  { href: "/admin/users", label: "Users", permission: "users:manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
] as const satisfies readonly NavItem[];

export type NavItem = { href: `/${string}`; label: string; permission: Permission };

/** What the role may see. Hiding is courtesy; the pages themselves refuse. */
export function navItemsFor(role: string): { href: string; label: string }[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission)).map(({ href, label }) => ({ href, label }));
}
