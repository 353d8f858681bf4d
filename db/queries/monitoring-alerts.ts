// Alert writes. Every write is keyed by alert_key, so evaluating the same logs twice changes
// nothing; alerts are never deleted, only withdrawn (with a reason and a history row).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import {
  alertHistory,
  alerts,
  monitorCheckpoints,
  type AlertStatus,
  type RuleId,
} from "../schema/monitoring";
import { pgArray, rowsOf } from "./sql-arrays";
import {
  alertRow,
  foldAlerts,
  refreshRunningTotals,
  STATUS_BEFORE_WITHDRAWAL,
  trimLaterEvidenceAbove,
} from "./monitoring-cases";
import type { AlertRecord } from "@/lib/monitoring/types";

const CHUNK = 500;

export type WriteAlertsResult = {
  inserted: number;
  reinstated: number;
  unchanged: number;
  /** Alerts that took new evidence from later hits (monitoring-cases.ts). */
  updated: number;
};

/**
 * Inserts new alerts; an existing live alert with the same key is left alone (idempotent), a
 * withdrawn one is reinstated with the fresh evidence (its logs are back on chain, or a rebuild
 * raised it again). Folded hits (R1 episodes, R9 standing cases) then join their alerts
 * (monitoring-cases.ts).
 */
export async function writeAlerts(
  tx: Tx,
  records: readonly AlertRecord[],
  reinstateReason: string,
): Promise<WriteAlertsResult> {
  const result: WriteAlertsResult = { inserted: 0, reinstated: 0, unchanged: 0, updated: 0 };
  const own = records.filter((r) => r.fold === null);
  const gathering: number[] = [];
  for (let i = 0; i < own.length; i += CHUNK) {
    const chunk = own.slice(i, i + CHUNK);
    const rows = chunk.map(alertRow);
    const written = await tx
      .insert(alerts)
      .values(rows)
      .onConflictDoUpdate({
        target: alerts.alertKey,
        set: {
          status: sql`${STATUS_BEFORE_WITHDRAWAL}`,
          statusReason: reinstateReason,
          withdrawnAt: null,
          ...refreshed(),
          updatedAt: sql`now()`,
        },
        setWhere: sql`${alerts.status} = 'withdrawn'`,
      })
      .returning({ id: alerts.id, key: alerts.alertKey, inserted: sql<boolean>`(xmax = 0)` });
    const byKey = new Map(chunk.map((r) => [r.key, r]));
    const reinstated = written.filter((w) => !w.inserted).map((w) => w.id);
    if (reinstated.length > 0) {
      await tx.execute(
        sql`delete from alert_evidence where alert_id = any(${pgArray(reinstated, "int8[]")})`,
      );
      const now = await tx
        .select({ id: alerts.id, status: alerts.status })
        .from(alerts)
        .where(inArray(alerts.id, reinstated));
      await tx.insert(alertHistory).values(
        now.map((a) => ({
          alertId: a.id,
          fromStatus: "withdrawn" as const,
          toStatus: a.status,
          reason: reinstateReason,
        })),
      );
    }
    await insertEvidence(
      tx,
      written.map((w) => ({ id: w.id, record: byKey.get(w.key) as AlertRecord })),
    );
    result.inserted += written.length - reinstated.length;
    result.reinstated += reinstated.length;
    result.unchanged += chunk.length - written.length;
    for (const w of written) if (byKey.get(w.key)?.gathers) gathering.push(w.id);
  }
  await refreshRunningTotals(tx, gathering);
  const folded = records.filter((r) => r.fold !== null);
  if (folded.length > 0) {
    const f = await foldAlerts(tx, folded, { reinstateReason });
    result.inserted += f.opened.length;
    result.reinstated += f.reinstated.length;
    result.updated += f.updated;
    result.unchanged += f.unchanged;
  }
  return result;
}

/** Columns a reinstatement refreshes from the new evaluation. */
function refreshed() {
  const ex = (c: string) => sql.raw(`excluded.${c}`);
  return {
    ruleVersion: sql`${ex("rule_version")}`,
    logicVersion: sql`${ex("logic_version")}`,
    params: sql`${ex("params")}`,
    severity: sql`${ex("severity")}`,
    score: sql`${ex("score")}`,
    blockNumber: sql`${ex("block_number")}`,
    blockTime: sql`${ex("block_time")}`,
    amount: sql`${ex("amount")}`,
    addresses: sql`${ex("addresses")}`,
    entityIds: sql`${ex("entity_ids")}`,
    corridorOrigin: sql`${ex("corridor_origin")}`,
    corridorDestination: sql`${ex("corridor_destination")}`,
    explanation: sql`${ex("explanation")}`,
    facts: sql`${ex("facts")}`,
    suppressKey: sql`${ex("suppress_key")}`,
  };
}

async function insertEvidence(tx: Tx, items: { id: number; record: AlertRecord }[]): Promise<void> {
  const ids: number[] = [];
  const chains: number[] = [];
  const sources: string[] = [];
  const blocks: number[] = [];
  const hashes: string[] = [];
  const logs: number[] = [];
  const roles: string[] = [];
  for (const { id, record } of items) {
    const seen = new Set<string>();
    for (const e of record.evidence) {
      const k = `${e.source}|${e.txHash}|${e.logIndex}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ids.push(id);
      chains.push(record.chainId);
      sources.push(e.source);
      blocks.push(e.block);
      hashes.push(e.txHash);
      logs.push(e.logIndex);
      roles.push(e.role);
    }
  }
  for (let i = 0; i < ids.length; i += 5_000) {
    const s = (a: (string | number)[], cast: string) => pgArray(a.slice(i, i + 5_000), cast);
    await tx.execute(sql`insert into alert_evidence (alert_id, chain_id, source, block_number, tx_hash, log_index, role)
      select * from unnest(${s(ids, "int8[]")}, ${s(chains, "int4[]")}, ${s(sources, "text[]")}, ${s(blocks, "int8[]")},
        ${s(hashes, "text[]")}, ${s(logs, "int4[]")}, ${s(roles, "text[]")})`);
  }
}

/**
 * Reorg: drops the later hits above the common ancestor from the alerts they joined (their totals
 * are recomputed), withdraws every live alert with other evidence above it and moves the
 * chain's monitor checkpoint back to it, in the caller's (rollback) transaction. Taking the
 * checkpoint lock first waits out a monitor step that may be writing alerts for those blocks.
 */
export async function withdrawAlertsAbove(
  tx: Tx,
  p: { chainId: number; ancestor: bigint; reason: string },
): Promise<number> {
  await tx
    .select({ b: monitorCheckpoints.monitoredBlock })
    .from(monitorCheckpoints)
    .where(eq(monitorCheckpoints.chainId, p.chainId))
    .for("update");
  const trimmed = await trimLaterEvidenceAbove(tx, p);
  const ids = rowsOf<{ id: string }>(
    await tx.execute(sql`select distinct e.alert_id::text as id from alert_evidence e join alerts a on a.id = e.alert_id
      where e.chain_id = ${p.chainId} and e.block_number > ${p.ancestor} and a.status <> 'withdrawn'`),
  ).map((r) => Number(r.id));
  const n = await withdrawAlerts(tx, { ids, reason: p.reason });
  await refreshRunningTotals(tx, trimmed);
  await tx
    .update(monitorCheckpoints)
    .set({
      monitoredBlock: sql`least(${monitorCheckpoints.monitoredBlock}, ${p.ancestor})`,
      updatedAt: sql`now()`,
    })
    .where(eq(monitorCheckpoints.chainId, p.chainId));
  return n;
}

/** Withdraws live alerts (never deletes), recording the status each had. */
export async function withdrawAlerts(tx: Tx, p: { ids: number[]; reason: string }): Promise<number> {
  let n = 0;
  for (let i = 0; i < p.ids.length; i += 5_000) {
    const part = p.ids.slice(i, i + 5_000);
    const before = await tx
      .select({ id: alerts.id, status: alerts.status })
      .from(alerts)
      .where(and(inArray(alerts.id, part), sql`${alerts.status} <> 'withdrawn'`))
      .for("update");
    n += await withdrawLocked(tx, before, p.reason);
  }
  return n;
}

/** Withdraws alerts the caller has locked (FOR UPDATE), each with the status it had. */
export async function withdrawLocked(
  tx: Tx,
  rows: readonly { id: number; status: AlertStatus }[],
  reason: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  await tx
    .update(alerts)
    .set({ status: "withdrawn", statusReason: reason, withdrawnAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      inArray(
        alerts.id,
        rows.map((b) => b.id),
      ),
    );
  await tx.insert(alertHistory).values(
    rows.map((b) => ({
      alertId: b.id,
      fromStatus: b.status,
      toStatus: "withdrawn" as const,
      reason,
    })),
  );
  return rows.length;
}

export type AlertSummary = {
  id: number;
  key: string;
  ruleId: RuleId;
  status: AlertStatus;
  statusReason: string | null;
  severity: string;
  blockNumber: bigint;
  /** The trigger block's time, epoch s. */
  time: number;
  explanation: string;
  evidenceTx: string[];
};

/** Every alert of a chain with its evidence transactions (scripts and tests; the pages read alerts-list.ts and alert-case.ts). */
export async function listChainAlerts(tx: Db | Tx, chainId: number): Promise<AlertSummary[]> {
  const res = await tx.execute(sql`
    select a.id, a.alert_key as key, a.rule_id as "ruleId", a.status, a.status_reason as "statusReason", a.severity,
      a.block_number::text as "blockNumber", extract(epoch from a.block_time)::bigint::text as time, a.explanation,
      coalesce(array_agg(e.tx_hash order by e.block_number, e.log_index) filter (where e.tx_hash is not null), '{}') as "evidenceTx"
    from alerts a left join alert_evidence e on e.alert_id = a.id
    where a.chain_id = ${chainId}
    group by a.id
    order by a.block_number, a.id`);
  return rowsOf<
    Omit<AlertSummary, "blockNumber" | "id" | "time"> & {
      id: string | number;
      blockNumber: string;
      time: string;
    }
  >(res).map((r) => ({
    ...r,
    id: Number(r.id),
    blockNumber: BigInt(r.blockNumber),
    time: Number(r.time),
  }));
}

export type AddressAlert = {
  id: number;
  chainId: number;
  ruleId: RuleId;
  severity: string;
  status: AlertStatus;
  blockTime: Date;
  explanation: string;
};

export type ListAlertsForAddressParams = { address: string; chainId?: number | undefined; limit: number };

/** Alerts whose parties include the address (as subject or counterparty), newest first. */
export async function listAlertsForAddress(db: Db, p: ListAlertsForAddressParams): Promise<AddressAlert[]> {
  const rows = await db
    .select({
      id: alerts.id,
      chainId: alerts.chainId,
      ruleId: alerts.ruleId,
      severity: alerts.severity,
      status: alerts.status,
      blockTime: alerts.blockTime,
      explanation: alerts.explanation,
    })
    .from(alerts)
    .where(
      and(
        sql`${alerts.addresses} @> array[${p.address.toLowerCase()}]::text[]`,
        p.chainId === undefined ? undefined : eq(alerts.chainId, p.chainId),
      ),
    )
    .orderBy(sql`${alerts.blockTime} desc`, sql`${alerts.id} desc`)
    .limit(p.limit);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
