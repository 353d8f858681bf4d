// Alerts that gather evidence (#16): R1's one-hop episode and R9's standing case. A later hit does
// not raise a second alert: its trigger joins the alert as evidence (role `later`), and the alert's
// running totals (transfers, total wei, chains, first and last seen) are recomputed from its
// evidence rows joined to the indexed transfers, never accumulated, so a reorg that removes logs
// (and their `later` rows) or a replay that adds the same rows again leaves them right.
//
// - "episode" (R1): the hit joins the latest alert of its chain, rule and suppress key raised at or
//   before it (the engine decided it falls within that alert's episode).
// - "standing" (R9): one case per rule and suppress key (the entity) across chains. The writer
//   opens it (key `R9|standing|entity:7|n`, n = the entity's case count + 1: both chains' steps
//   compute the same key, and the unique index makes the second writer join the first's row),
//   adds each later hit to it, and opens the next one only after it was closed (reported or
//   dismissed). A hit already in any case of the entity is never added again (restarts, rebuilds).
// A closed case takes no more evidence. Rows are locked (FOR UPDATE) in key order before the
// decision, so a case closed meanwhile is seen as closed.
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import { alertHistory, alerts, type AlertStatus, type RuleId } from "../schema/monitoring";
import { pgArray, rowsOf } from "./sql-arrays";
import type { AlertRecord } from "@/lib/monitoring/types";

/** Status an alert had before its latest withdrawal (reinstating puts it back there). */
export const STATUS_BEFORE_WITHDRAWAL = sql`coalesce((select h.from_status from alert_history h
  where h.alert_id = ${alerts.id} and h.to_status = 'withdrawn' order by h.id desc limit 1), 'open')`;

/** Case statuses that end a standing case or an episode's updates (the user's decisions). */
export const CLOSED_STATUSES: readonly AlertStatus[] = ["reported", "dismissed"];

/** Evidence role of a hit that joined an alert after it was raised. */
export const LATER_ROLE = "later";

export function alertRow(r: AlertRecord): typeof alerts.$inferInsert {
  return {
    alertKey: r.key,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    logicVersion: r.logicVersion,
    params: r.params,
    severity: r.severity,
    score: r.score,
    chainId: r.chainId,
    subject: r.subject as `0x${string}` | null,
    blockNumber: BigInt(r.block),
    blockTime: new Date(r.time * 1000),
    txHash: r.txHash as `0x${string}`,
    logIndex: r.logIndex,
    amount: r.amount,
    addresses: r.addresses,
    entityIds: r.entityIds,
    corridorOrigin: r.corridorOrigin,
    corridorDestination: r.corridorDestination,
    explanation: r.explanation,
    facts: r.facts,
    suppressKey: r.suppressKey,
  };
}

/** The key of a rule's n-th standing case for a suppress key (n from 1). */
export function standingKey(ruleId: RuleId, key: string, n: number): string {
  return `${ruleId}|standing|${key}|${n}`;
}

export type FoldResult = {
  /** Standing cases opened. */
  opened: AlertRecord[];
  /** Alerts that took new evidence (opened ones not counted). */
  updated: number;
  /** Withdrawn standing cases a hit brought back (the first hit of each). */
  reinstated: AlertRecord[];
  /** Hits that added nothing (already there, or their case is closed). */
  unchanged: number;
  /** Existing standing cases that already held some of the hits (a rebuild's "unchanged"). */
  kept: number;
};

type EvidenceRow = { alertId: number; record: AlertRecord; role: string };

const refOf = (r: AlertRecord) => `${r.chainId}|${r.txHash}|${r.logIndex}`;

function groupBy(
  records: readonly AlertRecord[],
  key: (r: AlertRecord) => string,
): [string, AlertRecord[]][] {
  const m = new Map<string, AlertRecord[]>();
  for (const r of records) {
    const k = key(r);
    const xs = m.get(k);
    if (xs) xs.push(r);
    else m.set(k, [r]);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Writes the folded hits (AlertRecord.fold "episode" | "standing") of one evaluation. A dry run
 * reads and counts what it would do, writing nothing.
 */
export async function foldAlerts(
  tx: Tx,
  records: readonly AlertRecord[],
  p: { reinstateReason: string; dryRun?: boolean },
): Promise<FoldResult> {
  const out: FoldResult = { opened: [], updated: 0, reinstated: [], unchanged: 0, kept: 0 };
  const rows: EvidenceRow[] = [];
  const lock = p.dryRun ? sql`` : sql`for update`;

  for (const [, group] of groupBy(
    records.filter((r) => r.fold === "episode"),
    (r) => `${r.chainId}|${r.ruleId}|${r.suppressKey}`,
  )) {
    const first = group[0] as AlertRecord;
    const targets = rowsOf<{ id: string; status: AlertStatus; t: string }>(
      await tx.execute(sql`select id::text, status, extract(epoch from block_time)::bigint::text as t from alerts
        where chain_id = ${first.chainId} and rule_id = ${first.ruleId} and suppress_key = ${first.suppressKey}
          and status <> 'withdrawn'
        order by block_time, id ${lock}`),
    );
    for (const r of group) {
      const target = targets.filter((a) => Number(a.t) <= r.time).at(-1);
      if (!target || CLOSED_STATUSES.includes(target.status)) out.unchanged++;
      else rows.push({ alertId: Number(target.id), record: r, role: LATER_ROLE });
    }
  }

  for (const [, group] of groupBy(
    records.filter((r) => r.fold === "standing"),
    (r) => `${r.ruleId}|${r.suppressKey}`,
  )) {
    const first = group[0] as AlertRecord;
    const key = first.suppressKey ?? "-";
    const cases = rowsOf<{ id: string; status: AlertStatus }>(
      await tx.execute(sql`select id::text, status from alerts
        where rule_id = ${first.ruleId} and suppress_key = ${key}
          and alert_key like ${`${standingKey(first.ruleId, key, 0).slice(0, -1)}%`}
        order by id ${lock}`),
    );
    const present = new Map<string, number>();
    if (cases.length > 0) {
      const ev = rowsOf<{ alert_id: string; chain_id: number; tx_hash: string; log_index: number }>(
        await tx.execute(sql`select alert_id::text, chain_id, tx_hash, log_index from alert_evidence
          where alert_id = any(${pgArray(
            cases.map((c) => c.id),
            "int8[]",
          )}) and source = 'transfer'`),
      );
      for (const e of ev) present.set(`${e.chain_id}|${e.tx_hash}|${e.log_index}`, Number(e.alert_id));
    }
    const seen = new Set<string>();
    const fresh = group.filter((r) => {
      const k = refOf(r);
      if (present.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    out.unchanged += group.length - fresh.length;
    out.kept += new Set(group.map((r) => present.get(refOf(r))).filter((id) => id !== undefined)).size;
    const latest = cases.at(-1);
    if (latest?.status === "withdrawn") {
      // Its logs are back (a reorg) or raised again (a rebuild): the case returns as it was.
      const back = fresh.length > 0 || group.some((r) => present.get(refOf(r)) === Number(latest.id));
      if (back) {
        out.reinstated.push(first);
        if (!p.dryRun) latest.status = await reinstate(tx, Number(latest.id), p.reinstateReason);
      }
    }
    if (fresh.length === 0) continue;
    let targetId: number;
    let rest = fresh;
    let openedHere = false;
    if (!latest || CLOSED_STATUSES.includes(latest.status)) {
      const opener = fresh[0] as AlertRecord;
      const record = { ...opener, key: standingKey(opener.ruleId, key, cases.length + 1) };
      rest = fresh.slice(1);
      if (p.dryRun) {
        out.opened.push(record);
        continue;
      }
      const [made] = await tx
        .insert(alerts)
        .values(alertRow(record))
        .onConflictDoNothing({ target: alerts.alertKey })
        .returning({ id: alerts.id });
      if (made) {
        openedHere = true;
        out.opened.push(record);
        targetId = made.id;
        rows.push({ alertId: made.id, record, role: "trigger" });
      } else {
        // Another chain's step opened the same case first: join it.
        const [other] = rowsOf<{ id: string }>(
          await tx.execute(sql`select id::text from alerts where alert_key = ${record.key} for update`),
        );
        targetId = Number(other?.id);
        rest = fresh;
      }
    } else {
      targetId = Number(latest.id);
    }
    if (rest.length > 0 && !openedHere) out.updated++;
    for (const r of rest) rows.push({ alertId: targetId, record: r, role: LATER_ROLE });
  }

  if (p.dryRun) {
    const episodeRows = rows.filter((r) => r.record.fold === "episode");
    const ids = [...new Set(episodeRows.map((r) => r.alertId))];
    const have = new Set(
      ids.length === 0
        ? []
        : rowsOf<{ k: string }>(
            await tx.execute(sql`select alert_id || '|' || chain_id || '|' || tx_hash || '|' || log_index as k
              from alert_evidence where alert_id = any(${pgArray(ids, "int8[]")}) and source = 'transfer'`),
          ).map((r) => r.k),
    );
    const adding = episodeRows.filter((r) => !have.has(`${r.alertId}|${refOf(r.record)}`));
    out.updated += new Set(adding.map((r) => r.alertId)).size;
    out.unchanged += episodeRows.length - adding.length;
    return out;
  }
  const inserted = await insertFoldEvidence(tx, rows);
  const episodeIds = new Set(rows.filter((r) => r.record.fold === "episode").map((r) => r.alertId));
  let episodeInserted = 0;
  for (const id of episodeIds) {
    const n = inserted.get(id) ?? 0;
    episodeInserted += n;
    if (n > 0) out.updated++;
  }
  out.unchanged += rows.filter((r) => r.record.fold === "episode").length - episodeInserted;
  await refreshRunningTotals(tx, [...inserted.keys()]);
  return out;
}

async function reinstate(tx: Tx, id: number, reason: string): Promise<AlertStatus> {
  const [row] = await tx
    .update(alerts)
    .set({
      status: sql`${STATUS_BEFORE_WITHDRAWAL}`,
      statusReason: reason,
      withdrawnAt: null,
      updatedAt: sql`now()`,
    })
    .where(sql`${alerts.id} = ${id}`)
    .returning({ status: alerts.status });
  const status = row?.status ?? "open";
  await tx.insert(alertHistory).values({ alertId: id, fromStatus: "withdrawn", toStatus: status, reason });
  return status;
}

/** Inserts the rows (existing ones are left alone); returns the rows inserted per alert. */
async function insertFoldEvidence(tx: Tx, rows: readonly EvidenceRow[]): Promise<Map<number, number>> {
  const inserted = new Map<number, number>();
  for (let i = 0; i < rows.length; i += 5_000) {
    const part = rows.slice(i, i + 5_000);
    const col = <T extends string | number>(f: (r: EvidenceRow) => T, cast: string) =>
      pgArray(part.map(f), cast);
    const res =
      await tx.execute(sql`insert into alert_evidence (alert_id, chain_id, source, block_number, tx_hash, log_index, role)
      select * from unnest(${col((r) => r.alertId, "int8[]")}, ${col((r) => r.record.chainId, "int4[]")},
        ${col(() => "transfer", "text[]")}, ${col((r) => r.record.block, "int8[]")},
        ${col((r) => r.record.txHash, "text[]")}, ${col((r) => r.record.logIndex, "int4[]")}, ${col((r) => r.role, "text[]")})
      on conflict do nothing
      returning alert_id::text`);
    for (const r of rowsOf<{ alert_id: string }>(res)) {
      const id = Number(r.alert_id);
      inserted.set(id, (inserted.get(id) ?? 0) + 1);
    }
  }
  return inserted;
}

/**
 * Recomputes the running totals of alerts that gather evidence from their evidence rows (the
 * trigger and the `later` ones) joined to the indexed transfers: a row whose log a reorg removed
 * counts no more. Facts: caseTransfers, caseTotalWei (integer wei), caseChains (ids, ascending),
 * caseFirstSeen / caseLastSeen (epoch seconds; empty when nothing is left).
 */
export async function refreshRunningTotals(tx: Tx, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5_000) {
    await tx.execute(sql`update alerts a set updated_at = now(), facts = a.facts || (
        select jsonb_build_object(
          'caseTransfers', count(t.tx_hash)::text,
          'caseTotalWei', coalesce(sum(t.amount), 0)::text,
          'caseChains', coalesce(array_to_string(array_agg(distinct t.chain_id order by t.chain_id), ','), ''),
          'caseFirstSeen', coalesce(extract(epoch from min(t.block_time))::bigint::text, ''),
          'caseLastSeen', coalesce(extract(epoch from max(t.block_time))::bigint::text, ''))
        from alert_evidence e
        join transfers t on t.chain_id = e.chain_id and t.tx_hash = e.tx_hash and t.log_index = e.log_index
        where e.alert_id = a.id and e.source = 'transfer' and e.role in ('trigger', ${LATER_ROLE}))
      where a.id = any(${pgArray(ids.slice(i, i + 5_000), "int8[]")})`);
  }
}

/**
 * Reorg: removes the `later` evidence above the common ancestor on the chain (those logs are
 * gone; if they land again they join again) and recomputes the totals of the alerts concerned.
 * Their own trigger is judged by the caller like any alert's (withdrawn when above the ancestor).
 */
export async function trimLaterEvidenceAbove(
  tx: Tx,
  p: { chainId: number; ancestor: bigint },
): Promise<number[]> {
  const res = await tx.execute(sql`delete from alert_evidence
    where chain_id = ${p.chainId} and block_number > ${p.ancestor} and role = ${LATER_ROLE}
    returning alert_id::text`);
  return [...new Set(rowsOf<{ alert_id: string }>(res).map((r) => Number(r.alert_id)))];
}
