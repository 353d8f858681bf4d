import { describe, expect, it } from "vitest";
import { balanceChartPoints, fillBalanceDays } from "./balance-series";

const p = (day: string, balance: bigint) => ({ day, received: 0n, sent: 0n, balance });

describe("fillBalanceDays", () => {
  it("carries the balance through quiet days", () => {
    expect(fillBalanceDays({ opening: 0n, points: [p("2026-06-01", 5n), p("2026-06-04", 2n)] })).toEqual([
      { x: "2026-06-01", values: { balance: "5" } },
      { x: "2026-06-02", values: { balance: "5" } },
      { x: "2026-06-03", values: { balance: "5" } },
      { x: "2026-06-04", values: { balance: "2" } },
    ]);
    expect(fillBalanceDays({ opening: 0n, points: [] })).toEqual([]);
  });

  it("spans the window: the opening balance before the first active day, the last one to its end", () => {
    expect(
      fillBalanceDays(
        { opening: 7n, points: [p("2026-06-02", 9n)] },
        { fromDay: "2026-06-01", toDay: "2026-06-04" },
      ),
    ).toEqual([
      { x: "2026-06-01", values: { balance: "7" } },
      { x: "2026-06-02", values: { balance: "9" } },
      { x: "2026-06-03", values: { balance: "9" } },
      { x: "2026-06-04", values: { balance: "9" } },
    ]);
    // A quiet window: the balance held throughout.
    expect(
      fillBalanceDays({ opening: 3n, points: [] }, { fromDay: "2026-06-01", toDay: "2026-06-02" }),
    ).toEqual([
      { x: "2026-06-01", values: { balance: "3" } },
      { x: "2026-06-02", values: { balance: "3" } },
    ]);
  });
});

describe("balanceChartPoints", () => {
  it("draws up to 120 days day by day, a longer span every 7th day back from its last", () => {
    const short = balanceChartPoints(
      { opening: 1n, points: [] },
      { fromDay: "2026-01-01", toDay: "2026-04-30" },
    );
    expect(short.step).toBe("day");
    expect(short.points).toHaveLength(120);
    const long = balanceChartPoints(
      { opening: 1n, points: [p("2026-01-03", 4n), p("2026-05-01", 9n)] },
      { fromDay: "2026-01-01", toDay: "2026-05-01" },
    );
    expect(long.step).toBe("week");
    // 121 days: 2026-05-01 and every 7th day before it, back to 2026-01-02.
    expect(long.points).toHaveLength(18);
    expect(long.points[0]).toEqual({ x: "2026-01-02", values: { balance: "1" } });
    expect(long.points[1]).toEqual({ x: "2026-01-09", values: { balance: "4" } });
    expect(long.points.at(-1)).toEqual({ x: "2026-05-01", values: { balance: "9" } });
  });
});
