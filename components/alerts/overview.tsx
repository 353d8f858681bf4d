import Link from "next/link";
import { AlertsTrendChart } from "@/components/charts/alerts-trend-chart";
import { ChartCard, ChartDataTable } from "@/components/charts/chart-card";
import type { ChartPoint, ChartSeries } from "@/components/charts/chart-data";
import { SEVERITY_LABELS } from "@/components/ui/alert-badges";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { getReadDb } from "@/db";
import type { AlertFilter } from "@/db/queries/alerts-list";
import { countAlertsOverTime, type AlertTrend } from "@/db/queries/alerts-trend";
import { RULE_IDS, SEVERITIES, type RuleId, type Severity } from "@/db/schema/monitoring";
import { formatInt } from "@/lib/format";
import type { SearchParams } from "@/lib/validators/view-params";

export const ALERTS_SUMMARY_CARD = { id: "alerts-summary", title: "Alerts by severity and rule" } as const;
export const ALERTS_TREND_CARD = {
  id: "alerts-trend",
  title: "Alerts by severity / by rule over time",
} as const;

/** Okabe–Ito, hottest first, so the stack reads severe → low. */
const SEVERITY_COLORS: Record<Severity, string> = {
  severe: "#D55E00",
  high: "#E69F00",
  medium: "#0072B2",
  low: "#56B4E9",
};

/** The view's URL with some keys changed (and the page reset): summary figures drill down. */
function hrefWith(sp: SearchParams, patch: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [key, raw] of Object.entries(sp)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && key !== "page") q.set(key, value);
  }
  for (const [key, value] of Object.entries(patch)) q.set(key, value);
  return `/alerts?${q.toString()}`;
}

function chartData(trend: AlertTrend, ruleNames: Record<RuleId, string>) {
  const bySeverity: { data: ChartPoint[]; series: ChartSeries[] } = {
    series: SEVERITIES.map((s) => ({ key: s, label: SEVERITY_LABELS[s], color: SEVERITY_COLORS[s] })),
    data: trend.points.map((p) => ({
      x: p.start,
      values: Object.fromEntries(SEVERITIES.map((s) => [s, String(p.bySeverity[s])])),
    })),
  };
  const rules = RULE_IDS.filter((r) => trend.byRule[r] > 0);
  const byRule: { data: ChartPoint[]; series: ChartSeries[] } = {
    series: rules.map((r) => ({ key: r, label: `${r} ${ruleNames[r]}` })),
    data: trend.points.map((p) => ({
      x: p.start,
      values: Object.fromEntries(rules.map((r) => [r, String(p.byRule[r])])),
    })),
  };
  return { bySeverity, byRule };
}

export type AlertsOverviewProps = {
  filter: AlertFilter;
  sp: SearchParams;
  ruleNames: Record<RuleId, string>;
};

/** Counts by severity and by rule for the filter, and the same counts over time (chart + tables). */
export async function AlertsOverview({ filter, sp, ruleNames }: AlertsOverviewProps) {
  const trend = await countAlertsOverTime(await getReadDb(), filter);
  const { bySeverity, byRule } = chartData(trend, ruleNames);
  const xLabel =
    trend.bucket === "month"
      ? "Month from (UTC)"
      : trend.bucket === "week"
        ? "Week from (Monday, UTC)"
        : "Day (UTC)";
  const rules = RULE_IDS.filter((r) => trend.byRule[r] > 0);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card {...ALERTS_SUMMARY_CARD} description="For the filters above. Pick one to narrow the list.">
        <dl className="grid grid-cols-3 gap-3" data-testid="alerts-severity-counts">
          <Stat label="Total">
            <span data-testid="alerts-summary-total" data-count={trend.total}>
              {formatInt(trend.total)}
            </span>
          </Stat>
          {SEVERITIES.map((s) => (
            <Stat key={s} label={SEVERITY_LABELS[s]}>
              <Link
                href={hrefWith(sp, { severity: s })}
                className="text-sky-800 hover:underline"
                data-testid={`alerts-severity-${s}`}
                data-count={trend.bySeverity[s]}
              >
                {formatInt(trend.bySeverity[s])}
              </Link>
            </Stat>
          ))}
        </dl>
        <h3 className="mt-4 text-xs font-medium text-slate-500">By rule</h3>
        {rules.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No alerts.</p>
        ) : (
          <ul className="mt-1 space-y-0.5 text-sm" data-testid="alerts-rule-counts">
            {rules.map((r) => (
              <li key={r} className="flex justify-between gap-2">
                <Link href={hrefWith(sp, { rule: r })} className="text-sky-800 hover:underline">
                  {r} {ruleNames[r]}
                </Link>
                <span className="tabular-nums" data-testid={`alerts-rule-${r}`} data-count={trend.byRule[r]}>
                  {formatInt(trend.byRule[r])}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="lg:col-span-2">
        <ChartCard
          {...ALERTS_TREND_CARD}
          description={`Alerts per ${trend.bucket} (UTC, trigger block time), for the filters above.`}
          empty={
            trend.total === 0 ? "No alert matches these filters, so there is nothing to plot." : undefined
          }
          chart={<AlertsTrendChart bySeverity={bySeverity} byRule={byRule} bucket={trend.bucket} />}
          table={
            <div className="space-y-4">
              {[
                { caption: `Alerts by severity per ${trend.bucket}`, ...bySeverity },
                { caption: `Alerts by rule per ${trend.bucket}`, ...byRule },
              ].map((t) => (
                <ChartDataTable
                  key={t.caption}
                  {...t}
                  xLabel={xLabel}
                  valueKind="count"
                  totalLabel="Total"
                  showCaption
                  scrollRegion
                />
              ))}
            </div>
          }
        />
      </div>
    </div>
  );
}
