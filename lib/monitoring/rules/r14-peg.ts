// R14 peg: USD1's 5-minute time-weighted price in a pool off the peg for long enough, far off it,
// or the pool's in-range liquidity falling fast. A time-series rule: evaluated by
// lib/monitoring/market (market/peg-eval.ts), not by the transfer engine.
import { z } from "zod";
import { bpsParam, secondsParam } from "../params";
import { defineRule } from "../rule";

export const r14Schema = z.strictObject({
  /** |TWAP − 1| at least this (bps) in every 5-minute bucket for depegMinSeconds: high. */
  depegBps: bpsParam,
  depegMinSeconds: secondsParam,
  /** |TWAP − 1| at least this in any 5-minute bucket: severe. */
  severeBps: bpsParam,
  /** In-range liquidity down more than this share against liquidityWindowSeconds earlier: medium. */
  liquidityDropBps: bpsParam,
  liquidityWindowSeconds: secondsParam,
});
export type R14Params = z.output<typeof r14Schema>;

export const r14Peg = defineRule({
  id: "R14",
  title: "USD1 off its peg, or pool liquidity falling",
  logicVersion: 1,
  severity: "high",
  summary:
    "USD1's 5-minute time-weighted price in a pool at least 0.5% from 1.0 for 15 minutes (high) or at least 2% in any 5 minutes (severe); the pool's in-range liquidity down more than half within an hour (medium).",
  schema: r14Schema,
  defaults: {
    depegBps: 50,
    depegMinSeconds: 900,
    severeBps: 200,
    liquidityDropBps: 5_000,
    liquidityWindowSeconds: 3_600,
  },
  explanations: {
    depeg:
      "In {pool}, USD1's 5-minute TWAP was at least {threshold} bps from 1.00 {quote} for {span} from {time} (worst 5-minute TWAP {worstPrice}, {worst} bps).",
    depeg_severe:
      "In {pool}, USD1's 5-minute TWAP from {time} was {price} {quote}, {deviation} bps from the peg (severe at {threshold} bps).",
    liquidity_drop:
      "In {pool}, in-range liquidity fell {fall}% within {window} to {time} ({before} → {after}; limit {limit}%): the peg is easier to move.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: () => ({}),
});
