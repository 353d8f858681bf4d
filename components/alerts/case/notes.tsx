// The case's notes, oldest first, and (for roles that triage) the form to add one.
import { Card } from "@/components/ui/card";
import type { AlertCase } from "@/db/queries/alert-case";
import { formatDateTimeUtc } from "@/lib/format";
import { NOTE_MAX } from "@/lib/validators/alert-case";
import { AlertNoteForm } from "./note-form";
import { ALERT_CARDS, userLabel } from "./parts";

export function AlertCaseNotes({ c, canWrite }: { c: AlertCase; canWrite: boolean }) {
  return (
    <Card {...ALERT_CARDS.notes} description="Append-only; every note is in the audit log.">
      <div className="space-y-4">
        {c.notes.length === 0 ? (
          <p className="text-sm text-slate-600">No notes yet.</p>
        ) : (
          <ol className="space-y-3">
            {c.notes.map((n) => (
              <li key={n.id} data-testid="alert-note" className="rounded border border-slate-200 px-3 py-2">
                <p className="text-xs text-slate-500">
                  {userLabel(n.author)} · {n.authorRole.replace("_", " ")} · {formatDateTimeUtc(n.at)}
                </p>
                <p className="mt-1 text-sm whitespace-pre-wrap text-slate-900">{n.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canWrite ? <AlertNoteForm alertId={c.alert.id} maxLength={NOTE_MAX} /> : null}
      </div>
    </Card>
  );
}
