// Reconciliation history and the admin-event timeline of the supply view (and the address page's
// admin events): paginated, filtered by chain and time, sorted by whitelisted columns only.
import { and, asc, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { chains, supplyReconciliations } from "../schema";
import {
  ADMIN_ACTION_KINDS,
  actionColumnsSql,
  adminActionWhereSql,
  companionJoinSql,
  type AdminActionKind,
} from "./governor-actions";
import { rowsOf } from "./sql-arrays";
import { describeAdminAction } from "@/lib/monitoring/admin-action-text";

type Page = { limit: number; offset: number };
type TimeWindow = { since: Date | null; until: Date };

function inWindow(col: typeof supplyReconciliations.checkedAt, w: TimeWindow) {
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

/**
 * Governance and enforcement actions (issuer mints/burns are issuance, shown elsewhere): the
 * token's admin events and the governor's own (role changes, housekeeping). A token event and its
 * governor companion are one row (governor-actions.ts).
 */
export const ADMIN_EVENT_KINDS = ADMIN_ACTION_KINDS;
export type AdminEventKind = AdminActionKind;
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
  /** The contract that logged the event: the token, or a governor for a governor-only action. */
  emitter: string;
  /** The real caller: the governor event's caller when the action went through a governor. */
  actor: string | null;
  /** The governor the action went through (null when the owner acted on the token directly). */
  via: string | null;
  /** The governor event carrying the actor (account_frozen, native_mint, ...), when paired. */
  governorKind: string | null;
  /** The token function a governor TokenFunctionExecuted called (reallocate, recoverERC20, ...). */
  tokenFunction: string | null;
  /** Role events: the role's name (MINTER_ROLE, ...), or its hash when unknown. */
  role: string | null;
  /** Initialized: the implementation's version. */
  version: string | null;
  subject: string | null;
  subjectLabel: string | null;
  subjectEntity: string | null;
  counterparty: string | null;
  amount: bigint | null;
  /** One line for the timeline: what happened, by whom, through which path. */
  summary: string;
};

type AdminEventDbRow = {
  chain_id: number;
  block_number: string;
  block_time: Date | string;
  tx_hash: string;
  log_index: number;
  kind: AdminEventKind;
  emitter: string;
  actor: string | null;
  via: string | null;
  governor_kind: string | null;
  token_function: string | null;
  role: string | null;
  version: string | null;
  subject: string | null;
  subject_label: string | null;
  subject_entity: string | null;
  counterparty: string | null;
  amount: string | null;
};

/** The timeline's rows in [since, until), newest first by default. */
export async function listAdminEvents(
  db: Db,
  p: ListAdminEventsParams,
): Promise<{ rows: AdminEventRow[]; total: number }> {
  const where = sql.join(
    [
      adminActionWhereSql("e", p.kind === undefined ? ADMIN_EVENT_KINDS : [p.kind]),
      p.chainId === undefined ? sql`true` : sql`e.chain_id = ${p.chainId}`,
      p.since === null ? sql`true` : sql`e.block_time >= ${p.since.toISOString()}::timestamptz`,
      sql`e.block_time < ${p.until.toISOString()}::timestamptz`,
    ],
    sql` and `,
  );
  const dir = sql.raw((p.sort?.desc ?? true) ? "desc" : "asc");
  const [page, count] = await Promise.all([
    db.execute(sql`
      select ${ADMIN_EVENT_COLUMNS}
      from token_events e
      ${companionJoinSql("e", "c")}
      left join addresses sa on sa.chain_id = e.chain_id and sa.address = e.subject
      left join entities se on se.id = sa.entity_id
      where ${where}
      order by e.block_time ${dir}, e.block_number ${dir}, e.log_index ${dir}
      limit ${p.limit} offset ${p.offset}`),
    db.execute(sql`select count(*)::int as n from token_events e where ${where}`),
  ]);
  return {
    rows: rowsOf<AdminEventDbRow>(page).map(toAdminEventRow),
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
  };
}

const ADMIN_EVENT_COLUMNS = sql`e.chain_id, e.block_number::text as block_number, e.block_time, e.tx_hash,
  e.log_index, e.kind, e.emitter, ${actionColumnsSql("e", "c")},
  case when e.kind in ('role_granted', 'role_revoked') then coalesce(e.args->>'roleName', e.args->>'role') end as role,
  case when e.kind = 'initialized' then e.args->>'version' end as version,
  e.subject, sa.label as subject_label, se.name as subject_entity, e.counterparty, e.amount::text as amount`;

function toAdminEventRow(r: AdminEventDbRow): AdminEventRow {
  const row = {
    chainId: Number(r.chain_id),
    blockNumber: BigInt(r.block_number),
    blockTime: r.block_time instanceof Date ? r.block_time : new Date(r.block_time),
    txHash: r.tx_hash,
    logIndex: Number(r.log_index),
    kind: r.kind,
    emitter: r.emitter,
    actor: r.actor,
    via: r.via,
    governorKind: r.governor_kind,
    tokenFunction: r.token_function,
    role: r.role,
    version: r.version,
    subject: r.subject,
    subjectLabel: r.subject_label,
    subjectEntity: r.subject_entity,
    counterparty: r.counterparty,
    amount: r.amount === null ? null : BigInt(r.amount),
  };
  return { ...row, summary: describeAdminAction(row) };
}

// ---------------------------------------------------------------------------------------------
// Admin events touching one address (the address page)

export type ListAddressAdminEventsParams = Page & { address: string; chainId?: number | undefined };

/**
 * Admin actions in which the address is the real actor, the account acted upon, the second party
 * or the governor the action went through; newest first.
 */
export async function listAddressAdminEvents(
  db: Db,
  p: ListAddressAdminEventsParams,
): Promise<{ rows: AdminEventRow[]; total: number }> {
  const addr = p.address.toLowerCase();
  const chain = p.chainId === undefined ? sql`true` : sql`e.chain_id = ${p.chainId}`;
  const inner = sql`
    select ${ADMIN_EVENT_COLUMNS}, e.block_time as t_order, e.block_number as b_order, e.log_index as l_order
    from token_events e
    ${companionJoinSql("e", "c")}
    left join addresses sa on sa.chain_id = e.chain_id and sa.address = e.subject
    left join entities se on se.id = sa.entity_id
    where ${adminActionWhereSql("e")} and ${chain}`;
  const touches = sql`(x.actor = ${addr} or x.via = ${addr} or x.subject = ${addr} or x.counterparty = ${addr})`;
  const [page, count] = await Promise.all([
    db.execute(sql`select x.* from (${inner}) x where ${touches}
      order by x.t_order desc, x.b_order desc, x.l_order desc limit ${p.limit} offset ${p.offset}`),
    db.execute(sql`select count(*)::int as n from (${inner}) x where ${touches}`),
  ]);
  return {
    rows: rowsOf<AdminEventDbRow>(page).map(toAdminEventRow),
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
  };
}
