"use client";

import { useId, useState } from "react";
import type { ChartPoint, ChartSeries } from "./chart-data";
import { TimeSeriesChart } from "./time-series-chart";

export type AlertsTrendChartProps = {
  /** Alerts per bucket by severity, counts as decimal strings. */
  bySeverity: { data: ChartPoint[]; series: ChartSeries[] };
  /** Alerts per bucket by rule (only the rules with alerts in the range). */
  byRule: { data: ChartPoint[]; series: ChartSeries[] };
  /** "day" or "week", for the chart's description. */
  bucket: string;
};

const button =
  "rounded border px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-700";

/**
 * Stacked bars of alerts per day (or week), by severity or by rule. The switch is presentation
 * only (both datasets are on the page, in the numbers tables too), so it stays in the browser.
 */
export function AlertsTrendChart({ bySeverity, byRule, bucket }: AlertsTrendChartProps) {
  const [by, setBy] = useState<"severity" | "rule">("severity");
  const shown = by === "severity" ? bySeverity : byRule;
  const id = useId();
  return (
    <div className="space-y-2">
      <div role="group" aria-labelledby={`${id}-by`} className="flex items-center gap-1">
        <span id={`${id}-by`} className="mr-1 text-xs font-medium text-slate-600">
          Break down by
        </span>
        {(["severity", "rule"] as const).map((b) => (
          <button
            key={b}
            type="button"
            aria-pressed={by === b}
            onClick={() => setBy(b)}
            className={
              by === b
                ? `${button} border-slate-800 bg-slate-800 text-white`
                : `${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-50`
            }
          >
            {b === "severity" ? "Severity" : "Rule"}
          </button>
        ))}
      </div>
      <TimeSeriesChart
        key={by}
        data={shown.data}
        series={shown.series}
        kind="bar"
        stacked
        valueKind="count"
        ariaLabel={`Alerts per ${bucket} by ${by}: chart; the numbers are in the tables below.`}
      />
    </div>
  );
}
