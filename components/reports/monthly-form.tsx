import { Card } from "@/components/ui/card";
import type { ChainRef } from "@/db/queries/overview";
import { REPORTS_CARDS } from "./cards";

export type ReportsMonthlyFormProps = {
  chains: readonly ChainRef[];
  /** "YYYY-MM" offered first (the last complete month with data). */
  defaultMonth: string;
  /** "YYYY-MM": the latest month that may be asked for (the current one). */
  maxMonth: string;
  /** Months with rolled-up data, newest first (shown as a hint). */
  monthsWithData: readonly string[];
};

const FIELD = "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";

/**
 * A plain GET form to the PDF route: it works without JavaScript, and the browser downloads
 * the file (the route answers with an attachment).
 */
export function ReportsMonthlyForm({
  chains,
  defaultMonth,
  maxMonth,
  monthsWithData,
}: ReportsMonthlyFormProps) {
  return (
    <Card
      {...REPORTS_CARDS.monthly}
      description="Supply and net issuance, reconciliation, top corridors, alerts by rule and admin events for one UTC month, from the same queries as the views. Every page carries the export id."
    >
      <form
        action="/api/exports/monthly-report"
        method="get"
        className="flex flex-wrap items-end gap-3"
        data-testid="monthly-report-form"
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Month (UTC)
          <input
            type="month"
            name="month"
            required
            defaultValue={defaultMonth}
            max={maxMonth}
            pattern="\d{4}-\d{2}"
            className={FIELD}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Chain
          <select name="chain" defaultValue="" className={FIELD}>
            <option value="">All chains</option>
            {chains.map((c) => (
              <option key={c.chainId} value={c.chainId}>
                {c.name} ({c.chainId})
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Download PDF
        </button>
      </form>
      <p className="mt-2 text-xs text-slate-500">
        {monthsWithData.length > 0
          ? `Months with finalized data: ${monthsWithData.slice(0, 12).join(", ")}${monthsWithData.length > 12 ? ", …" : ""}.`
          : "No finalized data yet: a report now would show empty tables."}{" "}
        A month without data still gives a report that says so.
      </p>
    </Card>
  );
}
