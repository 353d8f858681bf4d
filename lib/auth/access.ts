import type { Access } from "./route-access";
import { can } from "./roles";

export type AccessDecision = "allow" | "sign-in" | "forbidden";

/** The one rule: public is open, anything else needs a session, a permission needs the role. */
export function decideAccess(session: { role: string } | null, access: Access): AccessDecision {
  if (access === "public") return "allow";
  if (!session) return "sign-in";
  if (access === "session") return "allow";
  return can(session.role, access) ? "allow" : "forbidden";
}

/** Where an anonymous visitor is sent, remembering where they were going. */
export function signInPath(next: string | null | undefined): string {
  if (!next || next === "/" || !next.startsWith("/") || next.startsWith("//")) return "/sign-in";
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
