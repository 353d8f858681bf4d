"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useId, useState, useTransition, type FormEvent } from "react";

const input = "w-32 rounded border border-slate-300 px-2 py-1 text-sm tabular-nums";
const button =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-slate-700";

/**
 * Amount range (USD1) in the URL (`min`, `max`). DataTable's filters are selects only, so this
 * small local control sits beside it. Values go to the server as typed: it validates them and
 * explains a bad one, so nothing is rounded or rewritten here.
 */
export function TransactionsAmountFilter() {
  const [pending, startTransition] = useTransition();
  const [url, setUrl] = useQueryStates(
    { min: parseAsString, max: parseAsString, page: parseAsString },
    { shallow: false, history: "push", startTransition },
  );
  const [min, setMin] = useState(url.min ?? "");
  const [max, setMax] = useState(url.max ?? "");
  const id = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    void setUrl({ min: min.trim() || null, max: max.trim() || null, page: null });
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Amount range"
      aria-busy={pending || undefined}
      className="flex items-end gap-1"
    >
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-min`} className="text-xs font-medium text-slate-600">
          Min amount (USD1)
        </label>
        <input
          id={`${id}-min`}
          inputMode="decimal"
          value={min}
          onChange={(e) => setMin(e.target.value)}
          className={input}
        />
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-max`} className="text-xs font-medium text-slate-600">
          Max amount (USD1)
        </label>
        <input
          id={`${id}-max`}
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          className={input}
        />
      </div>
      <button type="submit" className={button}>
        Apply
      </button>
    </form>
  );
}
