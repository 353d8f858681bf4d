// The audit log: one writer (recordAudit) and one reader (listAuditLog). The table is
// append-only at the database (trigger), so there is deliberately no update or delete here.
import { and, count, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { auditLog, type AuditAction, type AuditParams } from "../schema/audit";

type Writer = Db | Tx;

export type AuditActor = { id: string; email: string; role: string | null };

export type AuditEntry = {
  action: AuditAction;
  /** null for an anonymous event (a failed sign-in). */
  actor: AuditActor | null;
  /** What was acted on: a user id, an entity, a rule, an export's file name. */
  target?: string | null;
  params?: AuditParams;
  ip?: string | null;
  userAgent?: string | null;
  /** sha256 hex of an exported file. */
  checksum?: string | null;
  /** Defaults to the database's now(). */
  at?: Date;
};

/** The one way anything is written to the audit log. */
export async function recordAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...(entry.at ? { at: entry.at } : {}),
    action: entry.action,
    actorUserId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    actorRole: entry.actor?.role ?? null,
    target: entry.target ?? null,
    params: entry.params ?? {},
    ip: entry.ip ?? null,
    // A user agent is attacker-chosen text: keep it bounded.
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 512) : null,
    checksum: entry.checksum ?? null,
  });
}

export type ListAuditLogParams = {
  action?: AuditAction | undefined;
  /** Substring of the actor's email (case-insensitive). */
  actor?: string | undefined;
  /** Substring of the target. */
  target?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  to?: Date | undefined;
  limit: number;
  offset: number;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  target: string | null;
  params: AuditParams;
  ip: string | null;
  userAgent: string | null;
  checksum: string | null;
};

/** Newest first, filtered, one page at a time, with the total for the pager. */
export async function listAuditLog(
  db: Writer,
  params: ListAuditLogParams,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where: SQL[] = [];
  if (params.action) where.push(eq(auditLog.action, params.action));
  if (params.actor) where.push(ilike(auditLog.actorEmail, `%${escapeLike(params.actor)}%`));
  if (params.target) where.push(ilike(auditLog.target, `%${escapeLike(params.target)}%`));
  if (params.from) where.push(gte(auditLog.at, params.from));
  if (params.to) where.push(lt(auditLog.at, params.to));
  const filter = where.length > 0 ? and(...where) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(filter)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(auditLog).where(filter),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
