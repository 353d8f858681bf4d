"use client";

// Retire a list: a reason is required; the server deletes its entries, keeps the record and
// re-checks history under R1.
import { useId, useState } from "react";
import { ActionOutcome, formButton, formControl } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { retireWatchlist } from "@/lib/actions/retire-watchlist";

export function RetireListForm({ id, name }: { id: number; name: string }) {
  const fieldId = useId();
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useActionForm(retireWatchlist);
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="text-sm font-medium text-red-800 underline"
      >
        Retire<span className="sr-only"> {name}</span>
      </button>
    );
  }
  const error = fieldError(state, "reason");
  return (
    <form onSubmit={onSubmit} aria-label={`Retire ${name}`} className="flex max-w-xs flex-col gap-1">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={`${fieldId}-reason`} className="text-xs font-medium text-slate-800">
        Why is {name} retired?
      </label>
      <input
        id={`${fieldId}-reason`}
        name="reason"
        required
        minLength={3}
        maxLength={500}
        className={formControl}
        {...(error ? { "aria-invalid": true } : {})}
      />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={formButton}>
          {pending ? "Retiring…" : "Retire list"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="text-sm text-slate-700 underline">
          Cancel
        </button>
      </div>
      <ActionOutcome state={state} testId="list-retire-outcome" />
    </form>
  );
}
