// R13 reserves: a proof-of-reserve report below the native supply, a feed that stopped reporting,
// and a large fall of reported reserves within a day. A time-series rule: evaluated by
// lib/monitoring/market (market/reserves-eval.ts), not by the transfer engine.
import { z } from "zod";
import { bpsParam, DAY, secondsParam } from "../params";
import { defineRule } from "../rule";

export const r13Schema = z.strictObject({
  /** A report below this share of native supply flags (10000 = 100%). */
  minRatioBps: bpsParam,
  /** No new report for longer than this flags the feed as stale. */
  staleSeconds: secondsParam,
  /** Reserves fallen by more than this share within dropWindowSeconds flag. */
  dropBps: bpsParam,
  dropWindowSeconds: secondsParam,
});
export type R13Params = z.output<typeof r13Schema>;

export const r13Reserves = defineRule({
  id: "R13",
  title: "Reserves below supply, stale or falling",
  logicVersion: 1,
  severity: "high",
  summary:
    "A proof-of-reserve report below the native USD1 supply at its block (high); a feed silent for longer than the staleness limit (medium); reserves down more than the set share within a day (high).",
  schema: r13Schema,
  defaults: { minRatioBps: 10_000, staleSeconds: 6 * 3_600, dropBps: 500, dropWindowSeconds: DAY },
  explanations: {
    ratio_below:
      "{source} reported reserves of {reserves} at {time}, against a native supply of {supply} at that block: a collateral ratio of {ratio}%, below {minRatio}%.",
    stale:
      "{source} reported at {time} and then nothing for more than {limit} (stale from {staleFrom}). While a feed is silent the reserves are unverified.",
    drop: "{source} reported reserves of {reserves} at {time}, down {fall}% from {before} reported {window} earlier (limit {limit}%).",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: () => ({}),
});
