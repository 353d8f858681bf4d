// R14 over one pool's swaps (pure). Only complete 5-minute buckets are judged (a bucket still
// filling could change its TWAP), and each variant is an episode of consecutive buckets raising
// one alert at its first bucket, with facts fixed at detection, so a longer series never rewrites
// an alert. The trigger is the swap that set the price (or liquidity) the first bucket closed at.
import { bpsText, duration, isoTime, ratio } from "../explain";
import type { R14Params } from "../rules/r14-peg";
import {
  breaches,
  BUCKET_SECONDS,
  fellMoreThan,
  formatCentiBps,
  formatE18,
  formatPercentE18,
  fractionE18,
  pegBuckets,
  type PegBucket,
} from "@/lib/reserves/math";
import { MAX_MARKET_EVIDENCE, refOfLog, type MarketHit, type MarketLog } from "./types";

export type SwapPoint = MarketLog & { priceE18: bigint; liquidity: bigint };

export type PoolInput = {
  chainId: number;
  address: string;
  label: string;
  quoteSymbol: string;
  swaps: readonly SwapPoint[];
};

type Ctx = { pool: PoolInput; swaps: readonly SwapPoint[]; buckets: PegBucket[]; lastSwap: number[] };

/** `now`: the chain's clock (epoch s); buckets ending after it are not judged. */
export function evaluatePeg(p: R14Params, pool: PoolInput, now: number): MarketHit[] {
  const first = pool.swaps[0];
  const to = Math.floor(now / BUCKET_SECONDS) * BUCKET_SECONDS;
  if (!first) return [];
  const from = Math.floor(first.time / BUCKET_SECONDS) * BUCKET_SECONDS;
  if (to <= from) return [];
  const swaps = pool.swaps.filter((s) => s.time < to);
  const buckets = pegBuckets(swaps, from, to, null);
  const lastSwap: number[] = [];
  let j = -1;
  for (const b of buckets) {
    while (j + 1 < swaps.length && swaps[j + 1]!.time < b.start + BUCKET_SECONDS) j++;
    lastSwap.push(j);
  }
  const ctx: Ctx = { pool, swaps, buckets, lastSwap };
  return [...depeg(p, ctx), ...severe(p, ctx), ...liquidity(p, ctx)];
}

/** Starts and lengths of maximal runs of buckets meeting `test`. */
function runs(buckets: readonly PegBucket[], test: (b: PegBucket, k: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  buckets.forEach((b, k) => {
    if (test(b, k)) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      out.push([start, k - start]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, buckets.length - start]);
  return out;
}

function base(
  ctx: Ctx,
  k: number,
  from: number,
  to: number,
): Pick<MarketHit, "chainId" | "subject" | "trigger" | "evidence"> {
  const trigger = ctx.swaps[ctx.lastSwap[k]!]!;
  const inside = ctx.swaps.filter((s) => s.time >= from && s.time < to && s !== trigger);
  return {
    chainId: ctx.pool.chainId,
    subject: ctx.pool.address,
    trigger,
    evidence: [
      refOfLog("pool_swap", trigger, "trigger"),
      ...inside.slice(0, MAX_MARKET_EVIDENCE - 1).map((s) => refOfLog("pool_swap", s, "swap")),
    ],
  };
}

const absC = (v: bigint) => (v < 0n ? -v : v);

function depeg(p: R14Params, ctx: Ctx): MarketHit[] {
  const need = Math.max(1, Math.ceil(p.depegMinSeconds / BUCKET_SECONDS));
  const out: MarketHit[] = [];
  for (const [start, len] of runs(
    ctx.buckets,
    (b) => b.deviationCentiBps !== null && breaches(b.deviationCentiBps, p.depegBps),
  )) {
    if (len < need) continue;
    const window = ctx.buckets.slice(start, start + need);
    const worst = window.reduce((w, b) => (absC(b.deviationCentiBps!) > absC(w.deviationCentiBps!) ? b : w));
    const from = window[0]!.start;
    out.push({
      ...base(ctx, start, from, from + need * BUCKET_SECONDS),
      variant: "depeg",
      severity: "high",
      intensity: Number(absC(worst.deviationCentiBps!)) / (p.depegBps * 100),
      amount: null,
      facts: {
        pool: ctx.pool.label,
        quote: ctx.pool.quoteSymbol,
        threshold: String(p.depegBps),
        span: duration(need * BUCKET_SECONDS),
        time: isoTime(from),
        worst: formatCentiBps(worst.deviationCentiBps!),
        worstPrice: formatE18(worst.twapE18!, 4),
      },
    });
  }
  return out;
}

function severe(p: R14Params, ctx: Ctx): MarketHit[] {
  return runs(
    ctx.buckets,
    (b) => b.deviationCentiBps !== null && breaches(b.deviationCentiBps, p.severeBps),
  ).map(([k]) => {
    const b = ctx.buckets[k]!;
    return {
      ...base(ctx, k, b.start, b.start + BUCKET_SECONDS),
      variant: "depeg_severe",
      severity: "severe" as const,
      intensity: Number(absC(b.deviationCentiBps!)) / (p.severeBps * 100),
      amount: null,
      facts: {
        pool: ctx.pool.label,
        quote: ctx.pool.quoteSymbol,
        threshold: String(p.severeBps),
        time: isoTime(b.start),
        price: formatE18(b.twapE18!, 4),
        deviation: formatCentiBps(b.deviationCentiBps!),
      },
    };
  });
}

function liquidity(p: R14Params, ctx: Ctx): MarketHit[] {
  const back = Math.max(1, Math.ceil(p.liquidityWindowSeconds / BUCKET_SECONDS));
  // The highest closing liquidity of the window's earlier buckets: a fall is caught when it happens.
  const peak = (k: number): bigint | null => {
    let m: bigint | null = null;
    for (let i = Math.max(0, k - back); i < k; i++) {
      const l = ctx.buckets[i]!.liquidity;
      if (l !== null && (m === null || l > m)) m = l;
    }
    return m;
  };
  const fell = (b: PegBucket, k: number) => {
    const before = peak(k);
    return before !== null && b.liquidity !== null && fellMoreThan(before, b.liquidity, p.liquidityDropBps);
  };
  return runs(ctx.buckets, fell).map(([k]) => {
    const b = ctx.buckets[k]!;
    const before = peak(k)!;
    const after = b.liquidity!;
    const end = b.start + BUCKET_SECONDS;
    return {
      ...base(ctx, k, b.start, end),
      variant: "liquidity_drop",
      severity: "medium" as const,
      intensity: ratio((before - after) * 10_000n, before * BigInt(p.liquidityDropBps)),
      amount: null,
      facts: {
        pool: ctx.pool.label,
        fall: formatPercentE18(fractionE18(before - after, before) ?? 0n),
        window: duration(back * BUCKET_SECONDS),
        time: isoTime(end),
        before: before.toString(),
        after: after.toString(),
        limit: bpsText(p.liquidityDropBps).replace("%", ""),
      },
    };
  });
}
