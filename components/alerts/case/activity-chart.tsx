"use client";

// Daily received and sent of the alert's subject, with the alert's day marked. Values arrive as
// wei strings; only the bar geometry becomes Numbers (toChartNumber). The exact figures are in
// the table beside it (activity.tsx).
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  CHART_COLORS,
  formatAxisTick,
  formatChartValue,
  toChartNumber,
} from "@/components/charts/chart-data";

export type ActivityPoint = {
  day: string;
  inAmount: string;
  outAmount: string;
  inCount: number;
  outCount: number;
};

export function AlertActivityChart({
  data,
  alertDay,
  ariaLabel,
}: {
  data: ActivityPoint[];
  alertDay: string;
  ariaLabel: string;
}) {
  const rows = data.map((p) => ({
    ...p,
    received: toChartNumber(p.inAmount, "usd1"),
    sent: toChartNumber(p.outAmount, "usd1"),
  }));
  const byDay = new Map(data.map((p) => [p.day, p]));
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{ariaLabel}</figcaption>
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 600, height: 220 }}>
        <BarChart data={rows} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tick={{ fontSize: 11 }}
            minTickGap={16}
            tickFormatter={(d: string) => d.slice(5)}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            width={64}
            tickFormatter={(n: number) => formatAxisTick(n, "usd1")}
          />
          <Tooltip
            content={({ active, label }) => {
              const p = active ? byDay.get(String(label ?? "")) : undefined;
              if (!p) return null;
              return (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  <p className="font-medium text-slate-900">{p.day}</p>
                  <p className="tabular-nums">
                    Received {formatChartValue(p.inAmount, "usd1")} ({p.inCount})
                  </p>
                  <p className="tabular-nums">
                    Sent {formatChartValue(p.outAmount, "usd1")} ({p.outCount})
                  </p>
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine
            x={alertDay}
            stroke="#b91c1c"
            strokeDasharray="4 2"
            label={{ value: "alert", position: "top", fontSize: 11, fill: "#b91c1c" }}
          />
          <Bar dataKey="received" name="Received" fill={CHART_COLORS[0]} isAnimationActive={false} />
          <Bar dataKey="sent" name="Sent" fill={CHART_COLORS[1]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
