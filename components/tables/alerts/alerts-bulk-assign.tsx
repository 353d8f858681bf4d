"use client";

import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { assignAlerts } from "@/lib/actions/assign-alerts";
import type { ActionResult } from "@/lib/actions/safe-action";
import { formatCount } from "@/lib/format";

export type AssigneeChoice = { value: string; label: string };

export type AlertsBulkAssignProps = {
  /** Selected alerts on this page. */
  selected: number[];
  /** Every alert on this page (for "select all"). */
  pageIds: number[];
  onSelectAll: (all: boolean) => void;
  /** Active users with alerts:triage; "" (unassign) is added here. */
  users: AssigneeChoice[];
  /** Called after a successful assignment (the page re-renders with the new assignees). */
  onAssigned: () => void;
};

const control =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-slate-700";

/** Assigns the selected alerts to one person (or to nobody) in one audited server action. */
export function AlertsBulkAssign({
  selected,
  pageIds,
  onSelectAll,
  users,
  onAssigned,
}: AlertsBulkAssignProps) {
  const [assignee, setAssignee] = useState(users[0]?.value ?? "");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();
  const allBox = useRef<HTMLInputElement>(null);
  const all = pageIds.length > 0 && selected.length === pageIds.length;
  const some = selected.length > 0 && !all;
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = some;
  }, [some]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const alertIds = [...selected];
    startTransition(async () => {
      let r: ActionResult<unknown>;
      try {
        r = await assignAlerts(null, { alertIds, assignee });
      } catch {
        r = { ok: false, code: "unavailable", message: "The server did not answer. Try again." };
      }
      startTransition(() => setResult(r));
      if (r.ok) onAssigned();
    });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Assign selected alerts"
      aria-busy={pending || undefined}
      className="flex flex-wrap items-end gap-2 rounded border border-slate-200 bg-slate-50 px-3 py-2"
      data-testid="alerts-bulk-assign"
    >
      <label className="flex items-center gap-1.5 self-center text-sm text-slate-700">
        <input
          ref={allBox}
          type="checkbox"
          checked={all}
          disabled={pageIds.length === 0}
          onChange={(e) => onSelectAll(e.target.checked)}
        />
        Select all on this page
      </label>
      <p
        className="self-center text-sm text-slate-600"
        data-testid="alerts-selected"
        data-count={selected.length}
      >
        {formatCount(selected.length, "alert")} selected
      </p>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-to`} className="text-xs font-medium text-slate-600">
          Assign to
        </label>
        <select
          id={`${id}-to`}
          className={control}
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
        >
          {users.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
          <option value="">Nobody (unassign)</option>
        </select>
      </div>
      <button type="submit" className={control} disabled={pending || selected.length === 0}>
        {pending ? "Assigning…" : `Assign ${formatCount(selected.length, "alert")}`}
      </button>
      <p
        role={result && !result.ok ? "alert" : "status"}
        className={
          result && !result.ok ? "self-center text-sm text-red-700" : "self-center text-sm text-emerald-800"
        }
        data-testid="alerts-assign-result"
      >
        {result?.message ?? ""}
      </p>
    </form>
  );
}
