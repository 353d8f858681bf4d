// Everything that happened to the case, oldest first: the monitor raising it, each move with who
// made it and why (system moves: reorg withdrawals and reinstatements; a rebuild's note on a
// decided case), and each note added.
import { Card } from "@/components/ui/card";
import type { AlertCase } from "@/db/queries/alert-case";
import { formatDateTimeUtc } from "@/lib/format";
import { STATUS_LABELS } from "@/lib/monitoring/workflow";
import { ALERT_CARDS, userLabel } from "./parts";

type Entry = {
  key: string;
  at: Date;
  kind: "raised" | "decision" | "note";
  to?: string;
  title: string;
  who: string;
  detail: string | null;
};

function entries(c: AlertCase): Entry[] {
  const raised: Entry = {
    key: "raised",
    at: c.alert.createdAt,
    kind: "raised",
    title: `Raised by rule ${c.alert.ruleId}`,
    who: "Monitor",
    detail: null,
  };
  const decisions: Entry[] = c.history.map((h) => ({
    key: `h${h.id}`,
    at: h.at,
    kind: "decision",
    to: h.to,
    // A row that moves nothing is a rebuild's note on a decided case (lib/monitoring/rebuild-note.ts).
    title:
      h.from === h.to
        ? `${STATUS_LABELS[h.to]}, kept as decided`
        : `${h.from ? STATUS_LABELS[h.from] : "—"} → ${STATUS_LABELS[h.to]}`,
    who: userLabel(h.actor),
    detail: h.reason,
  }));
  const notes: Entry[] = c.notes.map((n) => ({
    key: `n${n.id}`,
    at: n.at,
    kind: "note",
    title: "Note added",
    who: userLabel(n.author),
    detail: n.body.length > 140 ? `${n.body.slice(0, 139)}…` : n.body,
  }));
  // Stable: equal times keep raised, decisions, notes in that order.
  return [raised, ...decisions, ...notes].sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function AlertCaseHistory({ c }: { c: AlertCase }) {
  return (
    <Card {...ALERT_CARDS.history} description="Oldest first. Times in UTC.">
      <ol className="space-y-2 border-l border-slate-200 pl-4">
        {entries(c).map((e) => (
          <li
            key={e.key}
            data-testid="alert-history-entry"
            data-kind={e.kind}
            data-to={e.to}
            className="text-sm"
          >
            <p className="font-medium text-slate-900">{e.title}</p>
            <p className="text-xs text-slate-600">
              <span data-testid="alert-history-actor">{e.who}</span> · {formatDateTimeUtc(e.at)}
            </p>
            {e.detail ? <p className="mt-0.5 whitespace-pre-wrap text-slate-700">{e.detail}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
