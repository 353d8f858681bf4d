"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  formatAxisTick,
  formatChartValue,
  seriesColor,
  toChartNumber,
  type ChartPoint,
  type ChartSeries,
  type ChartValueKind,
} from "./chart-data";

export type TimeSeriesChartProps = {
  data: ChartPoint[];
  series: ChartSeries[];
  kind: "area" | "bar" | "line";
  stacked?: boolean;
  valueKind?: ChartValueKind;
  /** Describes the chart for screen readers; the numbers themselves are in the table below it. */
  ariaLabel: string;
  height?: number;
};

type Row = { x: string; raw: Record<string, string> } & Record<
  string,
  number | string | Record<string, string>
>;

function TooltipBody({
  active,
  label,
  series,
  row,
  valueKind,
}: {
  active: boolean;
  label: string;
  series: ChartSeries[];
  row: Row | undefined;
  valueKind: ChartValueKind;
}) {
  if (!active || !row) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <p className="font-medium text-slate-900">{label}</p>
      {series.map((s, i) => (
        <p key={s.key} className="flex justify-between gap-3 tabular-nums">
          <span style={{ color: seriesColor(series, i) }}>{s.label}</span>
          <span>{formatChartValue(row.raw[s.key] ?? "0", valueKind)}</span>
        </p>
      ))}
    </div>
  );
}

/** Area, bar or line chart over an x axis of labels (usually UTC days), one series per key. */
export function TimeSeriesChart({
  data,
  series,
  kind,
  stacked = false,
  valueKind = "usd1",
  ariaLabel,
  height = 260,
}: TimeSeriesChartProps) {
  const rows: Row[] = data.map((p) => {
    const row: Row = { x: p.x, raw: p.values };
    for (const s of series) row[s.key] = toChartNumber(p.values[s.key] ?? "0", valueKind);
    return row;
  });
  const byX = new Map(rows.map((r) => [r.x, r]));
  // Recharts sorts legend items by label unless told otherwise; the series order carries meaning
  // (severe → low, chains as configured), so the legend keeps it.
  const seriesIndex = new Map(series.map((s, i) => [s.key, i]));
  const Chart = kind === "area" ? AreaChart : kind === "bar" ? BarChart : LineChart;
  const common = {
    xAxis: <XAxis dataKey="x" tick={{ fontSize: 11 }} minTickGap={16} />,
    yAxis: (
      <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={(n: number) => formatAxisTick(n, valueKind)} />
    ),
  };
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{ariaLabel}</figcaption>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <Chart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {common.xAxis}
          {common.yAxis}
          <Tooltip
            content={({ active, label }) => (
              <TooltipBody
                active={Boolean(active)}
                label={String(label ?? "")}
                series={series}
                row={byX.get(String(label ?? ""))}
                valueKind={valueKind}
              />
            )}
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => seriesIndex.get(String(item.dataKey)) ?? series.length}
          />
          {series.map((s, i) => {
            const color = seriesColor(series, i);
            const stackId = stacked ? "stack" : undefined;
            if (kind === "area") {
              return (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stackId={stackId}
                  stroke={color}
                  fill={color}
                  fillOpacity={0.25}
                  isAnimationActive={false}
                />
              );
            }
            if (kind === "bar") {
              return (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stackId={stackId}
                  fill={color}
                  isAnimationActive={false}
                />
              );
            }
            return (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={color}
                dot={false}
                isAnimationActive={false}
              />
            );
          })}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}
