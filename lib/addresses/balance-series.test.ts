import { describe, expect, it } from "vitest";
import { fillBalanceDays } from "./balance-series";

describe("fillBalanceDays", () => {
  it("carries the balance through quiet days", () => {
    const p = (day: string, balance: bigint) => ({ day, received: 0n, sent: 0n, balance });
    expect(fillBalanceDays([p("2026-06-01", 5n), p("2026-06-04", 2n)])).toEqual([
      { x: "2026-06-01", values: { balance: "5" } },
      { x: "2026-06-02", values: { balance: "5" } },
      { x: "2026-06-03", values: { balance: "5" } },
      { x: "2026-06-04", values: { balance: "2" } },
    ]);
    expect(fillBalanceDays([])).toEqual([]);
  });
});
