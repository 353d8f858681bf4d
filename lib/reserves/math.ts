// Reserves and peg arithmetic, exact in integers (no floats anywhere; format only at the edge).
//
// Fixed-point conventions (stated once, used everywhere):
// - a price is an exact rational `{ num, den }` (USD1 in units of the quote token, human units);
//   `toE18` turns any ratio into 1e18 fixed point ROUNDED DOWN (floor; the error is < 1e-18);
// - a deviation from 1.0 is in centi-basis-points (1/100 bps) TRUNCATED TOWARD ZERO, so a price
//   0.4999 % above the peg is 4999 centi-bps and never 5000: `|trunc(x)| >= k` holds exactly when
//   `|x| >= k` for an integer k, so threshold checks on the truncated value are exact;
// - the collateral ratio and coverage are 1e18 fixed point rounded down; "below 100 %" is decided
//   on the exact integers (reserves < supply), never on a rounded figure.

export type Ratio = { num: bigint; den: bigint };

export const Q96 = 1n << 96n;
export const Q192 = 1n << 192n;
export const E18 = 10n ** 18n;
/** centi-bps in 1.0: 10,000 bps × 100. */
export const CENTI_BPS_PER_UNIT = 1_000_000n;
export const BUCKET_SECONDS = 300;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function positive(n: bigint, what: string): bigint {
  if (n <= 0n) throw new RangeError(`${what} must be positive, got ${n}`);
  return n;
}

function decimalsOf(d: number, what: string): number {
  if (!Number.isInteger(d) || d < 0 || d > 77) throw new RangeError(`${what}: bad decimals ${d}`);
  return d;
}

/** Uniswap v3 / PancakeSwap v3: token0 is the token with the lower address. */
export function isToken0(token: string, other: string): boolean {
  const a = token.toLowerCase();
  const b = other.toLowerCase();
  if (a === b) throw new RangeError("a pool's two tokens must differ");
  return a < b;
}

/**
 * Price of token0 in token1, human units, exactly:
 * (sqrtPriceX96 / 2^96)^2 × 10^(decimals0 − decimals1).
 */
export function token0Price(sqrtPriceX96: bigint, decimals0: number, decimals1: number): Ratio {
  const s = positive(sqrtPriceX96, "sqrtPriceX96");
  const shift = decimalsOf(decimals0, "token0") - decimalsOf(decimals1, "token1");
  const sq = s * s;
  return shift >= 0 ? { num: sq * pow10(shift), den: Q192 } : { num: sq, den: Q192 * pow10(-shift) };
}

export type PoolSide = { usd1IsToken0: boolean; usd1Decimals: number; quoteDecimals: number };

/** USD1's price in the quote token (USDT, USDC), human units, exactly; either token order. */
export function usd1Price(sqrtPriceX96: bigint, pool: PoolSide): Ratio {
  if (pool.usd1IsToken0) return token0Price(sqrtPriceX96, pool.usd1Decimals, pool.quoteDecimals);
  const p = token0Price(sqrtPriceX96, pool.quoteDecimals, pool.usd1Decimals);
  return { num: p.den, den: p.num };
}

/** floor(num × 1e18 / den) for non-negative num. */
export function toE18(r: Ratio): bigint {
  positive(r.den, "denominator");
  if (r.num < 0n) throw new RangeError("toE18 takes a non-negative ratio");
  return (r.num * E18) / r.den;
}

/** (price − 1) in centi-bps, truncated toward zero (BigInt division truncates toward zero). */
export function deviationCentiBps(price: Ratio): bigint {
  positive(price.den, "denominator");
  return ((price.num - price.den) * CENTI_BPS_PER_UNIT) / price.den;
}

/** Deviation of a 1e18 fixed-point price, same unit and rounding as deviationCentiBps. */
export function deviationCentiBpsE18(priceE18: bigint): bigint {
  return deviationCentiBps({ num: priceE18, den: E18 });
}

/** |deviation| ≥ bps, decided exactly (integer bps thresholds). */
export function breaches(devCentiBps: bigint, thresholdBps: number): boolean {
  const abs = devCentiBps < 0n ? -devCentiBps : devCentiBps;
  return abs >= BigInt(thresholdBps) * 100n;
}

/** "−12.34" style bps text from centi-bps (the sign kept; no float). */
export function formatCentiBps(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? "−" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Time-weighted price per 5-minute bucket

export type PricePoint = {
  /** Unix seconds of the swap's block. */
  time: number;
  priceE18: bigint;
  liquidity: bigint;
};

export type PegBucket = {
  /** Bucket start, unix seconds, a multiple of 300. */
  start: number;
  /** Σ price × seconds held / seconds covered, floor; null when no price was known in the bucket. */
  twapE18: bigint | null;
  /** twap deviation in centi-bps (truncated toward zero); null with twapE18. */
  deviationCentiBps: bigint | null;
  /** Seconds of the bucket with a known price (300 unless the pool's first swap falls inside). */
  coveredSeconds: number;
  /** In-range liquidity at the bucket's end (the last swap's), null before the first swap. */
  liquidity: bigint | null;
  /** Lowest in-range liquidity seen during the bucket (opening value included). */
  minLiquidity: bigint | null;
  swaps: number;
};

/**
 * Time-weighted USD1 price per 5-minute bucket over [from, to) (both multiples of 300).
 * Each swap's price holds from its block time until the next swap (swaps in the same second:
 * the last one sets the price; earlier ones hold for zero seconds) and is carried across
 * buckets without swaps. `opening` is the pool's state from the last swap before `from`
 * (null if none: the buckets before the first swap have no price). `points` are in chain order
 * (block, log index) with non-decreasing times inside [from, to).
 */
export function pegBuckets(
  points: readonly PricePoint[],
  from: number,
  to: number,
  opening: PricePoint | null,
): PegBucket[] {
  if (from % BUCKET_SECONDS !== 0 || to % BUCKET_SECONDS !== 0 || to < from) {
    throw new RangeError(`bucket range must be aligned to ${BUCKET_SECONDS} s: ${from}..${to}`);
  }
  const out: PegBucket[] = [];
  let cur: PricePoint | null = opening;
  let i = 0;
  for (let start = from; start < to; start += BUCKET_SECONDS) {
    const end = start + BUCKET_SECONDS;
    let weighted = 0n;
    let covered = 0;
    let swaps = 0;
    let minLiq: bigint | null = cur?.liquidity ?? null;
    let t = start;
    for (;;) {
      const next = points[i];
      const until = next && next.time < end ? next.time : end;
      if (next && next.time < t) throw new RangeError("price points must be in time order");
      if (cur && until > t) {
        weighted += cur.priceE18 * BigInt(until - t);
        covered += until - t;
      }
      t = until;
      if (!next || next.time >= end) break;
      cur = next;
      swaps += 1;
      i += 1;
      if (minLiq === null || next.liquidity < minLiq) minLiq = next.liquidity;
    }
    const twap = covered > 0 ? weighted / BigInt(covered) : null;
    out.push({
      start,
      twapE18: twap,
      deviationCentiBps: twap === null ? null : deviationCentiBpsE18(twap),
      coveredSeconds: covered,
      liquidity: cur?.liquidity ?? null,
      minLiquidity: minLiq,
      swaps,
    });
  }
  if (i < points.length) throw new RangeError("price points after the range's end");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reserves against supply

/** floor(part × 1e18 / whole); null when whole is zero (nothing to compare against). */
export function fractionE18(part: bigint, whole: bigint): bigint | null {
  if (part < 0n || whole < 0n) throw new RangeError("fractionE18 takes non-negative amounts");
  return whole === 0n ? null : (part * E18) / whole;
}

export type SupplyPart = { chain: string; supplyWei: bigint; indexed: boolean };

export type CollateralFigures = {
  reservesWei: bigint;
  /** Native supply: indexed chains + entered figures (bridged chains are never passed in). */
  supplyWei: bigint;
  indexedSupplyWei: bigint;
  enteredSupplyWei: bigint;
  /** reserves / supply, 1e18 fixed point rounded down; null without supply. */
  ratioE18: bigint | null;
  /** Exactly reserves < supply (not a rounded comparison). */
  underCollateralised: boolean;
  /** reserves − supply (negative = shortfall), wei. */
  surplusWei: bigint;
  /** Share of the native supply that comes from indexed data, 1e18 fixed point rounded down. */
  coverageE18: bigint | null;
};

export function collateral(reservesWei: bigint, parts: readonly SupplyPart[]): CollateralFigures {
  if (reservesWei < 0n) throw new RangeError("reserves cannot be negative");
  let indexed = 0n;
  let entered = 0n;
  for (const p of parts) {
    if (p.supplyWei < 0n) throw new RangeError(`negative supply on ${p.chain}`);
    if (p.indexed) indexed += p.supplyWei;
    else entered += p.supplyWei;
  }
  const supply = indexed + entered;
  return {
    reservesWei,
    supplyWei: supply,
    indexedSupplyWei: indexed,
    enteredSupplyWei: entered,
    ratioE18: fractionE18(reservesWei, supply),
    underCollateralised: reservesWei < supply,
    surplusWei: reservesWei - supply,
    coverageE18: fractionE18(indexed, supply),
  };
}

/** A fall from `before` to `after` strictly greater than `bps` basis points of `before`, exactly. */
export function fellMoreThan(before: bigint, after: bigint, bps: number): boolean {
  if (before <= 0n) return false;
  return (before - after) * 10_000n > before * BigInt(bps);
}

/** Scale an integer answer with `decimals` to 18 decimals exactly (refuses to drop digits). */
export function scaleTo18(value: bigint, decimals: number): bigint {
  const d = decimalsOf(decimals, "feed");
  if (d <= 18) return value * pow10(18 - d);
  const f = pow10(d - 18);
  if (value % f !== 0n) throw new RangeError(`${value} with ${d} decimals does not fit 18 decimals`);
  return value / f;
}

/** "101.23" percent text from a 1e18 ratio, rounded down to 2 decimals. */
export function formatPercentE18(r: bigint): string {
  const hundredths = (r * 10_000n) / E18;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;
}

/** A 1e18 fixed-point value as text with `decimals` digits, rounded down: 995000950000000000n → "0.9950". */
export function formatE18(v: bigint, decimals = 4): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18)
    throw new RangeError(`bad decimals ${decimals}`);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const scaled = a / 10n ** BigInt(18 - decimals);
  const unit = 10n ** BigInt(decimals);
  const frac = decimals > 0 ? `.${String(scaled % unit).padStart(decimals, "0")}` : "";
  return `${neg ? "-" : ""}${scaled / unit}${frac}`;
}
