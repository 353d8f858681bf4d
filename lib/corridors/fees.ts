// Fees saved against the traditional channel, in exact integer arithmetic: a percentage is a
// decimal string, turned into parts per million of the amount (4 decimals of a percent).
import { corridorCostRule, CORRIDOR_COSTS, type CorridorCostConfig } from "@/lib/config/corridor-costs";

const PPM = 1_000_000n;
const PERCENT_RE = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** "2.39" (percent) → 23,900 (parts per million of the amount). Throws on anything else. */
export function percentToPpm(pct: string): bigint {
  const m = PERCENT_RE.exec(pct);
  if (!m) throw new RangeError(`not a percentage: ${JSON.stringify(pct)}`);
  const whole = BigInt(m[1] ?? "0");
  const frac = BigInt((m[2] ?? "").padEnd(4, "0"));
  return whole * 10_000n + frac;
}

/** amount × ppm / 1e6, rounded half away from zero. */
export function applyPpm(amount: bigint, ppm: bigint): bigint {
  const product = amount * ppm;
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  let q = magnitude / PPM;
  if ((magnitude % PPM) * 2n >= PPM) q += 1n;
  return negative ? -q : q;
}

export type FeeEstimate = {
  /** Traditional cost percentage used (decimal string), with its source. */
  costPct: string;
  basis: string;
  assumption: boolean;
  traditionalCost: bigint;
  onChainCost: bigint;
  /** traditionalCost − onChainCost (negative if the chain were dearer). */
  saved: bigint;
};

/** Null when the corridor has no configured cost (unattributed, domestic, unlisted). */
export function estimateFeesSaved(
  origin: string,
  destination: string,
  adjustedVolume: bigint,
  config: CorridorCostConfig = CORRIDOR_COSTS,
): FeeEstimate | null {
  const rule = corridorCostRule(origin, destination, config);
  if (!rule) return null;
  const traditionalCost = applyPpm(adjustedVolume, percentToPpm(rule.costPct));
  const onChainCost = applyPpm(adjustedVolume, percentToPpm(config.onChainCostPct));
  return {
    costPct: rule.costPct,
    basis: rule.basis,
    assumption: rule.assumption,
    traditionalCost,
    onChainCost,
    saved: traditionalCost - onChainCost,
  };
}

/** Integer division rounded half up; average ticket = volume / count (0 when count is 0). */
export function averageTicket(volume: bigint, count: number): bigint {
  if (count <= 0) return 0n;
  const n = BigInt(count);
  let q = volume / n;
  if ((volume % n) * 2n >= n) q += 1n;
  return q;
}
