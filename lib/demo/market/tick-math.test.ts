import { describe, expect, it } from "vitest";
import { dollarTick, liquidityForAmount0, liquidityForAmount1, MAX_TICK, Q96, sqrtRatioAtTick } from "./tick-math";

describe("tick math (Uniswap v3 TickMath in bigint)", () => {
  it("gives the pool's own values at tick 0 and at the bounds", () => {
    expect(sqrtRatioAtTick(0)).toBe(Q96);
    expect(sqrtRatioAtTick(-MAX_TICK)).toBe(4_295_128_739n);
    expect(sqrtRatioAtTick(MAX_TICK)).toBe(1_461_446_703_485_210_103_287_273_052_203_988_822_378_723_970_342n);
    expect(() => sqrtRatioAtTick(MAX_TICK + 1)).toThrow(/out of range/);
  });

  it("places $1 at the tick of 10^(decimals0 − decimals1)", () => {
    expect(dollarTick(true, 18, 18)).toBe(0);
    // USD1 (18) against USDT (6): 1e-12 quote units per USD1 unit when USD1 is token0.
    expect(dollarTick(true, 18, 6)).toBe(-276_324);
    expect(dollarTick(false, 18, 6)).toBe(276_324);
  });

  it("sizes liquidity from an amount over a price move, either token", () => {
    const a = sqrtRatioAtTick(0);
    const b = sqrtRatioAtTick(-100);
    const l0 = liquidityForAmount0(a, b, 10n ** 24n);
    const l1 = liquidityForAmount1(a, sqrtRatioAtTick(100), 10n ** 24n);
    // 1e24 × √(1.0001^−100) / (1 − √(1.0001^−100)) ≈ 1e24 / (√(1.0001^100) − 1) ≈ 1.995e26.
    expect(l0 / 10n ** 24n).toBe(199n);
    expect(l1 / 10n ** 24n).toBe(199n);
  });
});
