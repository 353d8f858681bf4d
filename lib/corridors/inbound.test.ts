import { describe, expect, it } from "vitest";
import { buildInboundChart, OTHER_SERIES } from "./inbound";

const p = (day: string, originCountry: string, v: bigint, n = 1) => ({
  day,
  originCountry,
  adjustedCount: n,
  adjustedVolume: v,
});

describe("buildInboundChart", () => {
  it("keeps the largest senders, pools the rest, keeps unattributed apart and fills gaps", () => {
    const chart = buildInboundChart(
      [
        p("2026-06-01", "AE", 50n),
        p("2026-06-01", "SA", 40n),
        p("2026-06-01", "ZZ", 7n, 3),
        p("2026-06-03", "GB", 30n),
        p("2026-06-03", "US", 20n, 2),
        p("2026-06-03", "AE", 5n),
      ],
      2,
    );
    expect(chart.keys).toEqual(["AE", "SA", OTHER_SERIES, "ZZ"]);
    expect(chart.points.map((x) => x.x)).toEqual(["2026-06-01", "2026-06-02", "2026-06-03"]);
    expect(chart.points[1]?.values).toEqual({ AE: "0", SA: "0", other: "0", ZZ: "0" });
    expect(chart.points[2]?.values).toEqual({ AE: "5", SA: "0", other: "50", ZZ: "0" });
    expect(chart.totals.get(OTHER_SERIES)).toEqual({ count: 3, volume: 50n });
    expect(chart.totals.get("ZZ")).toEqual({ count: 3, volume: 7n });
  });

  it("sums per week or month, buckets labelled and gaps filled the same way", () => {
    const chart = buildInboundChart(
      [
        p("2026-05-25", "AE", 10n ** 24n, 2),
        p("2026-06-01", "AE", 5n),
        p("2026-06-01", "ZZ", 7n, 3),
        p("2026-06-15", "AE", 1n),
      ],
      5,
      "week",
    );
    expect(chart.points).toEqual([
      { x: "2026-05-25", values: { AE: (10n ** 24n).toString(), ZZ: "0" } },
      { x: "2026-06-01", values: { AE: "5", ZZ: "7" } },
      { x: "2026-06-08", values: { AE: "0", ZZ: "0" } },
      { x: "2026-06-15", values: { AE: "1", ZZ: "0" } },
    ]);
    expect(chart.totals.get("AE")).toEqual({ count: 4, volume: 10n ** 24n + 6n });
    const months = buildInboundChart([p("2026-04-01", "AE", 3n), p("2026-06-01", "AE", 4n)], 5, "month");
    expect(months.points.map((x) => [x.x, x.values.AE])).toEqual([
      ["2026-04", "3"],
      ["2026-05", "0"],
      ["2026-06", "4"],
    ]);
  });

  it("is empty without data", () => {
    expect(buildInboundChart([])).toEqual({ keys: [], points: [], totals: new Map() });
  });
});
