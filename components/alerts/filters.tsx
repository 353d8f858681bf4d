"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useId, useTransition } from "react";
import { AmountRangeForm } from "@/components/shell/amount-range-form";
import { cn } from "@/components/ui/cn";

export type FilterOption = { value: string; label: string };

export type AlertsFilterOptions = {
  rules: FilterOption[];
  severities: FilterOption[];
  /** Single statuses (the "live" default and "all" are added here). */
  statuses: FilterOption[];
  users: FilterOption[];
  entities: FilterOption[];
  countries: FilterOption[];
};

const control =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-slate-700";
const KEYS = [
  "rule",
  "severity",
  "status",
  "assignee",
  "origin",
  "destination",
  "entity",
  "min",
  "max",
] as const;
type Key = (typeof KEYS)[number];
const parsers = Object.fromEntries([...KEYS, "page"].map((k) => [k, parseAsString])) as Record<
  Key | "page",
  typeof parseAsString
>;

/**
 * The alerts view's own filters, in the URL with a server round trip. DataTable's select filters
 * always offer "All" as the empty value, but here the empty status means the live queue, so the
 * view keeps its filters in this bar. Values go to the server as chosen or typed: it validates them.
 */
export function AlertsFilters({ options }: { options: AlertsFilterOptions }) {
  const [pending, startTransition] = useTransition();
  const [url, setUrl] = useQueryStates(parsers, { shallow: false, history: "push", startTransition });
  const set = (patch: Partial<Record<Key, string | null>>) => void setUrl({ ...patch, page: null });
  const selects: { key: Key; label: string; empty: string; options: FilterOption[] }[] = [
    { key: "rule", label: "Rule", empty: "All rules", options: options.rules },
    { key: "severity", label: "Severity", empty: "All severities", options: options.severities },
    {
      key: "status",
      label: "Status",
      empty: "Live (open, in review, escalated)",
      options: [{ value: "all", label: "All statuses" }, ...options.statuses],
    },
    {
      key: "assignee",
      label: "Assignee",
      empty: "Anyone",
      options: [{ value: "me", label: "Me" }, { value: "unassigned", label: "Unassigned" }, ...options.users],
    },
    { key: "origin", label: "Origin", empty: "Any origin", options: options.countries },
    { key: "destination", label: "Destination", empty: "Any destination", options: options.countries },
    { key: "entity", label: "Entity", empty: "Any entity", options: options.entities },
  ];
  const active = KEYS.some((k) => url[k] !== null);
  const id = useId();
  return (
    <div
      role="group"
      aria-label="Alert filters"
      aria-busy={pending || undefined}
      className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2"
    >
      {selects.map((s) => {
        const value = url[s.key] ?? "";
        const known = value === "" || s.options.some((o) => o.value === value);
        return (
          <div key={s.key} className="flex flex-col gap-0.5">
            <label htmlFor={`${id}-${s.key}`} className="text-xs font-medium text-slate-600">
              {s.label}
            </label>
            <select
              id={`${id}-${s.key}`}
              className={cn(control, "max-w-56")}
              value={value}
              onChange={(e) => set({ [s.key]: e.target.value === "" ? null : e.target.value })}
            >
              <option value="">{s.empty}</option>
              {s.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {known ? null : <option value={value}>Unknown: {value.slice(0, 20)}</option>}
            </select>
          </div>
        );
      })}
      <AmountRangeForm
        key={`${url.min ?? ""}|${url.max ?? ""}`}
        min={url.min}
        max={url.max}
        onApply={(min, max) => set({ min, max })}
      />
      {active ? (
        <button
          type="button"
          className={control}
          onClick={() => set(Object.fromEntries(KEYS.map((k) => [k, null])))}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
