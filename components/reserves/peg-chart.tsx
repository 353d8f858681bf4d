"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** One display period: deviations in centi-bps as decimal strings (exact; Numbers only for geometry). */
export type PegChartPoint = { x: string; avg: string | null; worst: string | null };

/** ±10, ±50 (R14 high) and ±200 bps (R14 severe) bands around the peg. */
const BANDS = [
  { bps: 200, fill: "#fee2e2" },
  { bps: 50, fill: "#fef3c7" },
  { bps: 10, fill: "#dcfce7" },
];

const bps = (c: string | null) => (c === null ? null : Number(c) / 100);

/** USD1's deviation from 1.00 in basis points, period average and worst 5-minute TWAP, with bands. */
export function PegChart({
  data,
  ariaLabel,
  height = 240,
}: {
  data: PegChartPoint[];
  ariaLabel: string;
  height?: number;
}) {
  const rows = data.map((p) => ({ x: p.x, avg: bps(p.avg), worst: bps(p.worst) }));
  const extreme = Math.max(60, ...rows.flatMap((r) => [Math.abs(r.avg ?? 0), Math.abs(r.worst ?? 0)]));
  const limit = Math.ceil(Math.min(extreme, 1000) / 10) * 10 + 10;
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{ariaLabel}</figcaption>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {BANDS.map((b) => (
            <ReferenceArea
              key={b.bps}
              y1={-b.bps}
              y2={b.bps}
              fill={b.fill}
              fillOpacity={0.6}
              ifOverflow="hidden"
            />
          ))}
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="x" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis
            tick={{ fontSize: 11 }}
            width={56}
            domain={[-limit, limit]}
            allowDataOverflow
            tickFormatter={(n: number) => `${n} bps`}
          />
          <Tooltip formatter={(v) => (v === null || v === undefined ? "–" : `${Number(v).toFixed(2)} bps`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="avg"
            name="TWAP deviation"
            stroke="#0072B2"
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="worst"
            name="Worst 5-min TWAP"
            stroke="#D55E00"
            dot={false}
            strokeDasharray="4 2"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
