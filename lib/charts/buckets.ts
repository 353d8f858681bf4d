// Time buckets for charts over long ranges. A view sends what a person reads: a two-year range
// drawn per day is 730 points per series (and as many table rows), so past two months the chart
// and its table go per week, past a year per month. The figures stay exact: flows are summed per
// bucket, stocks (supply) taken at the bucket's last day; only the grouping changes.

export type ChartBucket = "day" | "week" | "month";

const DAY_MS = 86_400_000;
/**
 * Longest range drawn per day (two months: a table of 62 rows), then per week up to a year (at
 * most 53). Each figure costs ~0.8 KB of page (markup, exact title and the RSC copy): the 90-day
 * preset per day made /supply 739 KiB at 10M transfers.
 */
const MAX_DAILY_DAYS = 62;
const MAX_WEEKLY_DAYS = 366;

function ms(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from first to last, both included. */
export function daysInRange(firstDay: string, lastDay: string): number {
  return Math.round((ms(lastDay) - ms(firstDay)) / DAY_MS) + 1;
}

/** The bucket a chart over these days uses. */
export function chartBucketFor(firstDay: string, lastDay: string): ChartBucket {
  const n = daysInRange(firstDay, lastDay);
  return n <= MAX_DAILY_DAYS ? "day" : n <= MAX_WEEKLY_DAYS ? "week" : "month";
}

/** First day of the bucket holding `day` ("YYYY-MM-DD"): itself, its ISO week's Monday, or the 1st. */
export function bucketStart(day: string, bucket: ChartBucket): string {
  if (bucket === "day") return day;
  if (bucket === "month") return `${day.slice(0, 7)}-01`;
  const t = ms(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return dayOf(t - weekday * DAY_MS);
}

/** The label of a bucket: the day, the week's Monday, or "YYYY-MM". */
export function bucketLabel(day: string, bucket: ChartBucket): string {
  const start = bucketStart(day, bucket);
  return bucket === "month" ? start.slice(0, 7) : start;
}

/** Every bucket's label from the one holding firstDay to the one holding lastDay, in order. */
export function bucketLabelsBetween(firstDay: string, lastDay: string, bucket: ChartBucket): string[] {
  const out: string[] = [];
  const end = ms(bucketStart(lastDay, bucket));
  for (let day = bucketStart(firstDay, bucket); ms(day) <= end; ) {
    out.push(bucketLabel(day, bucket));
    if (bucket === "month") {
      const d = new Date(ms(day));
      day = dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    } else {
      day = dayOf(ms(day) + (bucket === "week" ? 7 : 1) * DAY_MS);
    }
  }
  return out;
}

/** Column header of the x axis in a chart's data table. */
export const BUCKET_HEADERS: Record<ChartBucket, string> = {
  day: "Day (UTC)",
  week: "Week (UTC, from Monday)",
  month: "Month (UTC)",
};

/** "per UTC day" / "per week (Monday to Sunday, UTC)" / "per UTC month", for descriptions. */
export const BUCKET_PHRASES: Record<ChartBucket, string> = {
  day: "per UTC day",
  week: "per week (Monday to Sunday, UTC)",
  month: "per UTC month",
};

type Point = { x: string; values: Record<string, string> };

/**
 * Daily points (x = "YYYY-MM-DD", values decimal strings) grouped into buckets, in order: flows
 * summed ("sum"), stocks taken at the bucket's last day present ("last"). Exact (bigint).
 */
export function bucketPoints(points: readonly Point[], bucket: ChartBucket, how: "sum" | "last"): Point[] {
  if (bucket === "day") return [...points];
  const out = new Map<string, Record<string, bigint>>();
  for (const p of points) {
    const key = bucketLabel(p.x, bucket);
    const acc = how === "last" ? {} : (out.get(key) ?? {});
    for (const [k, v] of Object.entries(p.values)) acc[k] = (acc[k] ?? 0n) + BigInt(v);
    out.set(key, acc);
  }
  return [...out.entries()].map(([x, values]) => ({
    x,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.toString()])),
  }));
}
