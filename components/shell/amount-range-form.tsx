"use client";

import { useId, useState, type FormEvent } from "react";

const input = "w-28 rounded border border-slate-300 px-2 py-1 text-sm tabular-nums";
const button =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-slate-700";

export type AmountRangeFormProps = {
  min: string | null;
  max: string | null;
  /** Values as typed (trimmed, empty = null): the server validates them and explains a bad one. */
  onApply: (min: string | null, max: string | null) => void;
  pending?: boolean;
};

/** Min/max USD1 amount of a view's filter; nothing is rounded or rewritten here. */
export function AmountRangeForm({ min, max, onApply, pending = false }: AmountRangeFormProps) {
  const [draft, setDraft] = useState({ min: min ?? "", max: max ?? "" });
  const id = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft.min.trim() || null, draft.max.trim() || null);
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Amount range"
      aria-busy={pending || undefined}
      className="flex items-end gap-1"
    >
      {(["min", "max"] as const).map((key) => (
        <div key={key} className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-${key}`} className="text-xs font-medium text-slate-600">
            {key === "min" ? "Min" : "Max"} amount (USD1)
          </label>
          <input
            id={`${id}-${key}`}
            inputMode="decimal"
            value={draft[key]}
            onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
            className={input}
          />
        </div>
      ))}
      <button type="submit" className={button}>
        Apply
      </button>
    </form>
  );
}
