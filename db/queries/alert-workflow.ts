// Case decisions and notes. Each runs in one transaction with the alert row locked (FOR UPDATE),
// so two officers pressing buttons at once are serialised: the second sees the first's status
// and is refused by the workflow table instead of overwriting it. The audit row is written in
// the same transaction: no decision without its audit entry, and no entry for a refused one.
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { alertHistory, alertNotes, alerts, type AlertStatus } from "../schema/monitoring";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/errors";
import { checkTransition, type DecisionTarget } from "@/lib/monitoring/workflow";

export type CaseActor = AuditActor & { role: string };

type RequestInfo = { ip?: string | null | undefined; userAgent?: string | null | undefined };

export type TransitionAlertParams = RequestInfo & {
  alertId: number;
  to: DecisionTarget;
  reason: string;
  actor: CaseActor;
};

export type TransitionAlertResult = {
  alertId: number;
  from: AlertStatus;
  to: DecisionTarget;
  assignee: string | null;
};

/** The audit log's name for an alert (filterable as a substring). */
export function alertTarget(alertId: number): string {
  return `alert:${alertId}`;
}

async function lockAlert(tx: Tx, alertId: number) {
  const [row] = await tx
    .select({
      id: alerts.id,
      status: alerts.status,
      assignee: alerts.assignee,
      ruleId: alerts.ruleId,
      severity: alerts.severity,
    })
    .from(alerts)
    .where(eq(alerts.id, alertId))
    .for("update");
  if (!row)
    throw new AppError("not_found", "Unknown alert. It may have been removed; go back to the alerts.");
  return row;
}

/**
 * The user who made the latest move to "escalated". System rows (actor null: a reorg's
 * reinstatement back to "escalated") are skipped, so they never erase who escalated.
 */
export async function getLatestEscalator(db: Db | Tx, params: { alertId: number }): Promise<string | null> {
  const [row] = await db
    .select({ actor: alertHistory.actor })
    .from(alertHistory)
    .where(
      and(
        eq(alertHistory.alertId, params.alertId),
        eq(alertHistory.toStatus, "escalated"),
        isNotNull(alertHistory.actor),
      ),
    )
    .orderBy(desc(alertHistory.id))
    .limit(1);
  return row?.actor ?? null;
}

/** Moves a case along the workflow (lib/monitoring/workflow.ts); refusals throw AppError. */
export async function transitionAlert(db: Db, p: TransitionAlertParams): Promise<TransitionAlertResult> {
  return db.transaction(async (tx) => {
    const alert = await lockAlert(tx, p.alertId);
    const escalatedBy = alert.status === "escalated" ? await getLatestEscalator(tx, p) : null;
    const reason = p.reason.trim();
    const check = checkTransition({
      from: alert.status,
      to: p.to,
      actorRole: p.actor.role,
      actorId: p.actor.id,
      // The locked row's severity: a severe alert is never dismissed by one person.
      severity: alert.severity,
      escalatedBy,
      reason,
    });
    if (!check.ok) throw new AppError(check.code, check.message);
    // Starting a review takes an unassigned case; an assigned one stays with its analyst.
    const assignee = p.to === "in_review" && alert.assignee === null ? p.actor.id : alert.assignee;
    await tx
      .update(alerts)
      .set({ status: p.to, statusReason: reason || null, assignee, updatedAt: sql`now()` })
      .where(eq(alerts.id, p.alertId));
    await tx.insert(alertHistory).values({
      alertId: p.alertId,
      fromStatus: alert.status,
      toStatus: p.to,
      actor: p.actor.id,
      reason: reason || null,
    });
    await recordAudit(tx, {
      action: p.to === "reported" ? "report.file" : "alert.decision",
      actor: p.actor,
      target: alertTarget(p.alertId),
      params: {
        alertId: p.alertId,
        ruleId: alert.ruleId,
        from: alert.status,
        to: p.to,
        reason: reason || null,
        ...(escalatedBy ? { escalatedBy } : {}),
      },
      ip: p.ip ?? null,
      userAgent: p.userAgent ?? null,
    });
    return { alertId: p.alertId, from: alert.status, to: p.to, assignee };
  });
}

export type AddAlertNoteParams = RequestInfo & { alertId: number; body: string; actor: CaseActor };

/** Appends a note to a case (any status: a closed case may still be annotated) and audits it. */
export async function addAlertNote(db: Db, p: AddAlertNoteParams): Promise<{ id: number; at: Date }> {
  return db.transaction(async (tx) => {
    // No lock: notes do not depend on the status (alerts are never deleted; the status is a snapshot).
    const [alert] = await tx
      .select({ id: alerts.id, ruleId: alerts.ruleId, status: alerts.status })
      .from(alerts)
      .where(eq(alerts.id, p.alertId));
    if (!alert)
      throw new AppError("not_found", "Unknown alert. It may have been removed; go back to the alerts.");
    const body = p.body.trim();
    const [note] = await tx
      .insert(alertNotes)
      .values({
        alertId: p.alertId,
        author: p.actor.id,
        authorEmail: p.actor.email,
        authorRole: p.actor.role,
        body,
      })
      .returning({ id: alertNotes.id, at: alertNotes.at });
    await recordAudit(tx, {
      action: "alert.note",
      actor: p.actor,
      target: alertTarget(p.alertId),
      params: { alertId: p.alertId, ruleId: alert.ruleId, status: alert.status, noteId: note!.id, body },
      ip: p.ip ?? null,
      userAgent: p.userAgent ?? null,
    });
    return { id: note!.id, at: note!.at };
  });
}
