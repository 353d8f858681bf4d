// What the export forms and checks need before a file is made: the months the monthly report
// has data for, and the state of a case about to be filed with the FIU (goAML).
import { and, desc, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { alertHistory, alerts, type AlertStatus } from "../schema/monitoring";
import { dailySupply } from "../schema/rollups";

export type ListReportMonthsParams = { chainId?: number | undefined };

/** "YYYY-MM" months with rolled-up supply days (finalized blocks), newest first. */
export async function listReportMonths(db: Db, p: ListReportMonthsParams = {}): Promise<string[]> {
  const month = sql<string>`to_char(${dailySupply.day}::date, 'YYYY-MM')`;
  const rows = await db
    .selectDistinct({ month })
    .from(dailySupply)
    .where(p.chainId === undefined ? undefined : sql`${dailySupply.chainId} = ${p.chainId}`)
    .orderBy(desc(month));
  return rows.map((r) => r.month);
}

/** Statuses from which a case may be reported to the FIU. */
export const FILEABLE_STATUSES: readonly AlertStatus[] = ["escalated", "reported"];

export type CaseAlertState = {
  id: number;
  status: AlertStatus;
  statusReason: string | null;
  /**
   * The reason for suspicion: given on the alert's latest escalation by a user (alert_history),
   * else on its latest move to reported. System rows (reinstatements, a rebuild's note on a
   * decided case) are not grounds for suspicion.
   */
  escalationReason: string | null;
};

export type GetCaseStateParams = { alertIds: readonly number[] };

/** Each alert's status and the reason it was escalated or reported; unknown ids are absent. */
export async function getCaseState(db: Db, p: GetCaseStateParams): Promise<CaseAlertState[]> {
  if (p.alertIds.length === 0) return [];
  const ids = [...p.alertIds];
  const [rows, history] = await Promise.all([
    db
      .select({ id: alerts.id, status: alerts.status, statusReason: alerts.statusReason })
      .from(alerts)
      .where(inArray(alerts.id, ids))
      .orderBy(alerts.id),
    db
      .select({ alertId: alertHistory.alertId, toStatus: alertHistory.toStatus, reason: alertHistory.reason })
      .from(alertHistory)
      .where(
        and(
          inArray(alertHistory.alertId, ids),
          inArray(alertHistory.toStatus, [...FILEABLE_STATUSES]),
          isNotNull(alertHistory.actor),
        ),
      )
      .orderBy(desc(alertHistory.at), desc(alertHistory.id)),
  ]);
  const latest = (id: number, to: AlertStatus) =>
    history.find((h) => h.alertId === id && h.toStatus === to && h.reason?.trim())?.reason ?? null;
  return rows.map((r) => ({
    ...r,
    escalationReason: latest(r.id, "escalated") ?? latest(r.id, "reported"),
  }));
}
