// The price path a planned pool trades through (issue #17), replayed from the plan with the pool's
// own math: for tests that judge the planned market (R14 over it) without a chain. Exact up to fee
// rounding (a sell's fee is taken as the planner estimates it), far below the 5-minute TWAP's bps.
import { toE18, usd1Price } from "@/lib/reserves/math";
import type { Plan } from "../simulator/types";
import { sqrtPriceAfterUsd1, sqrtRatioAtTick } from "./tick-math";
import type { PoolDeployment } from "./types";

export type PlannedSwapPoint = {
  /** Index of the swap among the plan's actions. */
  actionIndex: number;
  time: number;
  priceE18: bigint;
  /** In-range liquidity after the swap (the Swap log's figure). */
  liquidity: bigint;
};

export function plannedPricePath(plan: Plan, d: PoolDeployment): PlannedSwapPoint[] {
  let sqrtP = sqrtRatioAtTick(d.initTick);
  let liquidity = d.liquidity;
  const out: PlannedSwapPoint[] = [];
  plan.actions.forEach((a, actionIndex) => {
    if (a.kind === "liquidityBurn" && a.pool === d.pool) liquidity -= a.liquidity;
    if (a.kind !== "swap" || a.pool !== d.pool) return;
    const usd1In = a.side === "sell" ? a.usd1Amount - a.usd1Amount / 10_000n - 1n : -a.usd1Amount;
    sqrtP = sqrtPriceAfterUsd1(sqrtP, liquidity, d.usd1IsToken0, usd1In);
    const priceE18 = toE18(
      usd1Price(sqrtP, { usd1IsToken0: d.usd1IsToken0, usd1Decimals: 18, quoteDecimals: d.quoteDecimals }),
    );
    out.push({ actionIndex, time: a.ts, priceE18, liquidity });
  });
  return out;
}
