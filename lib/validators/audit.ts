import { z } from "zod";
import type { AuditFilter } from "./auth";

/** `/admin/audit?chain=full` verifies the whole hash chain; otherwise the latest rows only. */
export const auditChainScopeSchema = z.object({
  chain: z.enum(["recent", "full"]).default("recent").catch("recent"),
});
export type AuditChainScope = z.output<typeof auditChainScopeSchema>["chain"];

const DAY_MS = 86_400_000;

/** The audit page's filter as a query: `from` and `to` are whole UTC days, both inclusive. */
export function auditQueryOf(filter: AuditFilter): {
  action: AuditFilter["action"];
  actor: string | undefined;
  target: string | undefined;
  from: Date | undefined;
  to: Date | undefined;
} {
  return {
    action: filter.action,
    actor: filter.actor || undefined,
    target: filter.target || undefined,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    to: filter.to ? new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

/** The audit page's query string for a filter (and page). */
export function auditQueryString(filter: AuditFilter, page = 1): string {
  const q = new URLSearchParams();
  for (const key of ["action", "actor", "target", "from", "to"] as const) {
    const v = filter[key];
    if (v) q.set(key, v);
  }
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
