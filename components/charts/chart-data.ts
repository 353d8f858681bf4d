// Shapes shared by the chart components and their data tables. Values are decimal strings (wei
// for USD1, plain integers for counts) so they cross the server→client boundary exactly; only
// the chart geometry turns them into Numbers (toChartNumber), at the very edge.
import { formatInt, formatUsd1, formatUsd1Compact, USD1_DECIMALS } from "@/lib/format";

export type ChartValueKind = "usd1" | "count";
export type ChartSeries = { key: string; label: string; color?: string };
/** One x position (a day "YYYY-MM-DD", a label …) and a value per series key. */
export type ChartPoint = { x: string; values: Record<string, string> };

/** Colour-blind-safe (Okabe–Ito), with enough contrast on white for lines and bars. */
export const CHART_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

export function seriesColor(series: ChartSeries[], i: number): string {
  return series[i]?.color ?? CHART_COLORS[i % CHART_COLORS.length]!;
}

const MICRO = 10n ** BigInt(USD1_DECIMALS - 6);

/** Geometry only: USD1 to 6 decimals as a Number (never used for a figure anyone reads). */
export function toChartNumber(value: string, kind: ChartValueKind): number {
  if (kind === "count") return Number(value);
  return Number(BigInt(value) / MICRO) / 1e6;
}

/** Exact figure for tooltips and tables. */
export function formatChartValue(value: string, kind: ChartValueKind): string {
  return kind === "count" ? formatInt(value) : formatUsd1(value);
}

/** Axis ticks arrive as Numbers from the chart's scale; they are labels, not figures. */
export function formatAxisTick(n: number, kind: ChartValueKind): string {
  if (kind === "count") return Number.isInteger(n) ? formatInt(n) : "";
  // Ticks are round numbers; rebuilding wei from them is exact enough for a label.
  return formatUsd1Compact(BigInt(Math.round(n * 1e6)) * MICRO);
}
