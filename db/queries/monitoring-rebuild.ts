// The rebuild's reads and writes (lib/monitoring/rebuild.ts). A rebuild changes only alerts nobody
// has acted on. A decided alert (a status only a user sets, or any user row in its history) keeps
// its state, reason and evidence; the rebuild at most appends a system note to its history
// (lib/monitoring/rebuild-note.ts), which changes neither the alert row nor its evidence.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { alerts, type AlertStatus, type RuleId } from "../schema/monitoring";
import { withdrawLocked } from "./monitoring-alerts";
import { pgArray } from "./sql-arrays";
import { NOT_RAISED_PREFIX, REBUILD_NOTE_PREFIX } from "@/lib/monitoring/rebuild-note";

const CHUNK = 5_000;

/**
 * A user acted on the alert. Users never move a case to "open", so open + no user row = untouched.
 * Spelled out with the table name: drizzle leaves columns unqualified in a one-table select, and
 * inside the subquery an unqualified "id" would be alert_history's.
 */
const DECIDED = sql<boolean>`(alerts.status not in ('open', 'withdrawn') or exists (
  select 1 from alert_history h where h.alert_id = alerts.id and h.actor is not null))`;

export type AlertIndexEntry = { id: number; status: AlertStatus; ruleId: RuleId; decided: boolean };

/** Key → id, status and whether a user acted on it, for every alert of these rules on the chain. */
export async function loadAlertIndex(
  tx: Tx,
  p: { chainId: number; ruleIds: RuleId[] },
): Promise<Map<string, AlertIndexEntry>> {
  const rows = await tx
    .select({
      key: alerts.alertKey,
      id: alerts.id,
      status: alerts.status,
      ruleId: alerts.ruleId,
      decided: DECIDED,
    })
    .from(alerts)
    .where(and(eq(alerts.chainId, p.chainId), inArray(alerts.ruleId, p.ruleIds)));
  return new Map(rows.map(({ key, ...e }) => [key, e]));
}

export type RetireAlertsResult = { withdrawn: number; decided: number };

/**
 * Alerts the rules no longer raise: undecided ones are withdrawn with `reason`; decided ones are
 * left as they are, with `note` in their history (once: not again while their latest rebuild note
 * says the same). Decidedness is read again under the row lock, so a decision made after the
 * rebuild's diff was taken is respected, not withdrawn.
 */
export async function retireStaleAlerts(
  tx: Tx,
  p: { ids: number[]; reason: string; note: string },
): Promise<RetireAlertsResult> {
  const out: RetireAlertsResult = { withdrawn: 0, decided: 0 };
  for (let i = 0; i < p.ids.length; i += CHUNK) {
    const rows = await tx
      .select({ id: alerts.id, status: alerts.status, decided: DECIDED })
      .from(alerts)
      .where(and(inArray(alerts.id, p.ids.slice(i, i + CHUNK)), sql`${alerts.status} <> 'withdrawn'`))
      .orderBy(alerts.id)
      .for("update");
    out.withdrawn += await withdrawLocked(
      tx,
      rows.filter((r) => !r.decided),
      p.reason,
    );
    const decided = rows.filter((r) => r.decided).map((r) => r.id);
    out.decided += decided.length;
    await appendNote(tx, decided, p.note, sql`is distinct from ${p.note}`);
  }
  return out;
}

/** Decided alerts raised again: `note` goes to those whose latest rebuild note said "not raised". */
export async function noteRaisedAgain(tx: Tx, p: { ids: number[]; note: string }): Promise<void> {
  for (let i = 0; i < p.ids.length; i += CHUNK) {
    await appendNote(tx, p.ids.slice(i, i + CHUNK), p.note, sql`like ${`${NOT_RAISED_PREFIX}%`}`);
  }
}

/** One system row per alert (from = to = its status) where its latest rebuild note's reason `matches`. */
async function appendNote(tx: Tx, ids: number[], note: string, matches: SQL): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`insert into alert_history (alert_id, from_status, to_status, actor, reason)
    select a.id, a.status, a.status, null, ${note} from alerts a
    where a.id = any(${pgArray(ids, "int8[]")}) and (
      select h.reason from alert_history h
      where h.alert_id = a.id and h.actor is null and h.from_status = h.to_status
        and h.reason like ${`${REBUILD_NOTE_PREFIX}%`}
      order by h.id desc limit 1) ${matches}
    order by a.id`);
}
