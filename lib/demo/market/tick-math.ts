// Uniswap v3's TickMath.getSqrtRatioAtTick and the liquidity/amount formulas, in bigint: the demo
// plans positions and trade sizes with the pool's own integer math (planning only; the indexer and
// the views compute prices from the Swap logs' sqrtPriceX96).
export const Q96 = 1n << 96n;
export const MAX_TICK = 887_272;

const STEPS: readonly [number, bigint][] = [
  [0x2, 0xfff97272373d413259a46990580e213an],
  [0x4, 0xfff2e50f5f656932ef12357cf3c7fdccn],
  [0x8, 0xffe5caca7e10e4e61c3624eaa0941cd0n],
  [0x10, 0xffcb9843d60f6159c9db58835c926644n],
  [0x20, 0xff973b41fa98c081472e6896dfb254c0n],
  [0x40, 0xff2ea16466c96a3843ec78b326b52861n],
  [0x80, 0xfe5dee046a99a2a811c461f1969c3053n],
  [0x100, 0xfcbe86c7900a88aedcffc83b479aa3a4n],
  [0x200, 0xf987a7253ac413176f2b074cf7815e54n],
  [0x400, 0xf3392b0822b70005940c7a398e4b70f3n],
  [0x800, 0xe7159475a2c29b7443b29c7fa6e889d9n],
  [0x1000, 0xd097f3bdfd2022b8845ad8f792aa5825n],
  [0x2000, 0xa9f746462d870fdf8a65dc1f90e061e5n],
  [0x4000, 0x70d869a156d2a1b890bb3df62baf32f7n],
  [0x8000, 0x31be135f97d08fd981231505542fcfa6n],
  [0x10000, 0x9aa508b5b7a84e1c677de54f3e99bc9n],
  [0x20000, 0x5d6af8dedb81196699c329225ee604n],
  [0x40000, 0x2216e584f5fa1ea926041bedfe98n],
  [0x80000, 0x48a170391f7dc42444e8fa2n],
];
const MAX_UINT256 = (1n << 256n) - 1n;

/** sqrt(1.0001^tick) × 2^96, exactly as the pool computes it. */
export function sqrtRatioAtTick(tick: number): bigint {
  const abs = Math.abs(tick);
  if (!Number.isInteger(tick) || abs > MAX_TICK) throw new Error(`tick out of range: ${tick}`);
  let ratio = abs & 0x1 ? 0xfffcb933bd6fad37aa2d162d1a594001n : 0x100000000000000000000000000000000n;
  for (const [bit, factor] of STEPS) if (abs & bit) ratio = (ratio * factor) >> 128n;
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  return (ratio >> 32n) + (ratio % (1n << 32n) === 0n ? 0n : 1n);
}

/**
 * The tick whose price is nearest to one dollar of USD1 in the quote token, raw units
 * (token1 per token0): 10^(quoteDecimals − 18) when USD1 is token0, its inverse otherwise.
 */
export function dollarTick(usd1IsToken0: boolean, usd1Decimals: number, quoteDecimals: number): number {
  const exp = usd1IsToken0 ? quoteDecimals - usd1Decimals : usd1Decimals - quoteDecimals;
  return Math.round((exp * Math.log(10)) / Math.log(1.0001));
}

/** Liquidity such that moving the price from sqrtA down to sqrtB takes `amount0` of token0. */
export function liquidityForAmount0(sqrtA: bigint, sqrtB: bigint, amount0: bigint): bigint {
  const [hi, lo] = sqrtA > sqrtB ? [sqrtA, sqrtB] : [sqrtB, sqrtA];
  return (amount0 * ((hi * lo) / Q96)) / (hi - lo);
}

/** Liquidity such that moving the price from sqrtA up to sqrtB takes `amount1` of token1. */
export function liquidityForAmount1(sqrtA: bigint, sqrtB: bigint, amount1: bigint): bigint {
  const [hi, lo] = sqrtA > sqrtB ? [sqrtA, sqrtB] : [sqrtB, sqrtA];
  return (amount1 * Q96) / (hi - lo);
}

/**
 * The in-range sqrt price after `usd1In` of USD1 enters the pool (net of the fee; negative when it
 * leaves): SqrtPriceMath's next price from an amount of token0 (USD1 is token0) or token1.
 */
export function sqrtPriceAfterUsd1(
  sqrtP: bigint,
  liquidity: bigint,
  usd1IsToken0: boolean,
  usd1In: bigint,
): bigint {
  if (!usd1IsToken0) return sqrtP + (usd1In * Q96) / liquidity;
  const l = liquidity << 96n;
  return (l * sqrtP) / (l + usd1In * sqrtP);
}
