"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useId, useMemo, useState, useTransition, type FormEvent } from "react";
import { cn } from "@/components/ui/cn";
import { RANGE_LABELS, RANGE_PRESETS, type RangePreset } from "@/lib/validators/view-params";

export type ToolbarChain = { chainId: number; name: string };

export type ViewToolbarProps = {
  chains: ToolbarChain[];
  /** Preset shown as active when the URL has no range (match parseViewParams' defaultRange). */
  defaultRange?: RangePreset;
  /** False for views that have no time axis (chain filter only). */
  showRange?: boolean;
  /** URL keys cleared when the filter changes (table pages: "page", "holders.page", …). */
  resetKeys?: string[];
};

const button =
  "rounded border px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-700";
const idle = "border-slate-300 bg-white text-slate-700 hover:bg-slate-50";
const active = "border-slate-800 bg-slate-800 text-white";

/**
 * Chain + date range, written to the URL (`chain`, `range`, `from`, `to`) with a server round
 * trip (shallow: false) so the server components re-read. Values are kept as raw strings: the
 * server validates them and explains what is wrong, the toolbar never silently rewrites them.
 */
export function ViewToolbar({
  chains,
  defaultRange = "30d",
  showRange = true,
  resetKeys = ["page"],
}: ViewToolbarProps) {
  const [pending, startTransition] = useTransition();
  const resetList = resetKeys.join(",");
  const [parsers, resets] = useMemo(() => {
    const keys = resetList.split(",").filter(Boolean);
    return [
      {
        chain: parseAsString,
        range: parseAsString,
        from: parseAsString,
        to: parseAsString,
        ...Object.fromEntries(keys.map((k) => [k, parseAsString])),
      },
      Object.fromEntries(keys.map((k) => [k, null])),
    ];
  }, [resetList]);
  const [state, setState] = useQueryStates(parsers, { shallow: false, history: "push", startTransition });
  const custom = state.from !== null || state.to !== null;
  const current = custom ? "custom" : (state.range ?? defaultRange);
  const chainSelectId = useId();

  return (
    <div
      role="toolbar"
      aria-label="View filters"
      aria-busy={pending || undefined}
      className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2"
    >
      <div className="flex flex-col gap-0.5">
        <label htmlFor={chainSelectId} className="text-xs font-medium text-slate-600">
          Chain
        </label>
        <select
          id={chainSelectId}
          value={state.chain ?? ""}
          onChange={(e) => void setState({ chain: e.target.value === "" ? null : e.target.value, ...resets })}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          <option value="">All chains</option>
          {chains.map((c) => (
            <option key={c.chainId} value={String(c.chainId)}>
              {c.name} ({c.chainId})
            </option>
          ))}
          {state.chain !== null && !chains.some((c) => String(c.chainId) === state.chain) ? (
            <option value={state.chain}>Unknown: {state.chain.slice(0, 20)}</option>
          ) : null}
        </select>
      </div>
      {showRange ? (
        <>
          <div role="group" aria-label="Date range" className="flex flex-wrap gap-1">
            {RANGE_PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={current === p}
                title={RANGE_LABELS[p]}
                onClick={() => void setState({ range: p, from: null, to: null, ...resets })}
                className={cn(button, current === p ? active : idle)}
              >
                {p === "ytd" ? "YTD" : p === "all" ? "All" : p}
              </button>
            ))}
          </div>
          <CustomRange
            key={`${state.from ?? ""}|${state.to ?? ""}`}
            from={state.from}
            to={state.to}
            onApply={(from, to) => void setState({ range: null, from, to, ...resets })}
          />
        </>
      ) : null}
      <p aria-live="polite" className="min-w-16 text-xs text-slate-500">
        {pending ? "Updating…" : ""}
      </p>
    </div>
  );
}

function CustomRange({
  from,
  to,
  onApply,
}: {
  from: string | null;
  to: string | null;
  onApply: (from: string | null, to: string | null) => void;
}) {
  const [draft, setDraft] = useState({ from: from ?? "", to: to ?? "" });
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (draft.from === "" && draft.to === "") return setError("Pick a start date, an end date or both.");
    if (draft.from !== "" && draft.to !== "" && draft.from > draft.to) {
      return setError("The start date must be on or before the end date.");
    }
    setError(null);
    onApply(draft.from || null, draft.to || null);
  }

  return (
    <form onSubmit={submit} aria-label="Custom date range" className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-from`} className="text-xs font-medium text-slate-600">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
          className="rounded border border-slate-300 px-2 py-0.5 text-sm"
        />
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-to`} className="text-xs font-medium text-slate-600">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          className="rounded border border-slate-300 px-2 py-0.5 text-sm"
        />
      </div>
      <button type="submit" className={cn(button, from !== null || to !== null ? active : idle)}>
        Apply range
      </button>
      {error ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
