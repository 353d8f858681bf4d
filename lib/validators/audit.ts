import { z } from "zod";

/** `/admin/audit?chain=full` verifies the whole hash chain; otherwise the latest rows only. */
export const auditChainScopeSchema = z.object({
  chain: z.enum(["recent", "full"]).default("recent").catch("recent"),
});
export type AuditChainScope = z.output<typeof auditChainScopeSchema>["chain"];
