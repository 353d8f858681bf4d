// R13 over one feed's reports (pure). Each variant is an episode: consecutive reports meeting the
// condition raise one alert, at the first of them, so re-running over a longer series adds alerts
// only for new episodes and never moves an existing one.
import { duration, isoTime, ratio, usd, bpsText } from "../explain";
import type { R13Params } from "../rules/r13-reserves";
import { fellMoreThan, formatPercentE18, fractionE18 } from "@/lib/reserves/math";
import { refOfLog, type MarketHit, type MarketLog } from "./types";

export type ReserveReportPoint = MarketLog & {
  /** The feed's own timestamp (updatedAt / bundle timestamp), epoch s. */
  reportedAt: number;
  reservesWei: bigint;
};

export type ReserveFeed = {
  chainId: number;
  address: string;
  label: string;
  /** In chain order. */
  reports: readonly ReserveReportPoint[];
};

/** Native supply (indexed chains exactly, plus entered figures) at an epoch second. */
export type SupplyAt = (time: number) => bigint;

export function evaluateReserves(
  p: R13Params,
  feed: ReserveFeed,
  supplyAt: SupplyAt,
  now: number,
): MarketHit[] {
  return [...ratioBelow(p, feed, supplyAt), ...stale(p, feed, now), ...drops(p, feed)];
}

function hit(
  feed: ReserveFeed,
  r: ReserveReportPoint,
  h: Omit<MarketHit, "chainId" | "subject" | "trigger" | "evidence">,
): MarketHit {
  return {
    ...h,
    chainId: feed.chainId,
    subject: feed.address,
    trigger: r,
    evidence: [refOfLog("reserve_report", r, "trigger")],
  };
}

function ratioBelow(p: R13Params, feed: ReserveFeed, supplyAt: SupplyAt): MarketHit[] {
  const out: MarketHit[] = [];
  let inEpisode = false;
  for (const r of feed.reports) {
    const supply = supplyAt(r.time);
    const under = supply > 0n && r.reservesWei * 10_000n < supply * BigInt(p.minRatioBps);
    if (under && !inEpisode) {
      out.push(
        hit(feed, r, {
          variant: "ratio_below",
          severity: "high",
          intensity: ratio(supply * BigInt(p.minRatioBps), r.reservesWei * 10_000n),
          amount: supply - r.reservesWei > 0n ? supply - r.reservesWei : 0n,
          facts: {
            source: feed.label,
            reserves: usd(r.reservesWei),
            supply: usd(supply),
            ratio: formatPercentE18(fractionE18(r.reservesWei, supply) ?? 0n),
            minRatio: bpsText(p.minRatioBps).replace("%", ""),
            time: isoTime(r.time),
          },
        }),
      );
    }
    inEpisode = under;
  }
  return out;
}

function stale(p: R13Params, feed: ReserveFeed, now: number): MarketHit[] {
  const out: MarketHit[] = [];
  feed.reports.forEach((r, i) => {
    const until = feed.reports[i + 1]?.reportedAt ?? now;
    if (until - r.reportedAt <= p.staleSeconds) return;
    out.push(
      hit(feed, r, {
        variant: "stale",
        severity: "medium",
        intensity: (until - r.reportedAt) / p.staleSeconds,
        amount: null,
        facts: {
          source: feed.label,
          time: isoTime(r.reportedAt),
          limit: duration(p.staleSeconds),
          staleFrom: isoTime(r.reportedAt + p.staleSeconds),
        },
      }),
    );
  });
  return out;
}

function drops(p: R13Params, feed: ReserveFeed): MarketHit[] {
  const out: MarketHit[] = [];
  const reports = feed.reports;
  let ref = -1;
  let inEpisode = false;
  for (const r of reports) {
    // The latest report at least a window older than this one.
    while (ref + 1 < reports.length && reports[ref + 1]!.reportedAt <= r.reportedAt - p.dropWindowSeconds)
      ref++;
    const before = ref >= 0 ? reports[ref]! : null;
    const fell = before !== null && fellMoreThan(before.reservesWei, r.reservesWei, p.dropBps);
    if (fell && !inEpisode && before) {
      const fall = before.reservesWei - r.reservesWei;
      out.push(
        hit(feed, r, {
          variant: "drop",
          severity: "high",
          intensity: ratio(fall * 10_000n, before.reservesWei * BigInt(p.dropBps)),
          amount: fall,
          facts: {
            source: feed.label,
            reserves: usd(r.reservesWei),
            before: usd(before.reservesWei),
            fall: formatPercentE18(fractionE18(fall, before.reservesWei) ?? 0n),
            window: duration(r.reportedAt - before.reportedAt),
            limit: bpsText(p.dropBps).replace("%", ""),
            time: isoTime(r.reportedAt),
          },
        }),
      );
      out.at(-1)!.evidence.push(refOfLog("reserve_report", before, "before"));
    }
    inEpisode = fell;
  }
  return out;
}
