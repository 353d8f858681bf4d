// The "inbound by source country" chart: one stacked series per large sender, the rest pooled
// as "Other", and unattributed volume always on its own (never folded into a country).
import { UNATTRIBUTED } from "@/db/schema/rollups";
import type { InboundPoint } from "@/db/queries/corridors";
import { bucketLabel, bucketLabelsBetween, type ChartBucket } from "@/lib/charts/buckets";

export const OTHER_SERIES = "other";

export type InboundChart = {
  /** Series keys in stack order: top countries, "other", then "ZZ". */
  keys: string[];
  /**
   * Every bucket (day, or the week's Monday, or "YYYY-MM") from the first to the last in the data,
   * gaps filled with zero; wei strings.
   */
  points: { x: string; values: Record<string, string> }[];
  /** Per series: adjusted transfers and volume over the range. */
  totals: Map<string, { count: number; volume: bigint }>;
};

/** Five countries + "other" + unattributed = seven series, one per chart colour. */
export function buildInboundChart(
  points: readonly InboundPoint[],
  maxCountries = 5,
  bucket: ChartBucket = "day",
): InboundChart {
  const byCountry = new Map<string, bigint>();
  for (const p of points) {
    if (p.originCountry !== UNATTRIBUTED) {
      byCountry.set(p.originCountry, (byCountry.get(p.originCountry) ?? 0n) + p.adjustedVolume);
    }
  }
  const ranked = [...byCountry.entries()]
    .sort(([a, va], [b, vb]) => (va === vb ? a.localeCompare(b) : va > vb ? -1 : 1))
    .map(([c]) => c);
  const top = new Set(ranked.slice(0, maxCountries));
  const seriesOf = (origin: string) =>
    origin === UNATTRIBUTED ? UNATTRIBUTED : top.has(origin) ? origin : OTHER_SERIES;
  const keys = [
    ...ranked.slice(0, maxCountries),
    ...(ranked.length > maxCountries ? [OTHER_SERIES] : []),
    ...(points.some((p) => p.originCountry === UNATTRIBUTED) ? [UNATTRIBUTED] : []),
  ];

  const perDay = new Map<string, Map<string, bigint>>();
  const totals = new Map<string, { count: number; volume: bigint }>();
  for (const p of points) {
    const key = seriesOf(p.originCountry);
    const x = bucketLabel(p.day, bucket);
    const day = perDay.get(x) ?? new Map<string, bigint>();
    day.set(key, (day.get(key) ?? 0n) + p.adjustedVolume);
    perDay.set(x, day);
    const t = totals.get(key) ?? { count: 0, volume: 0n };
    totals.set(key, { count: t.count + p.adjustedCount, volume: t.volume + p.adjustedVolume });
  }
  const days = points.map((p) => p.day).sort();
  const first = days[0];
  const last = days.at(-1);
  const allDays = first && last ? bucketLabelsBetween(first, last, bucket) : [];
  return {
    keys,
    totals,
    points: allDays.map((x) => ({
      x,
      values: Object.fromEntries(keys.map((k) => [k, (perDay.get(x)?.get(k) ?? 0n).toString()])),
    })),
  };
}
