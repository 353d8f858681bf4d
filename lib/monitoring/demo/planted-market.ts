// The demo market's planted episodes (lib/demo/market: the plan's MarketTruth) as what R13 and R14
// should raise: per episode the rule, the variants it is planted to trip, the feed or pool, and
// the trigger times its alerts can have. Everything comes from the plan; the one constant is the
// slack for a block landing after its action's plan time (strictly increasing block times).
import type { NetworkPlan } from "@/lib/demo/simulator/network";

export type MarketRuleId = "R13" | "R14";

export type PlantedMarketEpisode = {
  chainId: number;
  ruleId: MarketRuleId;
  /** The feed or pool (the alert's subject). */
  subject: string;
  description: string;
  /** Variants the episode is planted to trip (all of them, for an OK). */
  expected: string[];
  /** Trigger times (epoch s, inclusive) of the alerts the episode causes. */
  from: number;
  to: number;
};

/** A market action's block lands at its plan time or a few seconds later (never a minute). */
export const BLOCK_SLACK_SECONDS = 60;

const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ");
const usd = (wei: bigint) => `${(wei / 10n ** 18n).toLocaleString("en-US")} USD1`;

export function plantedMarketEpisodes(
  network: Pick<NetworkPlan, "plans" | "market">,
): PlantedMarketEpisode[] {
  const m = network.market;
  if (!m) return [];
  const out: PlantedMarketEpisode[] = [];
  for (const e of m.pegEpisodes) {
    // The alert's trigger is the swap that set the first breaching bucket's price: the sell, or
    // for a later bucket of the stretch, a buy-back; the stretch ends with the last buy-back.
    out.push({
      chainId: e.chainId,
      ruleId: "R14",
      subject: e.pool,
      description: `${e.severity} depeg: ${usd(e.soldWei)} sold ${iso(e.from)} (≥ ${e.minDeviationBps} bps), bought back by ${iso(e.to)}`,
      expected: e.severity === "severe" ? ["depeg", "depeg_severe"] : ["depeg"],
      from: e.from,
      to: e.to + BLOCK_SLACK_SECONDS,
    });
  }
  for (const d of m.liquidityDrops) {
    // A burn logs no Swap: the pool's new liquidity shows at the first swap after it.
    const plan = network.plans.find((c) => c.chainId === d.chainId)?.plan;
    const next = plan?.actions.find((a) => a.kind === "swap" && a.pool === d.pool && a.ts > d.ts);
    if (!next) throw new Error(`no swap after the liquidity drop on chain ${d.chainId}`);
    const fall = Math.round(Number(((d.before - d.after) * 10_000n) / d.before) / 100);
    out.push({
      chainId: d.chainId,
      ruleId: "R14",
      subject: d.pool,
      description: `liquidity drop: the LP burns ${fall}% of the in-range liquidity ${iso(d.ts)}`,
      expected: ["liquidity_drop"],
      from: d.ts,
      to: next.ts + BLOCK_SLACK_SECONDS,
    });
  }
  const feed = m.reserveFeed;
  if (feed && m.underCollateralised) {
    const u = m.underCollateralised;
    const worst = m.reserveReports
      .filter((r) => r.ts >= u.from && r.ts < u.to)
      .reduce((w, r) => Math.min(w, Number((r.reservesWei * 10_000n) / r.supplyWei) / 100), Infinity);
    out.push({
      chainId: feed.chainId,
      ruleId: "R13",
      subject: feed.feed,
      description: `under-collateralised day ${iso(u.from).slice(0, 10)}: reserves ${worst}% of supply, down from the day before`,
      expected: ["ratio_below", "drop"],
      from: u.from,
      to: u.to - 1 + BLOCK_SLACK_SECONDS,
    });
  }
  if (feed && m.stale) {
    // The trigger is the last report before the silence.
    const hours = Math.round((m.stale.to - m.stale.from) / 3_600);
    out.push({
      chainId: feed.chainId,
      ruleId: "R13",
      subject: feed.feed,
      description: `stale feed: last report ${iso(m.stale.from)}, the next ${hours} h later`,
      expected: ["stale"],
      from: m.stale.from,
      to: m.stale.from + BLOCK_SLACK_SECONDS,
    });
  }
  return out;
}
