// The report's classification of R13/R14 (issue #17) against the demo market's planted episodes:
// the alerts are what the market rules raise over the planned reports and price path (no chain:
// block time = plan time), plus hand-made ones on normal days, on the other chain's pool at the
// same address, and a withdrawn one.
import { describe, expect, it } from "vitest";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { plannedPricePath } from "@/lib/demo/market/price-path";
import { r13Reserves, type R13Params } from "../rules/r13-reserves";
import { r14Peg, type R14Params } from "../rules/r14-peg";
import { evaluatePeg } from "../market/peg-eval";
import { evaluateReserves } from "../market/reserves-eval";
import type { MarketHit } from "../market/types";
import { classifyDemoAlerts, marketCaught, type ChainAlert, type ChainInput } from "./classify";
import { plantedMarketEpisodes } from "./planted-market";

const network = demoNetworkPlan({ seed: "classify-test", days: 30, scale: 0.05, endDate: "2026-06-30" });
const truth = network.market!;
const R13 = r13Reserves.paramsSchema.parse(r13Reserves.defaults) as R13Params;
const R14 = r14Peg.paramsSchema.parse(r14Peg.defaults) as R14Params;

let nextId = 1;
const alertOf = (ruleId: "R13" | "R14", h: MarketHit, status = "open"): ChainAlert => ({
  id: nextId++,
  key: `${ruleId}|${h.chainId}|${h.variant}|${h.subject}|${h.trigger.txHash}|${h.trigger.logIndex}`,
  ruleId,
  status,
  time: h.trigger.time,
  evidenceTx: h.evidence.map((e) => e.txHash),
});

function derived(chainId: number): ChainAlert[] {
  const plan = network.plans.find((c) => c.chainId === chainId)!.plan;
  const d = truth.pools.find((p) => p.chainId === chainId)!;
  const swaps = plannedPricePath(plan, d).map((s) => ({ ...s, block: s.actionIndex, txHash: `0xs${chainId}-${s.actionIndex}`, logIndex: 0 })); // prettier-ignore
  const peg = evaluatePeg(
    R14,
    { chainId, address: d.pool, label: "pool", quoteSymbol: "USDT", swaps },
    plan.endTs,
  );
  const feed = truth.reserveFeed?.chainId === chainId ? truth.reserveFeed : null;
  const reports = truth.reserveReports.map((r, i) => ({ block: i, txHash: `0xr${i}`, logIndex: 0, time: r.ts, reportedAt: r.ts, reservesWei: r.reservesWei })); // prettier-ignore
  const supplyAt = (t: number) => truth.reserveReports.find((r) => r.ts === t)!.supplyWei;
  const reserves = feed
    ? evaluateReserves(R13, { chainId, address: feed.feed, label: "feed", reports }, supplyAt, plan.endTs)
    : [];
  return [...reserves.map((h) => alertOf("R13", h)), ...peg.map((h) => alertOf("R14", h))];
}

describe("demo report: R13/R14 against the planted market episodes", () => {
  const [high, severe] = truth.pegEpisodes;
  const pool = truth.pools[0]!.pool;
  const feed = truth.reserveFeed!.feed;
  const extra = (chainId: number, ruleId: "R13" | "R14", variant: string, subject: string, time: number, status = "open"): ChainAlert => ({
    id: nextId++,
    key: `${ruleId}|${chainId}|${variant}|${subject}|0xextra${nextId}|0`,
    ruleId,
    status,
    time,
    evidenceTx: [`0xextra${nextId}`],
  }); // prettier-ignore
  const chains: ChainInput[] = network.plans.map(({ chainId, plan }) => ({
    chainId,
    plan,
    patterns: [],
    transfers: [],
    alerts: [
      ...derived(chainId),
      ...(chainId === 31337
        ? [
            // A normal-day depeg a day after the high episode; a stale feed on a normal day.
            extra(chainId, "R14", "depeg", pool, high!.from + 86_400),
            extra(chainId, "R13", "stale", feed, truth.reserveReports[3]!.ts),
            // Withdrawn (a reorg took its swap): not counted, not a catch.
            extra(chainId, "R14", "depeg", pool, high!.from, "withdrawn"),
          ]
        : [
            // The BNB pool has the same address: the Ethereum pool's severe episode is not its.
            extra(chainId, "R14", "depeg_severe", pool, severe!.from),
          ]),
    ],
  }));
  const r = classifyDemoAlerts(chains, plantedMarketEpisodes(network));

  it("names each planted episode's catching alerts, from the plan's schedule", () => {
    expect(r.market.map((m) => [m.chainId, m.ruleId, m.expected, m.caughtBy.map((x) => [x.variant, x.alertIds.length]), marketCaught(m)])).toEqual([
      [31337, "R14", ["depeg"], [["depeg", 1]], true],
      [31337, "R14", ["depeg", "depeg_severe"], [["depeg", 1], ["depeg_severe", 1]], true],
      [31338, "R14", ["liquidity_drop"], [["liquidity_drop", 1]], true],
      [31337, "R13", ["ratio_below", "drop"], [["drop", 1], ["ratio_below", 1]], true],
      [31337, "R13", ["stale"], [["stale", 1]], true],
    ]); // prettier-ignore
    expect(r.market.map((m) => m.description)).toEqual([
      "high depeg: 510,000 USD1 sold 2026-06-09 09:00 (≥ 50 bps), bought back by 2026-06-09 10:20",
      "severe depeg: 1,680,000 USD1 sold 2026-06-18 14:00 (≥ 200 bps), bought back by 2026-06-18 15:50",
      "liquidity drop: the LP burns 60% of the in-range liquidity 2026-06-13 10:00",
      "under-collateralised day 2026-06-21: reserves 94% of supply, down from the day before",
      "stale feed: last report 2026-06-25 00:19, the next 32 h later",
    ]);
  });

  it("counts per rule the alerts on planted episodes and on normal days", () => {
    const counts = Object.fromEntries(
      r.rules.map((c) => [c.ruleId, [c.total, c.onPlanted, c.benign, c.admin]]),
    );
    expect([counts.R13, counts.R14]).toEqual([
      [4, 3, 1, 0],
      [6, 4, 2, 0],
    ]);
  });
});
