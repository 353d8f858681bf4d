import { describe, expect, it } from "vitest";
import { r14Peg, type R14Params } from "../rules/r14-peg";
import { evaluatePeg, type SwapPoint } from "./peg-eval";

const P = r14Peg.paramsSchema.parse(r14Peg.defaults) as R14Params;
const T = 1_750_000_200; // a multiple of 300
const E15 = 10n ** 15n;
const swap = (n: number, dt: number, priceE18: bigint, liquidity: bigint): SwapPoint => ({
  block: 100 + n,
  txHash: `0x${n.toString(16).padStart(64, "0")}`,
  logIndex: n,
  time: T + dt,
  priceE18,
  liquidity,
});
const pool = (swaps: SwapPoint[]) => ({
  chainId: 31337,
  address: "0x00000000000000000000000000000000000000aa",
  label: "USD1/USDT 0.01%",
  quoteSymbol: "USDT",
  swaps,
});

describe("R14 peg", () => {
  // k2: (5 s × 1.000 + 295 s × 0.994) / 300 = 0.9941 (−59 bps); k3, k4: 0.994 (−60 bps);
  // k5: 0.970 (−300 bps) with liquidity 1000 → 400; k6 on: 1.000.
  const s1 = swap(1, 10, 1000n * E15, 1000n);
  const s2 = swap(2, 605, 994n * E15, 1000n);
  const s3 = swap(3, 1500, 970n * E15, 400n);
  const s4 = swap(4, 1800, 1000n * E15, 400n);
  const now = T + 20 * 300 + 17;

  it("raises one high depeg (15 min ≥ 50 bps), one severe (≥ 200 bps) and one liquidity drop, exactly", () => {
    const hits = evaluatePeg(P, pool([s1, s2, s3, s4]), now);
    expect(hits.map((h) => [h.variant, h.severity, h.trigger.logIndex, h.facts])).toEqual([
      [
        "depeg",
        "high",
        2,
        {
          pool: "USD1/USDT 0.01%",
          quote: "USDT",
          threshold: "50",
          span: "15 min",
          time: "2025-06-15T15:20:00Z",
          worst: "−60.00",
          worstPrice: "0.9940",
        },
      ],
      [
        "depeg_severe",
        "severe",
        3,
        {
          pool: "USD1/USDT 0.01%",
          quote: "USDT",
          threshold: "200",
          time: "2025-06-15T15:35:00Z",
          price: "0.9700",
          deviation: "−300.00",
        },
      ],
      [
        "liquidity_drop",
        "medium",
        3,
        {
          pool: "USD1/USDT 0.01%",
          fall: "60.00",
          window: "1 h",
          time: "2025-06-15T15:40:00Z",
          before: "1000",
          after: "400",
          limit: "50",
        },
      ],
    ]);
    expect(hits[0]?.evidence).toEqual([
      { source: "pool_swap", block: 102, txHash: s2.txHash, logIndex: 2, role: "trigger" },
    ]);
    expect(hits.map((h) => h.subject)).toEqual(Array(3).fill("0x00000000000000000000000000000000000000aa"));
  });

  it("is stable as the series grows and judges only complete buckets", () => {
    const base = evaluatePeg(P, pool([s1, s2, s3, s4]), now);
    const later = evaluatePeg(P, pool([s1, s2, s3, s4, swap(5, 6000, 1001n * E15, 400n)]), now + 3600);
    expect(later).toEqual(base);
    // Before k4 has closed, the run is 2 buckets long: not yet 15 minutes.
    expect(evaluatePeg(P, pool([s1, s2]), T + 1499).map((h) => h.variant)).toEqual([]);
    expect(evaluatePeg(P, pool([s1, s2]), T + 1500).map((h) => h.variant)).toEqual(["depeg"]);
  });

  it("does not count 49.99 bps as 50, nor exactly 50 % of liquidity as more than 50 %", () => {
    const near = [swap(1, 0, 1000n * E15, 1000n), swap(2, 300, 1_004_999n * 10n ** 12n, 500n)];
    expect(evaluatePeg(P, pool(near), T + 3000)).toEqual([]);
    const at = [swap(1, 0, 1000n * E15, 1000n), swap(2, 300, 995n * E15, 1000n)];
    expect(evaluatePeg(P, pool(at), T + 3000).map((h) => [h.variant, h.facts.worst])).toEqual([
      ["depeg", "−50.00"],
    ]);
  });

  it("has nothing to say about a pool without swaps", () => {
    expect(evaluatePeg(P, pool([]), now)).toEqual([]);
  });
});
