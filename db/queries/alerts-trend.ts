// Alert counts over time for the /alerts chart and its summary: the same filter as the list
// (alertFilterWhere), so the chart, the severity and rule totals and the table's count agree.
import { sql } from "drizzle-orm";
import { bucketStart, chartBucketFor, type ChartBucket } from "@/lib/charts/buckets";
import type { Db, Tx } from "../client";
import { RULE_IDS, SEVERITIES, type RuleId, type Severity } from "../schema/monitoring";
import { alertFilterWhere, type AlertFilter } from "./alerts-list";
import { rowsOf } from "./sql-arrays";

const DAY_MS = 86_400_000;

export type AlertTrendPoint = {
  /** First UTC day of the bucket ("YYYY-MM-DD"); weeks start on Monday (ISO 8601), months on the 1st. */
  start: string;
  bySeverity: Record<Severity, number>;
  byRule: Record<RuleId, number>;
};

export type AlertTrend = {
  bucket: ChartBucket;
  /** Every bucket from the range's first to its last, empty ones included (zeros). */
  points: AlertTrendPoint[];
  total: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<RuleId, number>;
};

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The first day of the bucket after the one starting on `start`. */
function nextBucket(start: string, bucket: ChartBucket): string {
  if (bucket !== "month") return dayOf(msOf(start) + (bucket === "week" ? 7 : 1) * DAY_MS);
  const d = new Date(msOf(start));
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/**
 * Alerts per UTC day, ISO week or month (lib/charts/buckets: per day up to a quarter, per week up
 * to a year, per month past it, so two years send 25 points, not 105 weeks) by severity and by
 * rule. The range is the filter's since/until; an open end is where the matching alerts start or
 * stop. Counted per day in SQL (a few rows per day), buckets summed here.
 */
export async function countAlertsOverTime(db: Db | Tx, filter: AlertFilter): Promise<AlertTrend> {
  const result = await db.execute(sql`select to_char(al.block_time at time zone 'UTC', 'YYYY-MM-DD') as day,
      al.severity, al.rule_id as "ruleId", count(*)::int as n
    from alerts al where ${alertFilterWhere(filter)}
    group by 1, 2, 3 order by 1`);
  const rows = rowsOf<{ day: string; severity: Severity; ruleId: RuleId; n: number | string }>(result);
  const trend: AlertTrend = {
    bucket: "day",
    points: [],
    total: 0,
    bySeverity: zeros(SEVERITIES),
    byRule: zeros(RULE_IDS),
  };
  const first = filter.since ? dayOf(filter.since.getTime()) : rows[0]?.day;
  const last = filter.until ? dayOf(filter.until.getTime() - 1) : rows[rows.length - 1]?.day;
  if (first === undefined || last === undefined || first > last) return trend;
  trend.bucket = chartBucketFor(first, last);
  const bucket = trend.bucket;
  const bucketOf = (day: string) => bucketStart(day, bucket);
  const byStart = new Map<string, AlertTrendPoint>();
  for (let start = bucketOf(first); start <= last; start = nextBucket(start, bucket)) {
    const point = { start, bySeverity: zeros(SEVERITIES), byRule: zeros(RULE_IDS) };
    byStart.set(point.start, point);
    trend.points.push(point);
  }
  for (const r of rows) {
    const point = byStart.get(bucketOf(r.day));
    // Every row is inside the range (its bounds are the filter's or the rows' own).
    if (!point) continue;
    const n = Number(r.n);
    point.bySeverity[r.severity] += n;
    point.byRule[r.ruleId] += n;
    trend.bySeverity[r.severity] += n;
    trend.byRule[r.ruleId] += n;
    trend.total += n;
  }
  return trend;
}
