import { describe, expect, it } from "vitest";
import {
  breaches,
  collateral,
  deviationCentiBps,
  deviationCentiBpsE18,
  fellMoreThan,
  formatCentiBps,
  formatPercentE18,
  isToken0,
  pegBuckets,
  Q96,
  scaleTo18,
  toE18,
  token0Price,
  usd1Price,
  type PricePoint,
} from "./math";

// Expected figures below were computed independently with Python's fractions.Fraction
// (exact rationals) from the same sqrtPriceX96 values, not with this module.

const USD1 = "0x8d0D000Ee44948FC98c9B98A4FA4921476f08B0d";
const USDT_ETH = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
const USDT_BNB = "0x55d398326f99059fF775485246999027B3197955";

describe("token order", () => {
  it("token0 is the lower address, case-insensitively", () => {
    expect(isToken0(USD1, USDT_ETH)).toBe(true); // Ethereum: USD1 is token0 (18/6)
    expect(isToken0(USD1, USDT_BNB)).toBe(false); // BNB Chain: USDT is token0 (18/18)
    expect(isToken0(USDT_BNB.toLowerCase(), USD1.toUpperCase().replace("0X", "0x"))).toBe(true);
    expect(() => isToken0(USD1, USD1.toLowerCase())).toThrow(/differ/);
  });
});

describe("price from sqrtPriceX96", () => {
  it("is exact: (2^96 + 2^89) at 18/18 is (129/128)^2 = 16641/16384", () => {
    const s = Q96 + (1n << 89n);
    const p = usd1Price(s, { usd1IsToken0: true, usd1Decimals: 18, quoteDecimals: 18 });
    expect(p.num * 16384n).toBe(p.den * 16641n);
    expect(toE18(p)).toBe(1015686035156250000n);
    expect(deviationCentiBps(p)).toBe(15686n); // 156.8603515625 bps, truncated
    const inv = usd1Price(s, { usd1IsToken0: false, usd1Decimals: 18, quoteDecimals: 18 });
    expect(inv.num * 16641n).toBe(inv.den * 16384n);
    expect(toE18(inv)).toBe(984556216573523225n);
    expect(deviationCentiBps(inv)).toBe(-15443n); // −154.4378… bps, truncated toward zero
  });

  it("applies 10^(decimals0 − decimals1): sqrtPriceX96 = 2^96 is 1e12 at 18/6 and 1e-12 at 6/18", () => {
    expect(token0Price(Q96, 18, 6)).toEqual({ num: (1n << 192n) * 10n ** 12n, den: 1n << 192n });
    expect(toE18(token0Price(Q96, 18, 6))).toBe(10n ** 30n);
    expect(toE18(token0Price(Q96, 6, 18))).toBe(10n ** 6n);
    expect(toE18(token0Price(Q96, 18, 18))).toBe(10n ** 18n);
  });

  const cases = [
    {
      name: "USD1 token0, 18/6 (Ethereum USDT), −10 bps",
      s: 79188538524532033966444n,
      pool: { usd1IsToken0: true, usd1Decimals: 18, quoteDecimals: 6 },
      e18: 998999999999999999n,
      dev: -1000n,
    },
    {
      name: "USD1 token1, 6/18, +25 bps",
      s: 79129312616115486070837105845271329n,
      pool: { usd1IsToken0: false, usd1Decimals: 18, quoteDecimals: 6 },
      e18: 1002500000000000000n,
      dev: 2500n,
    },
    {
      name: "USD1 token0, 18/18, −200 bps",
      s: 78431879364700595886224713518n,
      pool: { usd1IsToken0: true, usd1Decimals: 18, quoteDecimals: 18 },
      e18: 979999999999999999n,
      dev: -20000n,
    },
    {
      name: "USD1 token1, 18/18 (BNB USDT), +3.5 bps",
      s: 79214301224306848242083905274n,
      pool: { usd1IsToken0: false, usd1Decimals: 18, quoteDecimals: 18 },
      e18: 1000350000000000000n,
      dev: 350n,
    },
    {
      name: "USD1 token0, 18/6, +49.99 bps (not 50)",
      s: 79425948409930652525954n,
      pool: { usd1IsToken0: true, usd1Decimals: 18, quoteDecimals: 6 },
      e18: 1004999049999999999n,
      dev: 4999n,
    },
    {
      name: "USD1 token1, 18/18, −49.99 bps (not 50)",
      s: 79426940875650063002852384544n,
      pool: { usd1IsToken0: false, usd1Decimals: 18, quoteDecimals: 18 },
      e18: 995000950000000000n,
      dev: -4999n,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = usd1Price(c.s, c.pool);
      expect(toE18(p)).toBe(c.e18);
      expect(deviationCentiBps(p)).toBe(c.dev);
    });
  }

  it("refuses a zero price and impossible decimals", () => {
    expect(() => usd1Price(0n, { usd1IsToken0: true, usd1Decimals: 18, quoteDecimals: 6 })).toThrow();
    expect(() => token0Price(Q96, 18.5, 6)).toThrow(/decimals/);
  });
});

describe("deviation rounding: truncated toward zero, thresholds exact", () => {
  it("a 49.99… bps move never counts as 50", () => {
    const justBelow = { num: 10_049_999_999n, den: 10_000_000_000n }; // +49.99999 bps
    expect(deviationCentiBps(justBelow)).toBe(4999n);
    expect(breaches(deviationCentiBps(justBelow), 50)).toBe(false);
    const belowDown = { num: 9_950_000_001n, den: 10_000_000_000n }; // −49.99999 bps
    expect(deviationCentiBps(belowDown)).toBe(-4999n);
    expect(breaches(-4999n, 50)).toBe(false);
  });
  it("exactly 50 bps counts, on both sides", () => {
    expect(deviationCentiBps({ num: 1005n, den: 1000n })).toBe(5000n);
    expect(deviationCentiBps({ num: 995n, den: 1000n })).toBe(-5000n);
    expect(breaches(5000n, 50)).toBe(true);
    expect(breaches(-5000n, 50)).toBe(true);
    expect(breaches(-19999n, 200)).toBe(false);
    expect(breaches(-20000n, 200)).toBe(true);
  });
  it("works on 1e18 prices and formats without floats", () => {
    expect(deviationCentiBpsE18(1_000_000_000_000_000_000n)).toBe(0n);
    expect(deviationCentiBpsE18(999_999_999_999_999_999n)).toBe(0n);
    expect(deviationCentiBpsE18(1_000_100_000_000_000_000n)).toBe(100n);
    expect(formatCentiBps(-4999n)).toBe("−49.99");
    expect(formatCentiBps(5n)).toBe("0.05");
    expect(formatCentiBps(20000n)).toBe("200.00");
  });
});

describe("time-weighted price per 5 minutes", () => {
  const from = 1_750_000_200; // a multiple of 300
  const pt = (dt: number, priceE18: bigint, liquidity: bigint): PricePoint => ({
    time: from + dt,
    priceE18,
    liquidity,
  });
  const E = 10n ** 16n; // a hundredth of a dollar

  it("weights each price by the seconds it held and carries it across empty buckets", () => {
    const points = [
      pt(60, 99n * E, 90n),
      pt(240, 101n * E, 120n),
      pt(750, 98n * E, 50n), // held for zero seconds: the next swap is in the same second
      pt(750, 97n * E, 40n),
    ];
    const b = pegBuckets(points, from, from + 900, pt(-10, 100n * E, 100n));
    expect(b).toEqual([
      // (60 × 1.00 + 180 × 0.99 + 60 × 1.01) / 300 = 0.996
      {
        start: from,
        twapE18: 996n * 10n ** 15n,
        deviationCentiBps: -4000n,
        coveredSeconds: 300,
        liquidity: 120n,
        minLiquidity: 90n,
        swaps: 2,
      },
      {
        start: from + 300,
        twapE18: 101n * E,
        deviationCentiBps: 10000n,
        coveredSeconds: 300,
        liquidity: 120n,
        minLiquidity: 120n,
        swaps: 0,
      },
      // (150 × 1.01 + 0 × 0.98 + 150 × 0.97) / 300 = 0.99
      {
        start: from + 600,
        twapE18: 99n * E,
        deviationCentiBps: -10000n,
        coveredSeconds: 300,
        liquidity: 40n,
        minLiquidity: 40n,
        swaps: 2,
      },
    ]);
  });

  it("has no price before the pool's first swap and averages over the covered seconds only", () => {
    const b = pegBuckets([pt(400, 1_003n * 10n ** 15n, 7n)], from, from + 600, null);
    expect(b[0]).toEqual({
      start: from,
      twapE18: null,
      deviationCentiBps: null,
      coveredSeconds: 0,
      liquidity: null,
      minLiquidity: null,
      swaps: 0,
    });
    expect(b[1]?.twapE18).toBe(1_003n * 10n ** 15n);
    expect(b[1]?.coveredSeconds).toBe(200);
    expect(b[1]?.deviationCentiBps).toBe(3000n);
  });

  it("rounds the average down", () => {
    const b = pegBuckets([pt(1, 10n ** 18n, 1n)], from, from + 300, pt(-1, 10n ** 18n + 1n, 1n));
    expect(b[0]?.twapE18).toBe(10n ** 18n); // (1e18 + 1 + 299e18) / 300, floor
  });

  it("refuses unaligned ranges and points out of order or out of range", () => {
    expect(() => pegBuckets([], from + 1, from + 300, null)).toThrow(/aligned/);
    expect(() => pegBuckets([pt(100, 1n, 1n), pt(50, 1n, 1n)], from, from + 300, null)).toThrow(/order/);
    expect(() => pegBuckets([pt(300, 1n, 1n)], from, from + 300, null)).toThrow(/after/);
    expect(pegBuckets([], from, from, null)).toEqual([]);
  });
});

describe("collateral ratio and coverage", () => {
  const W = 10n ** 18n;
  const parts = [
    { chain: "Ethereum", supplyWei: 1_790_123_456_789_012_345_678_901_234n, indexed: true },
    { chain: "BNB Chain", supplyWei: 1_800_000_000_000_000_000_000_000_001n, indexed: true },
    { chain: "Tron", supplyWei: 600_000_000n * W, indexed: false },
    { chain: "Solana", supplyWei: 439_876_543n * W + 210_987_654_321_098_765n, indexed: false },
  ];

  it("one wei short is under-collateralised, to the wei", () => {
    const c = collateral(4_629_999_999_999_999_999_999_999_999n, parts);
    expect(c.supplyWei).toBe(4_630_000_000n * W);
    expect(c.indexedSupplyWei).toBe(3_590_123_456_789_012_345_678_901_235n);
    expect(c.enteredSupplyWei).toBe(1_039_876_543_210_987_654_321_098_765n);
    expect(c.ratioE18).toBe(999_999_999_999_999_999n);
    expect(c.underCollateralised).toBe(true);
    expect(c.surplusWei).toBe(-1n);
    expect(c.coverageE18).toBe(775_404_634_295_683_012n);
    expect(formatPercentE18(c.ratioE18 ?? 0n)).toBe("99.99");
    expect(formatPercentE18(c.coverageE18 ?? 0n)).toBe("77.54");
  });

  it("over-collateralised and exactly covered", () => {
    const c = collateral(4_700_000_000n * W, parts);
    expect(c.ratioE18).toBe(1_015_118_790_496_760_259n);
    expect(c.surplusWei).toBe(70_000_000n * W);
    expect(c.underCollateralised).toBe(false);
    const exact = collateral(4_630_000_000n * W, parts);
    expect(exact.ratioE18).toBe(W);
    expect(exact.underCollateralised).toBe(false);
    expect(formatPercentE18(exact.ratioE18 ?? 0n)).toBe("100.00");
  });

  it("all indexed is full coverage; no supply has no ratio", () => {
    expect(collateral(5n, [{ chain: "a", supplyWei: 4n, indexed: true }]).coverageE18).toBe(W);
    const none = collateral(5n, []);
    expect(none.ratioE18).toBeNull();
    expect(none.coverageE18).toBeNull();
    expect(() => collateral(-1n, [])).toThrow();
  });

  it("a fall is 'more than X %' exactly", () => {
    expect(fellMoreThan(10_000n, 9_000n, 1000)).toBe(false); // exactly 10 %
    expect(fellMoreThan(10_000n, 8_999n, 1000)).toBe(true);
    expect(fellMoreThan(10_000n, 11_000n, 1000)).toBe(false);
    expect(fellMoreThan(0n, 0n, 1000)).toBe(false);
  });

  it("scales feed answers to 18 decimals without losing digits", () => {
    expect(scaleTo18(123_456_789n, 8)).toBe(1_234_567_890_000_000_000n);
    expect(scaleTo18(5n * 10n ** 20n, 20)).toBe(5n * W);
    expect(() => scaleTo18(5n * 10n ** 20n + 1n, 20)).toThrow(/fit/);
  });
});
