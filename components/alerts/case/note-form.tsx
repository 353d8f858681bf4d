"use client";

// Adds a note to the case (append-only; the server audits it as alert.note).
import { useId } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { addAlertNote } from "@/lib/actions/add-alert-note";

export function AlertNoteForm({ alertId, maxLength }: { alertId: number; maxLength: number }) {
  const id = useId();
  const { state, pending, onSubmit } = useActionForm(addAlertNote, { resetOnSuccess: true });
  const bodyId = `${id}-body`;
  const error = fieldError(state, "body");
  return (
    <form onSubmit={onSubmit} aria-label="Add a note" className="space-y-2">
      <input type="hidden" name="alertId" value={alertId} />
      <FormField id={bodyId} label="New note" error={error} hint="Notes cannot be edited or deleted.">
        <textarea
          id={bodyId}
          name="body"
          rows={3}
          maxLength={maxLength}
          {...invalidProps(bodyId, error)}
          className={formControl}
        />
      </FormField>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={formButton}>
          Add note
        </button>
        <ActionOutcome state={state} testId="alert-note-outcome" />
      </div>
    </form>
  );
}
