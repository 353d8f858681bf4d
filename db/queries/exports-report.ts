// Small reads for the monthly report and the goAML case file (db/queries/exports.ts holds the
// streaming readers). Monitoring tables may be absent on a database that never ran the monitor's
// migration: those reads return null, and the report says monitoring is not configured.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { actionColumnsSql, adminActionWhereSql, companionJoinSql } from "./governor-actions";
import { corridorAttribution as a } from "./rollups";
import { rowsOf } from "./sql-arrays";

const UNDEFINED_TABLE = "42P01";

function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

async function unlessMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (pgErrorCode(err) === UNDEFINED_TABLE) return null;
    throw err;
  }
}

/** [since, until) by block time, optionally one chain. */
export type PeriodParams = { since: Date; until: Date; chainId?: number | undefined };

function periodWhere(alias: string, p: PeriodParams) {
  const t = sql.raw(alias);
  return sql`${t}.block_time >= ${p.since.toISOString()}::timestamptz and ${t}.block_time < ${p.until.toISOString()}::timestamptz
    ${p.chainId === undefined ? sql`` : sql`and ${t}.chain_id = ${p.chainId}`}`;
}

export type AlertCount = {
  ruleId: string;
  status: string;
  count: number;
  ruleVersions: number[];
  logicVersions: number[];
};

/**
 * Alerts raised in the period (trigger block time) by rule and status, with the rule and logic
 * versions they were raised under. Null when monitoring has never run on this database.
 */
export async function countAlertsByRuleAndStatus(db: Db, p: PeriodParams): Promise<AlertCount[] | null> {
  return unlessMissing(async () => {
    const [cp] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from monitor_checkpoints`),
    );
    if (!cp || Number(cp.n) === 0) return null;
    const rows = rowsOf<{ ruleId: string; status: string; count: number; rv: number[]; lv: number[] }>(
      await db.execute(sql`select al.rule_id as "ruleId", al.status, count(*)::int as count,
          array_agg(distinct al.rule_version order by al.rule_version) as rv,
          array_agg(distinct al.logic_version order by al.logic_version) as lv
        from alerts al where ${periodWhere("al", p)}
        group by al.rule_id, al.status`),
    );
    return rows.map((r) => ({
      ruleId: r.ruleId,
      status: r.status,
      count: Number(r.count),
      ruleVersions: r.rv.map(Number),
      logicVersions: r.lv.map(Number),
    }));
  });
}

export type MarketAlertCount = { ruleId: "R13" | "R14"; severity: string; count: number };

/**
 * R13 and R14 alerts in the period (trigger block time) by rule and severity, withdrawn ones left
 * out (the market monitor withdraws an alert whose log a reorg took away). Null when the alerts
 * table does not exist.
 */
export async function countMarketAlertsBySeverity(
  db: Db,
  p: PeriodParams,
): Promise<MarketAlertCount[] | null> {
  return unlessMissing(async () => {
    const rows = rowsOf<{ ruleId: "R13" | "R14"; severity: string; count: number }>(
      await db.execute(sql`select al.rule_id as "ruleId", al.severity, count(*)::int as count
        from alerts al
        where al.rule_id in ('R13', 'R14') and al.status <> 'withdrawn' and ${periodWhere("al", p)}
        group by al.rule_id, al.severity order by al.rule_id, al.severity`),
    );
    return rows.map((r) => ({ ruleId: r.ruleId, severity: r.severity, count: Number(r.count) }));
  });
}

export type RuleSettingRow = { ruleId: string; enabled: boolean; version: number; updatedAt: string };

/** Current rule settings (read only: rows are created by the monitor, not by a report). */
export async function listRuleVersions(db: Db): Promise<RuleSettingRow[] | null> {
  return unlessMissing(async () =>
    rowsOf<RuleSettingRow>(
      await db.execute(sql`select rule_id as "ruleId", enabled, version,
          to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
        from rule_settings order by length(rule_id), rule_id`),
    ).map((r) => ({
      ...r,
      version: Number(r.version),
      enabled: r.enabled === true || String(r.enabled) === "t",
    })),
  );
}

export type AdminEventRow = {
  chainId: number;
  blockNumber: string;
  blockTime: string;
  txHash: string;
  kind: string;
  /** The real caller (the governor event's caller when the action went through a governor). */
  actor: string | null;
  /** The governor the action went through, or null (optional: rows built before governors). */
  via?: string | null;
  /** The token function a governor TokenFunctionExecuted called (reallocate, ...), or null. */
  tokenFunction?: string | null;
  subject: string | null;
  counterparty: string | null;
  amount: string | null;
};

/**
 * Governance and enforcement actions in the period, as the supply view's timeline lists them
 * (governor-actions.ts: a token event and its governor companion are one row; issuance is supply).
 */
export async function listAdminEvents(
  db: Db,
  p: PeriodParams & { limit: number },
): Promise<{ rows: AdminEventRow[]; total: number }> {
  const where = sql`${periodWhere("e", p)} and ${adminActionWhereSql("e")}`;
  const rows = rowsOf<AdminEventRow & { governor_kind: unknown; token_function: string | null }>(
    await db.execute(sql`select e.chain_id as "chainId", e.block_number::text as "blockNumber",
        to_char(e.block_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "blockTime",
        e.tx_hash as "txHash", e.kind, ${actionColumnsSql("e", "c")}, e.subject, e.counterparty,
        e.amount::text as amount
      from token_events e ${companionJoinSql("e", "c")}
      where ${where}
      order by e.block_time, e.chain_id, e.block_number, e.log_index limit ${p.limit}`),
  );
  const [n] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from token_events e where ${where}`),
  );
  return {
    rows: rows.map(({ governor_kind: _kind, token_function, ...r }) => ({
      ...r,
      chainId: Number(r.chainId),
      tokenFunction: token_function,
    })),
    total: Number(n?.n ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// goAML case

export type CaseAlert = { id: number; ruleId: string; status: string; chainId: number; explanation: string };

export type CaseParty = {
  address: string;
  label: string | null;
  entityName: string | null;
  /** ISO 3166-1 alpha-2 of the entity; null when unattributed. */
  country: string | null;
};

export type CaseTransfer = {
  chainId: number;
  chainName: string;
  blockNumber: string;
  blockTime: string;
  txHash: string;
  logIndex: number;
  kind: string;
  /** Wei, decimal string. */
  amount: string;
  from: CaseParty;
  to: CaseParty;
};

export type GoamlCase = { alerts: CaseAlert[]; transfers: CaseTransfer[] };

/** The alerts of a case and their evidence transfers (deduplicated, in chain order). */
export async function loadGoamlCase(db: Db, p: { alertIds: number[] }): Promise<GoamlCase> {
  const ids = `{${p.alertIds.map((id) => String(Math.trunc(id))).join(",")}}`;
  const alerts = rowsOf<CaseAlert>(
    await db.execute(sql`select id::int as id, rule_id as "ruleId", status, chain_id as "chainId", explanation
      from alerts where id = any(${ids}::int8[]) order by id`),
  ).map((r) => ({ ...r, id: Number(r.id), chainId: Number(r.chainId) }));
  const raw = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select distinct on (t.block_time, t.chain_id, t.block_number, t.log_index)
        t.chain_id, c.name as chain_name, t.block_number::text as block_number,
        to_char(t.block_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as block_time,
        t.tx_hash, t.log_index, t.kind, t.amount::text as amount,
        t.from_address, af.label as from_label, ef.name as from_entity, ef.country as from_country,
        t.to_address, at.label as to_label, et.name as to_entity, et.country as to_country
      from alert_evidence ev
      join transfers t on t.chain_id = ev.chain_id and t.tx_hash = ev.tx_hash and t.log_index = ev.log_index
      join chains c on c.chain_id = t.chain_id
      ${a.joins}
      where ev.alert_id = any(${ids}::int8[]) and ev.source = 'transfer'
      order by t.block_time, t.chain_id, t.block_number, t.log_index`),
  );
  const party = (r: Record<string, unknown>, side: "from" | "to"): CaseParty => ({
    address: String(r[`${side}_address`]),
    label: (r[`${side}_label`] as string | null) ?? null,
    entityName: (r[`${side}_entity`] as string | null) ?? null,
    country: (r[`${side}_country`] as string | null) ?? null,
  });
  const transfers = raw.map((r): CaseTransfer => ({
    chainId: Number(r.chain_id),
    chainName: String(r.chain_name),
    blockNumber: String(r.block_number),
    blockTime: String(r.block_time),
    txHash: String(r.tx_hash),
    logIndex: Number(r.log_index),
    kind: String(r.kind),
    amount: String(r.amount),
    from: party(r, "from"),
    to: party(r, "to"),
  }));
  return { alerts, transfers };
}
