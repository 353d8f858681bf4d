// The audit log as an export reads it: the audit page's filter, in chain order (seq), every
// chained column as the hash saw it (db/queries/audit-chain.ts), so each exported row can be
// checked on its own with the canonical content of lib/audit/chain.ts. Read in batches up to the
// chain head taken when the export started; rows written meanwhile (the export's own record
// among them) belong to the next export.
import { and, asc, eq, gt, gte, ilike, lte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, type AuditAction } from "../schema/audit";
import { CHAIN_FIELDS, type AuditChainRow } from "./audit-chain";

export type AuditExportFilter = {
  action?: AuditAction | undefined;
  actor?: string | undefined;
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function* streamAuditExport(
  db: Db,
  p: { filter: AuditExportFilter; headSeq: number; batchSize?: number },
): AsyncGenerator<AuditChainRow[]> {
  const f = p.filter;
  const where: SQL[] = [lte(auditLog.seq, p.headSeq)];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actor) where.push(ilike(auditLog.actorEmail, `%${escapeLike(f.actor)}%`));
  if (f.target) where.push(ilike(auditLog.target, `%${escapeLike(f.target)}%`));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const size = p.batchSize ?? 2_000;
  let after = 0;
  for (;;) {
    const rows = await db
      .select(CHAIN_FIELDS)
      .from(auditLog)
      .where(and(gt(auditLog.seq, after), ...where))
      .orderBy(asc(auditLog.seq))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows.at(-1)!.seq);
    if (rows.length < size) return;
  }
}
