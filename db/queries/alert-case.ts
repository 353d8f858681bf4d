// Everything the alert (case) page shows: the alert with its rule, the evidence logs with both
// sides attributed through the registry on the alert's chain, the parties (with watchlist hits),
// the subject's activity and counterparties around the alert (alert-case-activity.ts), notes and
// the decision history with who made each move.
import { asc, eq, sql } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import { users } from "../schema/auth";
import { chains, GOVERNOR_EVENT_KINDS } from "../schema/chain";
import type { DexKind, ReserveSourceKind } from "../schema/market";
import {
  alertHistory,
  alertNotes,
  alerts,
  type AlertStatus,
  type EvidenceSource,
} from "../schema/monitoring";
import type { EntityKind, LicenceStatus } from "../schema/registry";
import { getAlertActivity, getAlertGraph, type ActivityDay, type AlertGraph } from "./alert-case-activity";
import { companionJoinSql } from "./governor-actions";
import { rowsOf } from "./sql-arrays";
import { ruleById } from "@/lib/monitoring/rules";
import { deviationCentiBps, toE18, usd1Price } from "@/lib/reserves/math";

export type GetAlertCaseParams = { id: number };

/**
 * Evidence rows on one page of the case. A standing case (R9) gathers every cross-border transfer
 * of a flagged entity: hundreds of thousands at scale, so the case page reads one page of them.
 */
export const EVIDENCE_PAGE_SIZE = 50;

/** Which page of the evidence to read, in chain order. */
export type EvidencePageParams = { offset: number; limit: number };

/** How much evidence the case holds, whatever page is shown. */
export type EvidenceSummary = {
  total: number;
  logs: number;
  reports: number;
  swaps: number;
  /** Chains the evidence comes from, ascending. */
  chainIds: number[];
};

/** One side of a log, attributed on the alert's chain (all null = unattributed). */
export type CaseParty = {
  address: Address;
  entityName: string | null;
  country: string | null;
  label: string | null;
};

/** A reserve report an R13 alert rests on: its feed, round and time, and the figure. */
export type CaseReserveReport = {
  sourceLabel: string;
  sourceKind: ReserveSourceKind;
  /** The emitting contract (aggregator or DataFeedsCache). */
  sourceAddress: Address;
  /** aggregator_v3: the round; null for a bundle report. */
  roundId: bigint | null;
  /** The figure as reported, in the source's decimals. */
  answer: bigint;
  decimals: number;
  /** The figure scaled to 18 decimals exactly (USD, wei-like). */
  reservesWei: bigint;
  /** The feed's updatedAt (ISO 8601 UTC). */
  reportedAt: string;
};

/** A pool swap an R14 alert rests on: the pool's state after it and the deltas, USD1 side first. */
export type CasePoolSwap = {
  poolLabel: string;
  poolAddress: Address;
  dex: DexKind;
  fee: number;
  quoteSymbol: string;
  quoteDecimals: number;
  /** The pool's USD1 delta in wei (positive: USD1 into the pool, a sell). */
  usd1Delta: bigint;
  /** The pool's quote-token delta in the token's raw units (positive: into the pool). */
  quoteDelta: bigint;
  sqrtPriceX96: bigint;
  /** In-range liquidity after the swap. */
  liquidity: bigint;
  tick: number;
  /** USD1's price in the quote token after the swap, 1e18 fixed point (floor). */
  priceE18: bigint;
  /** That price's distance from 1, centi-bps truncated toward zero (lib/reserves/math). */
  deviationCentiBps: bigint;
};

export type CaseEvidence = {
  source: EvidenceSource;
  /** trigger, inbound, outbound, link, event, ... */
  role: string;
  chainId: number;
  blockNumber: bigint;
  txHash: Hash;
  logIndex: number;
  /** False when the log is no longer indexed (a reorg removed it; the alert is withdrawn then). */
  indexed: boolean;
  /** ISO 8601 UTC; null when not indexed. */
  blockTime: string | null;
  /** Transfer kind (mint, burn, transfer) or token event kind (freeze, pause, ...). */
  kind: string | null;
  /**
   * Transfers: sender → recipient. Token events: the real caller → account acted upon; with a
   * TokenGovernor as owner the caller is read from the governor's event of the same transaction
   * (the freezer, the minter, the pool), never the governor itself.
   */
  from: CaseParty | null;
  to: CaseParty | null;
  /** Token events' second party (reallocation target, previous owner). */
  counterparty: CaseParty | null;
  /** Token events: the governor the action went through (its path), or null. */
  via: CaseParty | null;
  /** Token events: the token function a governor TokenFunctionExecuted called (reallocate, ...). */
  tokenFunction: string | null;
  amount: bigint | null;
  /** source reserve_report: the report (null when no longer indexed). */
  report: CaseReserveReport | null;
  /** source pool_swap: the swap (null when no longer indexed). */
  swap: CasePoolSwap | null;
};

export type CaseAddress = CaseParty & {
  isSubject: boolean;
  entityId: number | null;
  entityKind: EntityKind | null;
  licenceStatus: LicenceStatus | null;
  tags: string[];
  watchlist: { list: string; reference: string }[];
};

export type CaseUser = { id: string; name: string | null; email: string | null };

export type CaseNote = { id: number; at: Date; author: CaseUser; authorRole: string; body: string };

export type CaseDecision = {
  id: number;
  at: Date;
  from: AlertStatus | null;
  to: AlertStatus;
  /** null = the system (monitor, reorg, rebuild). */
  actor: CaseUser | null;
  reason: string | null;
};

export type AlertCase = {
  alert: typeof alerts.$inferSelect & { ruleTitle: string; chainName: string | null };
  assignee: CaseUser | null;
  /** One page of the evidence (`evidencePage`), in chain order. */
  evidence: CaseEvidence[];
  evidenceSummary: EvidenceSummary;
  evidencePage: EvidencePageParams;
  parties: CaseAddress[];
  /** Daily in/out of the subject, ±ACTIVITY_DAYS around the alert (empty without a subject). */
  activity: ActivityDay[];
  graph: AlertGraph;
  notes: CaseNote[];
  history: CaseDecision[];
  /** The user of the latest move to "escalated" (four eyes); system moves are skipped. */
  escalatedBy: CaseUser | null;
};

/** The whole case, or null for an unknown id. */
export async function getAlertCase(
  db: Db,
  params: GetAlertCaseParams & { evidence?: EvidencePageParams },
): Promise<AlertCase | null> {
  const [row] = await db
    .select({ alert: alerts, chainName: chains.name, assigneeName: users.name, assigneeEmail: users.email })
    .from(alerts)
    .leftJoin(chains, eq(chains.chainId, alerts.chainId))
    .leftJoin(users, eq(users.id, alerts.assignee))
    .where(eq(alerts.id, params.id));
  if (!row) return null;
  const a = row.alert;
  const around = { chainId: a.chainId, address: a.subject, at: a.blockTime };
  const evidencePage = params.evidence ?? { offset: 0, limit: EVIDENCE_PAGE_SIZE };
  const [evidence, evidenceSummary, parties, notes, history, activity, graph] = await Promise.all([
    listCaseEvidence(db, { id: params.id, ...evidencePage }),
    summarizeCaseEvidence(db, params),
    listCaseParties(db, params),
    listCaseNotes(db, params),
    listCaseHistory(db, params),
    a.subject ? getAlertActivity(db, { ...around, address: a.subject }) : Promise.resolve([]),
    a.subject
      ? getAlertGraph(db, { ...around, address: a.subject, parties: a.addresses })
      : Promise.resolve({ edges: [], totalEdges: 0 }),
  ]);
  const escalation = history.filter((h) => h.to === "escalated" && h.actor !== null).at(-1);
  return {
    alert: { ...a, ruleTitle: ruleById(a.ruleId).title, chainName: row.chainName },
    assignee: a.assignee ? { id: a.assignee, name: row.assigneeName, email: row.assigneeEmail } : null,
    evidence,
    evidenceSummary,
    evidencePage,
    parties,
    activity,
    graph,
    notes,
    history,
    escalatedBy: escalation?.actor ?? null,
  };
}

const GOVERNOR_KINDS = GOVERNOR_EVENT_KINDS.map((k) => `'${k}'`).join(", ");

const ISO = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** Attribution of an address column on the evidence's chain, as `<p>_name`, `<p>_country`, `<p>_label`. */
function sideJoin(p: string, addressExpr: string) {
  return sql.raw(`left join addresses ${p}a on ${p}a.chain_id = e.chain_id and ${p}a.address = ${addressExpr}
    left join entities ${p}e on ${p}e.id = ${p}a.entity_id`);
}

function sideColumns(p: string, addressExpr: string) {
  return sql.raw(`${addressExpr} as ${p}_address, ${p}e.name as ${p}_name, ${p}e.country as ${p}_country,
    ${p}a.label as ${p}_label`);
}

type Raw = Record<string, string | number | boolean | null>;

function partyOf(r: Raw, p: string): CaseParty | null {
  const address = r[`${p}_address`];
  if (address === null || address === undefined) return null;
  const str = (k: string) => (r[`${p}_${k}`] === null ? null : String(r[`${p}_${k}`]));
  return {
    address: String(address) as Address,
    entityName: str("name"),
    country: str("country"),
    label: str("label"),
  };
}

/** Evidence counts per source and the chains it spans (alert_evidence_counts, kept by triggers: migration 0017). */
export async function summarizeCaseEvidence(db: Db, params: GetAlertCaseParams): Promise<EvidenceSummary> {
  const result = await db.execute(sql`
    select source, chain_id, rows as n from alert_evidence_counts where alert_id = ${params.id}`);
  const summary: EvidenceSummary = { total: 0, logs: 0, reports: 0, swaps: 0, chainIds: [] };
  const chainIds = new Set<number>();
  for (const r of rowsOf<{ source: EvidenceSource; chain_id: number | string; n: number | string }>(result)) {
    const n = Number(r.n);
    summary.total += n;
    if (r.source === "reserve_report") summary.reports += n;
    else if (r.source === "pool_swap") summary.swaps += n;
    else summary.logs += n;
    chainIds.add(Number(r.chain_id));
  }
  summary.chainIds = [...chainIds].sort((a, b) => a - b);
  return summary;
}

/**
 * One page of the evidence, in chain order (block, log index, source), each row joined to the log
 * it names; the page is cut from alert_evidence before the joins, along its (alert, block, log)
 * index.
 */
export async function listCaseEvidence(
  db: Db,
  params: GetAlertCaseParams & EvidencePageParams,
): Promise<CaseEvidence[]> {
  const from = "coalesce(t.from_address, c.caller, te.actor, te.args->>'caller')";
  const to = "coalesce(t.to_address, te.subject)";
  const via = `coalesce(c.emitter, case when te.kind in (${GOVERNOR_KINDS}) then te.emitter end)`;
  const result = await db.execute(sql`
    select e.source, e.role, e.chain_id, e.block_number::text as block_number, e.tx_hash, e.log_index,
      (t.tx_hash is not null or te.tx_hash is not null or rr.tx_hash is not null or ps.tx_hash is not null)
        as indexed,
      ${ISO("coalesce(t.block_time, te.block_time, rr.block_time, ps.block_time)")} as block_time,
      rs.label as rs_label, rs.kind as rs_kind, rs.address as rs_address, rs.decimals as rs_decimals,
      rr.round_id::text as rr_round_id, rr.answer::text as rr_answer, rr.reserves_wei::text as rr_reserves_wei,
      ${ISO("rr.reported_at")} as rr_reported_at,
      pp.label as pp_label, pp.address as pp_address, pp.dex as pp_dex, pp.fee as pp_fee,
      pp.quote_symbol as pp_quote_symbol, pp.quote_decimals as pp_quote_decimals,
      pp.usd1_is_token0 as pp_usd1_is_token0, pp.usd1_decimals as pp_usd1_decimals,
      ps.amount0::text as ps_amount0, ps.amount1::text as ps_amount1,
      ps.sqrt_price_x96::text as ps_sqrt_price_x96, ps.liquidity::text as ps_liquidity, ps.tick as ps_tick,
      coalesce(t.kind, te.kind) as kind, coalesce(t.amount, te.amount)::text as amount,
      coalesce(c.function, case when te.kind = 'token_function_executed' then te.args->>'function' end)
        as token_function,
      ${sideColumns("src", from)}, ${sideColumns("dst", to)}, ${sideColumns("cp", "te.counterparty")},
      ${sideColumns("via", via)}
    from (
      select * from alert_evidence where alert_id = ${params.id}
      order by block_number, log_index, source
      limit ${params.limit} offset ${params.offset}
    ) e
    left join transfers t on e.source = 'transfer' and t.chain_id = e.chain_id
      and t.tx_hash = e.tx_hash and t.log_index = e.log_index
    left join token_events te on e.source = 'token_event' and te.chain_id = e.chain_id
      and te.tx_hash = e.tx_hash and te.log_index = e.log_index
    left join reserve_reports rr on e.source = 'reserve_report' and rr.chain_id = e.chain_id
      and rr.block_number = e.block_number and rr.log_index = e.log_index and rr.tx_hash = e.tx_hash
    left join reserve_sources rs on rs.id = rr.source_id
    left join pool_swaps ps on e.source = 'pool_swap' and ps.chain_id = e.chain_id
      and ps.block_number = e.block_number and ps.log_index = e.log_index and ps.tx_hash = e.tx_hash
    left join peg_pools pp on pp.id = ps.pool_id
    ${companionJoinSql("te", "c")}
    ${sideJoin("src", from)} ${sideJoin("dst", to)} ${sideJoin("cp", "te.counterparty")} ${sideJoin("via", via)}
    order by e.block_number, e.log_index, e.source`);
  return rowsOf<Raw>(result).map((r) => ({
    source: r.source as CaseEvidence["source"],
    role: String(r.role),
    chainId: Number(r.chain_id),
    blockNumber: BigInt(String(r.block_number)),
    txHash: String(r.tx_hash) as Hash,
    logIndex: Number(r.log_index),
    indexed: r.indexed === true || r.indexed === "t",
    blockTime: r.block_time === null ? null : String(r.block_time),
    kind: r.kind === null ? null : String(r.kind),
    from: partyOf(r, "src"),
    to: partyOf(r, "dst"),
    counterparty: partyOf(r, "cp"),
    via: partyOf(r, "via"),
    tokenFunction: r.token_function === null ? null : String(r.token_function),
    amount: r.amount === null ? null : BigInt(String(r.amount)),
    report: r.rr_answer === null ? null : reportOf(r),
    swap: r.ps_sqrt_price_x96 === null ? null : swapOf(r),
  }));
}

const big = (v: Raw[string] | undefined) => BigInt(String(v));
const isTrue = (v: Raw[string] | undefined) => v === true || v === "t";

function reportOf(r: Raw): CaseReserveReport {
  return {
    sourceLabel: String(r.rs_label),
    sourceKind: String(r.rs_kind) as ReserveSourceKind,
    sourceAddress: String(r.rs_address) as Address,
    roundId: r.rr_round_id === null ? null : big(r.rr_round_id),
    answer: big(r.rr_answer),
    decimals: Number(r.rs_decimals),
    reservesWei: big(r.rr_reserves_wei),
    reportedAt: String(r.rr_reported_at),
  };
}

function swapOf(r: Raw): CasePoolSwap {
  const usd1IsToken0 = isTrue(r.pp_usd1_is_token0);
  const side = {
    usd1IsToken0,
    usd1Decimals: Number(r.pp_usd1_decimals),
    quoteDecimals: Number(r.pp_quote_decimals),
  };
  const sqrtPriceX96 = big(r.ps_sqrt_price_x96);
  const price = usd1Price(sqrtPriceX96, side);
  const [amount0, amount1] = [big(r.ps_amount0), big(r.ps_amount1)];
  return {
    poolLabel: String(r.pp_label),
    poolAddress: String(r.pp_address) as Address,
    dex: String(r.pp_dex) as DexKind,
    fee: Number(r.pp_fee),
    quoteSymbol: String(r.pp_quote_symbol),
    quoteDecimals: side.quoteDecimals,
    usd1Delta: usd1IsToken0 ? amount0 : amount1,
    quoteDelta: usd1IsToken0 ? amount1 : amount0,
    sqrtPriceX96,
    liquidity: big(r.ps_liquidity),
    tick: Number(r.ps_tick),
    priceE18: toE18(price),
    deviationCentiBps: deviationCentiBps(price),
  };
}

export async function listCaseParties(db: Db, params: GetAlertCaseParams): Promise<CaseAddress[]> {
  const result = await db.execute(sql`
    select x.address, x.address = a.subject as is_subject, ad.label, coalesce(ad.tags, '{}') as tags,
      en.id as entity_id, en.name as entity_name, en.kind as entity_kind, en.country, en.licence_status,
      coalesce((select json_agg(json_build_object('list', w.list_name, 'reference', w.reference)
          order by w.list_name)
        from watchlist_entries w where (w.chain_id = a.chain_id or w.chain_id is null) and w.address = x.address), '[]'::json) as watchlist
    from alerts a
    cross join lateral unnest(a.addresses) with ordinality as x(address, ord)
    left join addresses ad on ad.chain_id = a.chain_id and ad.address = x.address
    left join entities en on en.id = ad.entity_id
    where a.id = ${params.id}
    order by (x.address = a.subject) desc nulls last, x.ord`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    address: String(r.address) as Address,
    isSubject: r.is_subject === true || r.is_subject === "t",
    entityId: r.entity_id === null ? null : Number(r.entity_id),
    entityName: (r.entity_name as string | null) ?? null,
    entityKind: (r.entity_kind as EntityKind | null) ?? null,
    country: (r.country as string | null) ?? null,
    licenceStatus: (r.licence_status as LicenceStatus | null) ?? null,
    label: (r.label as string | null) ?? null,
    tags: pgTextArray(r.tags),
    watchlist: (typeof r.watchlist === "string"
      ? JSON.parse(r.watchlist)
      : r.watchlist) as CaseAddress["watchlist"],
  }));
}

/** node-postgres parses text[]; a wire proxy may hand back the literal "{a,b}". */
function pgTextArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const s = String(v ?? "{}");
  return s === "{}" ? [] : s.slice(1, -1).split(",");
}

export async function listCaseNotes(db: Db, params: GetAlertCaseParams): Promise<CaseNote[]> {
  const rows = await db
    .select({ note: alertNotes, name: users.name })
    .from(alertNotes)
    .leftJoin(users, eq(users.id, alertNotes.author))
    .where(eq(alertNotes.alertId, params.id))
    .orderBy(asc(alertNotes.at), asc(alertNotes.id));
  return rows.map(({ note, name }) => ({
    id: note.id,
    at: note.at,
    // The email is the note's snapshot (a user renamed later still shows as they were).
    author: { id: note.author, name, email: note.authorEmail },
    authorRole: note.authorRole,
    body: note.body,
  }));
}

export async function listCaseHistory(db: Db, params: GetAlertCaseParams): Promise<CaseDecision[]> {
  const rows = await db
    .select({ h: alertHistory, name: users.name, email: users.email })
    .from(alertHistory)
    .leftJoin(users, eq(users.id, alertHistory.actor))
    .where(eq(alertHistory.alertId, params.id))
    .orderBy(asc(alertHistory.id));
  return rows.map(({ h, name, email }) => ({
    id: h.id,
    at: h.at,
    from: h.fromStatus,
    to: h.toStatus,
    actor: h.actor === null ? null : { id: h.actor, name, email },
    reason: h.reason,
  }));
}
