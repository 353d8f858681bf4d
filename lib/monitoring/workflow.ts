// The case workflow as a pure table (DOMAIN.md §4): open → in review → escalated → reported (STR
// filed) | dismissed. The server action and the page both read it: the page to offer only the
// moves a role may make, the transaction (db/queries/alert-workflow.ts) to refuse the rest.
//
// Four eyes: once a case is escalated it leaves the escalator's hands. Every move out of
// "escalated" (filing, dismissing, sending back) needs reports:file and an officer other than the
// user who made the latest move to "escalated". Dismissing and sending back are included on
// purpose: otherwise the escalator could send the case back and dismiss it alone, which is the
// decision not to report that four eyes exist for.
//
// A severe alert (R1 direct sanctions hit, R10 issuer/admin event) is not dismissed by one person
// either: the triage moves to "dismissed" are closed to it, so the only way to dismiss it is
// through "escalated", where four eyes apply.
import type { AlertStatus, Severity } from "@/db/schema/monitoring";
import type { ErrorCode } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/roles";
import { STATUS_LABELS } from "./labels";

export { STATUS_LABELS };

/** Statuses a user may move a case to; "open" is where the monitor starts it, "withdrawn" is the system's. */
export const DECISION_TARGETS = ["in_review", "escalated", "reported", "dismissed"] as const;
export type DecisionTarget = (typeof DECISION_TARGETS)[number];

/** No user move leaves these (withdrawn alerts come back only through the monitor). */
export const TERMINAL_STATUSES: readonly AlertStatus[] = ["reported", "dismissed", "withdrawn"];

/** Longest reason kept (an STR's grounds for suspicion fit; goAML's `reason` allows more). */
export const REASON_MAX = 2_000;

export type Transition = {
  from: AlertStatus;
  to: DecisionTarget;
  permission: Permission;
  reasonRequired: boolean;
  /** The actor must not be the user who escalated the case. */
  fourEyes: boolean;
  /** Open to severe alerts too (false: one person's dismissal, which a severe alert never gets). */
  forSevere: boolean;
  /** Button text. */
  label: string;
  /** "to dismiss the case", for messages. */
  purpose: string;
  /** What the reason field asks for on this move. */
  reasonLabel: string;
};

const ESCALATED_MOVE = {
  permission: "reports:file",
  reasonRequired: true,
  fourEyes: true,
  forSevere: true,
} as const;

export const TRANSITIONS: readonly Transition[] = [
  {
    from: "open",
    to: "in_review",
    permission: "alerts:triage",
    reasonRequired: false,
    fourEyes: false,
    forSevere: true,
    label: "Start review",
    purpose: "to start the review",
    reasonLabel: "Comment (optional)",
  },
  ...(["open", "in_review"] as const).flatMap((from): Transition[] => [
    {
      from,
      to: "escalated",
      permission: "alerts:triage",
      reasonRequired: true,
      fourEyes: false,
      forSevere: true,
      label: "Escalate",
      purpose: "to escalate the case",
      reasonLabel: "Why it is suspicious",
    },
    {
      from,
      to: "dismissed",
      permission: "alerts:triage",
      reasonRequired: true,
      fourEyes: false,
      forSevere: false,
      label: "Dismiss",
      purpose: "to dismiss the case",
      reasonLabel: "Why it is not suspicious",
    },
  ]),
  {
    from: "escalated",
    to: "reported",
    ...ESCALATED_MOVE,
    label: "File STR",
    purpose: "to file the STR",
    reasonLabel: "Grounds for suspicion / STR reference",
  },
  {
    from: "escalated",
    to: "dismissed",
    ...ESCALATED_MOVE,
    label: "Dismiss",
    purpose: "to dismiss the case",
    reasonLabel: "Why no report is filed",
  },
  {
    from: "escalated",
    to: "in_review",
    ...ESCALATED_MOVE,
    label: "Send back to review",
    purpose: "to send the case back",
    reasonLabel: "What is still to be reviewed",
  },
];

export function findTransition(from: AlertStatus, to: AlertStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export type CheckTransitionParams = {
  from: AlertStatus;
  to: AlertStatus;
  actorRole: string;
  actorId: string;
  /** The alert's stored severity (from its row, never from the client). */
  severity: Severity;
  /** User id of the latest user move to "escalated"; null when the case was never escalated. */
  escalatedBy: string | null;
  reason: string | null | undefined;
};

export type TransitionRefusal = { ok: false; code: ErrorCode; message: string };
export type TransitionCheck = { ok: true; transition: Transition } | TransitionRefusal;

export const FOUR_EYES_MESSAGE =
  "Four eyes: you escalated this case; another compliance officer must file it.";

export const SEVERE_DISMISS_MESSAGE =
  "A severe alert is dismissed only with a second person's approval: escalate it with your reasons; another compliance officer decides.";

/**
 * Whether `actor` may move a case from `from` to `to` with `reason`. Checked in this order: the
 * move exists (conflict: the case moved meanwhile, or is closed), the role holds the permission,
 * a severe alert is not dismissed alone, four eyes, then the reason (a reason cannot cure the
 * first four).
 */
export function checkTransition(p: CheckTransitionParams): TransitionCheck {
  const t = findTransition(p.from, p.to);
  if (!t) return refuse("conflict", noSuchMove(p.from, p.to));
  if (!can(p.actorRole, t.permission)) {
    return refuse(
      "forbidden",
      t.permission === "reports:file"
        ? "Only a compliance officer may decide an escalated case."
        : "Your role does not allow triaging alerts.",
    );
  }
  if (!t.forSevere && p.severity === "severe") return refuse("forbidden", SEVERE_DISMISS_MESSAGE);
  if (t.fourEyes && p.escalatedBy !== null && p.escalatedBy === p.actorId) {
    return refuse(
      "forbidden",
      t.to === "reported"
        ? FOUR_EYES_MESSAGE
        : "Four eyes: you escalated this case; another compliance officer must decide it.",
    );
  }
  if (t.reasonRequired && !(p.reason ?? "").trim()) {
    return refuse("bad_request", `A reason is required ${t.purpose}.`);
  }
  return { ok: true, transition: t };
}

/**
 * The moves a role may make from a status on an alert of this severity (the page's buttons; four
 * eyes is shown, not hidden; a severe alert's single-person dismissal is not offered at all).
 */
export function movesFor(from: AlertStatus, role: string, severity: Severity): Transition[] {
  return TRANSITIONS.filter(
    (t) => t.from === from && can(role, t.permission) && (t.forSevere || severity !== "severe"),
  );
}

function noSuchMove(from: AlertStatus, to: AlertStatus): string {
  if (from === to) return `The case is already ${STATUS_LABELS[from].toLowerCase()}. Reload the page.`;
  if (TERMINAL_STATUSES.includes(from)) {
    return `The case is closed (${STATUS_LABELS[from].toLowerCase()}); it cannot be moved.`;
  }
  return `A case that is ${STATUS_LABELS[from].toLowerCase()} cannot be moved to ${STATUS_LABELS[to].toLowerCase()}. Reload the page: it may have moved meanwhile.`;
}

function refuse(code: ErrorCode, message: string): TransitionRefusal {
  return { ok: false, code, message };
}
