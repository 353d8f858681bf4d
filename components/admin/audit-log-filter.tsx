import Link from "next/link";
import { Card } from "@/components/ui/card";
import { AUDIT_ACTIONS } from "@/db/schema/audit";
import type { AuditFilter } from "@/lib/validators/auth";

const field = "mt-1 block rounded border border-slate-300 px-2 py-1 text-sm";

/** A plain GET form: the filter lives in the URL (shareable, back button works). */
export function AuditLogFilter({ filter }: { filter: AuditFilter }) {
  return (
    <Card id="audit-filter" title="Filter" className="mb-4">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="text-sm font-medium text-slate-800">
          Action
          <select name="action" defaultValue={filter.action ?? ""} className={field}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          Actor email contains
          <input name="actor" defaultValue={filter.actor ?? ""} className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          Target contains
          <input name="target" defaultValue={filter.target ?? ""} className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          From
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          To
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={field} />
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
          Filter
        </button>
        <Link href="/admin/audit" className="py-1.5 text-sm text-sky-700 underline">
          Clear
        </Link>
      </form>
    </Card>
  );
}
