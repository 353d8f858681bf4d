// Reads for the audit log's hash chain (lib/audit/verify.ts). Each column is rendered to text by
// the database exactly as the insert trigger rendered it before hashing (migration
// 0007_audit_chain, audit_log_row_hash); the hashing itself happens in TypeScript.
import { asc, count, desc, gt, sql } from "drizzle-orm";
import type { ChainFields } from "@/lib/audit/chain";
import type { Db, Tx } from "../client";
import { auditLog } from "../schema/audit";

type Reader = Db | Tx;

export type AuditChainRow = ChainFields & { rowHash: string };

/** Keep in step with audit_log_row_hash in db/migrations/0007_audit_chain.sql. */
export const CHAIN_FIELDS = {
  id: sql<string>`${auditLog.id}::text`,
  seq: sql<string>`${auditLog.seq}::text`,
  prevHash: auditLog.prevHash,
  at: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  actorUserId: auditLog.actorUserId,
  actorEmail: auditLog.actorEmail,
  actorRole: auditLog.actorRole,
  action: auditLog.action,
  target: auditLog.target,
  params: sql<string>`${auditLog.params}::text`,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  checksum: auditLog.checksum,
  rowHash: auditLog.rowHash,
};

export type ListAuditChainParams = {
  /** Rows with seq greater than this (0 = from the first row). */
  afterSeq: number;
  limit: number;
};

/** One batch of the chain in seq order, every column as the hash saw it. */
export async function listAuditChain(db: Reader, params: ListAuditChainParams): Promise<AuditChainRow[]> {
  return db
    .select(CHAIN_FIELDS)
    .from(auditLog)
    .where(gt(auditLog.seq, params.afterSeq))
    .orderBy(asc(auditLog.seq))
    .limit(params.limit);
}

export type AuditChainHead = {
  /** Rows in the table (equals `seq` while nothing was removed). */
  rows: number;
  /** The newest row in chain order; null for an empty log. */
  head: { id: number; seq: number; rowHash: string } | null;
};

export async function getAuditChainHead(db: Reader): Promise<AuditChainHead> {
  const [head] = await db
    .select({ id: auditLog.id, seq: auditLog.seq, rowHash: auditLog.rowHash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const [n] = await db.select({ n: count() }).from(auditLog);
  return { rows: Number(n?.n ?? 0), head: head ?? null };
}
