// The demo market's everyday trading keeps the pools near the peg (issue #17): R14 over the planned
// price path of the demo's default period raises the planted episodes and nothing else. Before
// the market maker arbitraged (ARB_BPS), its inventory random-walked the "BNB" pool, 2.5 times
// thinner after the planted liquidity drop, to −116 bps: six depegs on normal days.
import { describe, expect, it } from "vitest";
import { evaluatePeg } from "@/lib/monitoring/market/peg-eval";
import { r14Peg, type R14Params } from "@/lib/monitoring/rules/r14-peg";
import { deviationCentiBpsE18 } from "@/lib/reserves/math";
import { demoNetworkPlan } from "../network-plan";
import { ARB_BPS } from "./plan-pool";
import { plannedPricePath } from "./price-path";

const P = r14Peg.paramsSchema.parse(r14Peg.defaults) as R14Params;
// The report's seed at the demo's default length (market trading does not depend on the scale).
const network = demoNetworkPlan({ seed: "monitor-report", days: 120, scale: 0.05, endDate: "2026-06-30" });
const truth = network.market!;
const iso = (t: number) => new Date(t * 1000).toISOString();

describe("demo pool trading", () => {
  const paths = network.plans.map(({ chainId, plan }) => {
    const d = truth.pools.find((p) => p.chainId === chainId)!;
    return { chainId, plan, d, path: plannedPricePath(plan, d) };
  });

  it("R14 over the planned price path raises the planted depegs and the liquidity drop, and nothing else", () => {
    const hits = paths.flatMap(({ chainId, d, path, plan }) =>
      evaluatePeg(
        P,
        {
          chainId,
          address: d.pool,
          label: "pool",
          quoteSymbol: "USDT",
          swaps: path.map((s) => ({ block: s.actionIndex, txHash: `0x${s.actionIndex}`, logIndex: 0, ...s })),
        },
        plan.endTs,
      ).map((h) => [chainId, h.variant, iso(h.trigger.time)]),
    );
    const [high, severe] = truth.pegEpisodes;
    const [drop] = truth.liquidityDrops;
    const afterDrop = paths[1]!.path.find((s) => s.time > drop!.ts)!;
    expect(hits).toEqual([
      [31337, "depeg", iso(high!.from)],
      [31337, "depeg", iso(severe!.from)],
      [31337, "depeg_severe", iso(severe!.from)],
      [31338, "liquidity_drop", iso(afterDrop.time)],
    ]);
  });

  it("keeps every normal-day swap within ARB_BPS (10) and one trade's impact below $1, at most +5 bps above", () => {
    const range = paths.map(({ chainId, path }) => {
      const normal = path.filter((s) =>
        truth.pegEpisodes.every((e) => e.chainId !== chainId || s.time < e.from || s.time > e.to),
      );
      const bps = normal.map((s) => Number(deviationCentiBpsE18(s.priceE18)) / 100);
      return [chainId, Math.min(...bps), Math.max(...bps)];
    });
    expect(ARB_BPS).toBe(10);
    // "BNB" after the drop: a 9,000 USD1 sell moves its price 5.6 bps, from just above −10.
    expect(range).toEqual([
      [31337, -9.68, 4.87],
      [31338, -14.17, 4.87],
    ]);
  });
});
