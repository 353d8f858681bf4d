// Reconciliation history and the admin-event timeline of the supply view: paginated, filtered by
// chain and time, sorted by whitelisted columns only.
import { and, asc, count, desc, eq, gte, inArray, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { addresses, chains, entities, supplyReconciliations, tokenEvents } from "../schema";

type Page = { limit: number; offset: number };
type TimeWindow = { since: Date | null; until: Date };

function inWindow(col: typeof supplyReconciliations.checkedAt | typeof tokenEvents.blockTime, w: TimeWindow) {
  return and(w.since === null ? undefined : gte(col, w.since), lt(col, w.until));
}

// ---------------------------------------------------------------------------------------------
// Reconciliations

export const RECONCILIATION_SORTS = ["checkedAt", "block"] as const;
export type ReconciliationSort = (typeof RECONCILIATION_SORTS)[number];
export const RECONCILIATION_STATUSES = ["matched", "mismatch"] as const;

export type ListReconciliationsParams = Page &
  TimeWindow & {
    chainId?: number | undefined;
    status?: (typeof RECONCILIATION_STATUSES)[number] | undefined;
    sort: { id: ReconciliationSort; desc: boolean } | null;
  };

export type ReconciliationRow = {
  id: number;
  chainId: number;
  chainName: string | null;
  blockNumber: bigint;
  indexedSupply: bigint;
  onchainSupply: bigint;
  /** indexed − on-chain, wei. */
  difference: bigint;
  matches: boolean;
  checkedAt: Date;
};

/** Indexed Σmint − Σburn against totalSupply() checks, checked within [since, until). */
export async function listReconciliations(
  db: Db,
  p: ListReconciliationsParams,
): Promise<{ rows: ReconciliationRow[]; total: number }> {
  const r = supplyReconciliations;
  const where = and(
    p.chainId === undefined ? undefined : eq(r.chainId, p.chainId),
    p.status === undefined ? undefined : eq(r.matches, p.status === "matched"),
    inWindow(r.checkedAt, p),
  );
  const sort = p.sort ?? { id: "checkedAt", desc: true };
  const col = sort.id === "block" ? r.blockNumber : r.checkedAt;
  const dir = sort.desc ? desc : asc;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: r.id,
        chainId: r.chainId,
        chainName: chains.name,
        blockNumber: r.blockNumber,
        indexedSupply: r.indexedSupply,
        onchainSupply: r.onchainSupply,
        difference: r.difference,
        matches: r.matches,
        checkedAt: r.checkedAt,
      })
      .from(r)
      .leftJoin(chains, eq(chains.chainId, r.chainId))
      .where(where)
      .orderBy(dir(col), dir(r.id))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(r).where(where),
  ]);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Admin events

/** Governance and enforcement events (issuer mints/burns are issuance, shown elsewhere). */
export const ADMIN_EVENT_KINDS = [
  "freeze",
  "unfreeze",
  "pause",
  "unpause",
  "frozen_account_drained",
  "frozen_funds_reallocated",
  "ownership_transfer_started",
  "ownership_transferred",
  "upgraded",
  "admin_changed",
] as const;
export type AdminEventKind = (typeof ADMIN_EVENT_KINDS)[number];
export const ADMIN_EVENT_SORTS = ["time"] as const;

export type ListAdminEventsParams = Page &
  TimeWindow & {
    chainId?: number | undefined;
    kind?: AdminEventKind | undefined;
    sort: { id: (typeof ADMIN_EVENT_SORTS)[number]; desc: boolean } | null;
  };

export type AdminEventRow = {
  chainId: number;
  blockNumber: bigint;
  blockTime: Date;
  txHash: string;
  logIndex: number;
  kind: AdminEventKind;
  actor: string | null;
  subject: string | null;
  subjectLabel: string | null;
  subjectEntity: string | null;
  counterparty: string | null;
  amount: bigint | null;
};

export async function listAdminEvents(
  db: Db,
  p: ListAdminEventsParams,
): Promise<{ rows: AdminEventRow[]; total: number }> {
  const e = tokenEvents;
  const subject = alias(addresses, "subject_address");
  const where = and(
    inArray(e.kind, p.kind === undefined ? [...ADMIN_EVENT_KINDS] : [p.kind]),
    p.chainId === undefined ? undefined : eq(e.chainId, p.chainId),
    inWindow(e.blockTime, p),
  );
  const dir = (p.sort?.desc ?? true) ? desc : asc;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        chainId: e.chainId,
        blockNumber: e.blockNumber,
        blockTime: e.blockTime,
        txHash: e.txHash,
        logIndex: e.logIndex,
        kind: e.kind,
        actor: e.actor,
        subject: e.subject,
        subjectLabel: subject.label,
        subjectEntity: entities.name,
        counterparty: e.counterparty,
        amount: e.amount,
      })
      .from(e)
      .leftJoin(subject, and(eq(subject.chainId, e.chainId), eq(subject.address, e.subject)))
      .leftJoin(entities, eq(entities.id, subject.entityId))
      .where(where)
      .orderBy(dir(e.blockTime), dir(e.blockNumber), dir(e.logIndex))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(e).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, kind: r.kind as AdminEventKind })),
    total: Number(totalRow?.n ?? 0),
  };
}
