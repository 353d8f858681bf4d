// The monthly report's Reserves & peg section, from the Reserves & peg view's own queries and
// math: the collateral ratio per UTC day (getCollateralSeries, as on the page and in the
// collateral export), each feed's reports (staleness), each pool's 5-minute TWAP buckets
// (getPoolBuckets, as the peg export and R14 use them) and the month's R13/R14 alerts. Plain
// serializable data: wei, 1e18 ratios and centi-bps as decimal strings, durations in seconds.
import type { Db } from "@/db/client";
import { countMarketAlertsBySeverity } from "@/db/queries/exports-report";
import { floorBucket, foldBuckets, getPoolBuckets, listPegPools } from "@/db/queries/peg";
import { getCollateralSeries, getSourceReportTimes, type CollateralPoint } from "@/db/queries/reserves";
import { SEVERITIES } from "@/db/schema/monitoring";
import { RULES } from "@/lib/monitoring/rules";
import { breaches, type PegBucket } from "@/lib/reserves/math";

/** The bands the report counts time at or beyond (R14's defaults: depeg 50 bps, severe 200 bps). */
export const PEG_BANDS_BPS = [50, 200] as const;

const DAY_MS = 86_400_000;
const secondsOf = (d: Date) => Math.floor(d.getTime() / 1000);
const iso = (s: number) => new Date(s * 1000).toISOString();

export type CollateralAt = {
  /** The UTC day whose close this is. */
  day: string;
  reservesWei: string | null;
  /** When the reserve figure holds (feed's reported time or the attestation day's close). */
  reservesAt: string | null;
  reservesSource: string | null;
  supplyWei: string;
  indexedSupplyWei: string;
  enteredSupplyWei: string;
  /** reserves / native supply, 1e18 fixed point rounded down; null without reserves or supply. */
  ratioE18: string | null;
  /** indexed / native supply, 1e18 fixed point rounded down; null without supply. */
  coverageE18: string | null;
  underCollateralised: boolean | null;
};

export type LongestGap = {
  seconds: number;
  from: string;
  to: string;
  /** No report ended it: the feed was still silent at the end of the window. */
  open: boolean;
};

export type PoolMonth = {
  chainId: number;
  address: string;
  label: string;
  quoteSymbol: string;
  /** Lowest and highest 5-minute TWAP deviation (centi-bps, truncated toward zero) and the bucket's start. */
  minCentiBps: string | null;
  minAt: string | null;
  maxCentiBps: string | null;
  maxAt: string | null;
  /** Priced seconds of the month whose 5-minute TWAP was at least 50 / 200 bps off the peg. */
  secondsBeyond50: number;
  secondsBeyond200: number;
  /** Seconds of the month with a known price. */
  pricedSeconds: number;
  /** In-range liquidity at the end of the month's last bucket (the pool's raw L, not wei). */
  liquidityEnd: string | null;
  swaps: number;
  /** Worst 5-minute deviation per UTC day (chart). */
  daily: { day: string; worstCentiBps: string | null }[];
};

export type ReservesSectionData = {
  collateral: {
    /** The close of the day before the month: the position the month started from. */
    start: CollateralAt | null;
    /** The close of the month's last day (or of the generation day while the month runs). */
    end: CollateralAt | null;
    /** The lowest daily close in the month (the earliest on a tie). */
    min: CollateralAt | null;
    /** Days of the month that closed under-collateralised (reserves < supply, exactly). */
    daysUnder: number;
    daily: { day: string; ratioE18: string | null }[];
  };
  sources: {
    chainId: number;
    address: string;
    label: string;
    reports: number;
    /** Null: the feed had not reported by the end of the window. */
    longestGap: LongestGap | null;
  }[];
  /** Until this instant (the month's end, or the last whole 5 minutes before generation). */
  windowEnd: string;
  pools: PoolMonth[];
  /** Null when the alerts table does not exist. */
  alerts: null | {
    severities: string[];
    rows: { ruleId: "R13" | "R14"; title: string; counts: Record<string, number>; total: number }[];
  };
};

/**
 * The longest stretch of [since, end) without a new report (unix seconds). A feed that reported
 * before `since` is counted from `since`; one that started in the window, from its first report.
 * The last stretch runs to `end` (open). Ties keep the earliest. Null when the feed never reported.
 */
export function longestGap(
  before: number | null,
  times: readonly number[],
  since: number,
  end: number,
): LongestGap | null {
  const inWindow = times.filter((t) => t >= since && t < end);
  let prev = before !== null ? since : inWindow[0];
  if (prev === undefined) return null;
  let best: LongestGap | null = null;
  const marks = [...inWindow, end];
  marks.forEach((t, i) => {
    const seconds = t - prev!;
    if (best === null || seconds > best.seconds) {
      best = { seconds, from: iso(prev!), to: iso(t), open: i === marks.length - 1 };
    }
    prev = t;
  });
  return best;
}

/** Min / max deviation, time at or beyond the bands, and closing liquidity of a pool's buckets. */
export function summarisePegBuckets(
  buckets: readonly PegBucket[],
): Omit<PoolMonth, "chainId" | "address" | "label" | "quoteSymbol"> {
  let min: PegBucket | null = null;
  let max: PegBucket | null = null;
  let beyond50 = 0;
  let beyond200 = 0;
  let priced = 0;
  let swaps = 0;
  for (const b of buckets) {
    swaps += b.swaps;
    const d = b.deviationCentiBps;
    if (d === null) continue;
    priced += b.coveredSeconds;
    if (min === null || d < min.deviationCentiBps!) min = b;
    if (max === null || d > max.deviationCentiBps!) max = b;
    if (breaches(d, PEG_BANDS_BPS[0])) beyond50 += b.coveredSeconds;
    if (breaches(d, PEG_BANDS_BPS[1])) beyond200 += b.coveredSeconds;
  }
  const last = buckets[buckets.length - 1];
  return {
    minCentiBps: min?.deviationCentiBps?.toString() ?? null,
    minAt: min ? iso(min.start) : null,
    maxCentiBps: max?.deviationCentiBps?.toString() ?? null,
    maxAt: max ? iso(max.start) : null,
    secondsBeyond50: beyond50,
    secondsBeyond200: beyond200,
    pricedSeconds: priced,
    liquidityEnd: last?.liquidity?.toString() ?? null,
    swaps,
    daily: foldBuckets(buckets, 86_400).map((p) => ({
      day: iso(p.start).slice(0, 10),
      worstCentiBps: p.worstCentiBps?.toString() ?? null,
    })),
  };
}

function collateralAt(p: CollateralPoint): CollateralAt {
  return {
    day: p.day,
    reservesWei: p.reserves?.reservesWei.toString() ?? null,
    reservesAt: p.reserves?.at.toISOString() ?? null,
    reservesSource: p.reserves ? `${p.reserves.label} (${p.reserves.kind})` : null,
    supplyWei: p.supplyWei.toString(),
    indexedSupplyWei: p.indexedSupplyWei.toString(),
    enteredSupplyWei: p.enteredSupplyWei.toString(),
    ratioE18: p.ratioE18?.toString() ?? null,
    coverageE18: p.coverageE18?.toString() ?? null,
    underCollateralised: p.underCollateralised,
  };
}

export type LoadReservesSectionParams = {
  fromDay: string;
  toDay: string;
  since: Date;
  until: Date;
  chainId?: number | undefined;
  generatedAt: Date;
};

export async function loadReservesSection(
  db: Db,
  p: LoadReservesSectionParams,
): Promise<ReservesSectionData> {
  const dayBefore = new Date(p.since.getTime() - DAY_MS).toISOString().slice(0, 10);
  const today = p.generatedAt.toISOString().slice(0, 10);
  const series = await getCollateralSeries(db, { fromDay: dayBefore, toDay: p.toDay, today });
  const month = series.filter((c) => c.day >= p.fromDay);
  let min: CollateralPoint | null = null;
  for (const c of month) {
    if (c.ratioE18 !== null && (min === null || c.ratioE18 < min.ratioE18!)) min = c;
  }
  const start = series.find((c) => c.day === dayBefore);
  const end = month[month.length - 1];

  // Whole 5-minute buckets only: a month still running ends at the last complete bucket.
  const untilS = secondsOf(p.until);
  const endS = Math.max(secondsOf(p.since), Math.min(untilS, floorBucket(secondsOf(p.generatedAt))));
  const sources = await getSourceReportTimes(db, {
    chainId: p.chainId,
    since: p.since,
    until: new Date(endS * 1000),
  });
  const pools = [];
  for (const pool of await listPegPools(db, { chainId: p.chainId })) {
    const buckets = await getPoolBuckets(db, pool, secondsOf(p.since), endS);
    pools.push({
      chainId: pool.chainId,
      address: pool.address,
      label: pool.label,
      quoteSymbol: pool.quoteSymbol,
      ...summarisePegBuckets(buckets),
    });
  }
  const alertCounts = await countMarketAlertsBySeverity(db, {
    since: p.since,
    until: p.until,
    chainId: p.chainId,
  });

  return {
    collateral: {
      start: start ? collateralAt(start) : null,
      end: end ? collateralAt(end) : null,
      min: min ? collateralAt(min) : null,
      daysUnder: month.filter((c) => c.underCollateralised === true).length,
      daily: month.map((c) => ({ day: c.day, ratioE18: c.ratioE18?.toString() ?? null })),
    },
    sources: sources.map((s) => ({
      chainId: s.chainId,
      address: s.address,
      label: s.label,
      reports: s.times.length,
      longestGap: longestGap(
        s.before ? secondsOf(s.before) : null,
        s.times.map(secondsOf),
        secondsOf(p.since),
        endS,
      ),
    })),
    windowEnd: iso(endS),
    pools,
    alerts:
      alertCounts &&
      (() => {
        const severities = [...SEVERITIES];
        const rows = (["R13", "R14"] as const).map((ruleId) => {
          const mine = alertCounts.filter((c) => c.ruleId === ruleId);
          return {
            ruleId,
            title: RULES.find((r) => r.id === ruleId)?.title ?? ruleId,
            counts: Object.fromEntries(
              severities.map((sv) => [sv, mine.find((c) => c.severity === sv)?.count ?? 0]),
            ),
            total: mine.reduce((a, c) => a + c.count, 0),
          };
        });
        return { severities, rows };
      })(),
  };
}
