// The case's state and what the viewer may do with it: status, assignee, who escalated (four
// eyes) and the workflow buttons for the viewer's role (the goAML report has its own card: goaml.tsx).
import { AlertStatusBadge, SeverityBadge } from "@/components/ui/alert-badges";
import { Card } from "@/components/ui/card";
import type { AlertCase } from "@/db/queries/alert-case";
import type { AppSession } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { formatDateTimeUtc } from "@/lib/format";
import {
  REASON_MAX,
  SEVERE_DISMISS_MESSAGE,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  movesFor,
} from "@/lib/monitoring/workflow";
import { notRaisedSince } from "@/lib/monitoring/rebuild-note";
import { ALERT_CARDS, Fact, userLabel } from "./parts";
import { AlertCaseWorkflow } from "./workflow";

function FourEyesNote({ c, session }: { c: AlertCase; session: AppSession }) {
  if (c.alert.status !== "escalated") return null;
  const mine = c.escalatedBy?.id === session.userId;
  return (
    <p
      data-testid="alert-four-eyes"
      className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      {c.escalatedBy ? (
        <>
          Escalated by {mine ? "you" : userLabel(c.escalatedBy)}; filing needs a different compliance officer
          {mine ? ": another officer must file or dismiss it." : "."}
        </>
      ) : (
        <>Escalated; a compliance officer files or dismisses it.</>
      )}
    </p>
  );
}

/** A rebuild under newer parameters would not raise this alert; a decided case stays as decided. */
function RebuildNotice({ c }: { c: AlertCase }) {
  const since = notRaisedSince(c.history);
  if (!since || c.alert.status === "withdrawn") return null;
  return (
    <p
      data-testid="alert-rebuild-notice"
      className="rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800"
    >
      The current rule parameters (rebuild of {formatDateTimeUtc(since)}) would not raise this alert; it was
      decided before and is kept as decided.
    </p>
  );
}

export function AlertCaseDecision({ c, session }: { c: AlertCase; session: AppSession }) {
  const a = c.alert;
  const canTriage = can(session.role, "alerts:triage");
  const moves = movesFor(a.status, session.role, a.severity);
  // Why there is no Dismiss button next to Escalate.
  const severeNoDismiss =
    a.severity === "severe" && (a.status === "open" || a.status === "in_review") && canTriage;
  return (
    <Card
      {...ALERT_CARDS.decision}
      description="Open → in review → escalated → reported (STR filed) or dismissed. Every move and note is audited."
    >
      <div className="space-y-4">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Fact label="Status">
            <AlertStatusBadge status={a.status} />
          </Fact>
          <Fact label="Severity">
            <SeverityBadge severity={a.severity} />
          </Fact>
          <Fact label="Score">{a.score} / 100</Fact>
          <Fact label="Assignee" testId="alert-assignee">
            {c.assignee ? userLabel(c.assignee) : "Unassigned"}
          </Fact>
          <Fact label="Escalated by" testId="alert-escalated-by">
            {c.escalatedBy ? userLabel(c.escalatedBy) : "—"}
          </Fact>
          <Fact label="Last change">{formatDateTimeUtc(a.updatedAt)}</Fact>
          {a.statusReason ? (
            <Fact label="Latest reason" testId="alert-status-reason" className="sm:col-span-3">
              <span className="whitespace-pre-wrap">{a.statusReason}</span>
            </Fact>
          ) : null}
        </dl>
        <RebuildNotice c={c} />
        <FourEyesNote c={c} session={session} />
        {severeNoDismiss ? (
          <p data-testid="alert-severe-dismiss" className="text-sm text-slate-600">
            {SEVERE_DISMISS_MESSAGE}
          </p>
        ) : null}
        {moves.length > 0 ? (
          <AlertCaseWorkflow
            alertId={a.id}
            reasonMax={REASON_MAX}
            moves={moves.map((m) => ({
              to: m.to,
              label: m.label,
              reasonRequired: m.reasonRequired,
              reasonLabel: m.reasonLabel,
            }))}
          />
        ) : (
          <p className="text-sm text-slate-600" data-testid="alert-no-moves">
            {TERMINAL_STATUSES.includes(a.status)
              ? `This case is closed (${STATUS_LABELS[a.status].toLowerCase()}).${canTriage ? " Notes can still be added." : ""}`
              : canTriage
                ? "An escalated case is decided by a compliance officer (file the STR, dismiss, or send it back)."
                : "Your role reads cases; analysts and compliance officers triage them."}
          </p>
        )}
      </div>
    </Card>
  );
}
