"use client";

// The case's decision form: one reason field and one submit button per move the viewer's role may
// make (the page computes them from lib/monitoring/workflow.ts; the server checks again, with four
// eyes). The pressed button says which move: FormData is built with the submitter.
import { useId, useState, useTransition, type FormEvent } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { fieldError } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/actions/safe-action";
import { transitionAlert } from "@/lib/actions/transition-alert";

export type WorkflowMove = { to: string; label: string; reasonRequired: boolean; reasonLabel: string };

const secondaryButton =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60";

function reasonHint(moves: WorkflowMove[]): string {
  const required = moves.filter((m) => m.reasonRequired);
  const optional = moves.filter((m) => !m.reasonRequired);
  const parts = required.map((m) => `${m.label}: ${m.reasonLabel.toLowerCase()}`);
  const tail =
    optional.length > 0 ? ` Optional to ${optional.map((m) => m.label.toLowerCase()).join(", ")}.` : "";
  return required.length > 0 ? `Required. ${parts.join("; ")}.${tail}` : `Optional.${tail}`;
}

export function AlertCaseWorkflow({
  alertId,
  moves,
  reasonMax,
}: {
  alertId: number;
  moves: WorkflowMove[];
  reasonMax: number;
}) {
  const id = useId();
  const [state, setState] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = new FormData(form, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await transitionAlert(null, input);
      } catch {
        result = { ok: false, code: "unavailable", message: "The server did not answer. Try again." };
      }
      startTransition(() => setState(result));
      if (result.ok) form.reset();
    });
  }

  const reasonId = `${id}-reason`;
  const error = fieldError(state, "reason");
  return (
    <form onSubmit={onSubmit} aria-label="Decide the case" className="space-y-3">
      <input type="hidden" name="alertId" value={alertId} />
      <FormField id={reasonId} label="Reason" error={error} hint={reasonHint(moves)}>
        <textarea
          id={reasonId}
          name="reason"
          rows={3}
          maxLength={reasonMax}
          {...invalidProps(reasonId, error)}
          className={formControl}
        />
      </FormField>
      <div className="flex flex-wrap gap-2">
        {moves.map((m, i) => (
          <button
            key={m.to}
            type="submit"
            name="to"
            value={m.to}
            disabled={pending}
            data-testid={`alert-move-${m.to}`}
            className={i === 0 ? formButton : secondaryButton}
          >
            {m.label}
          </button>
        ))}
      </div>
      <ActionOutcome state={state} testId="alert-workflow-outcome" />
    </form>
  );
}
