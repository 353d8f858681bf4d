import { describe, expect, it } from "vitest";
import {
  bucketLabel,
  bucketLabelsBetween,
  bucketPoints,
  bucketStart,
  chartBucketFor,
  daysInRange,
} from "./buckets";

describe("chart buckets", () => {
  it("draws two months per day, a year per week and longer per month", () => {
    expect(daysInRange("2026-01-01", "2026-01-01")).toBe(1);
    expect(chartBucketFor("2026-01-01", "2026-03-03")).toBe("day"); // 62 days
    expect(chartBucketFor("2026-01-01", "2026-03-04")).toBe("week");
    expect(chartBucketFor("2026-01-01", "2026-03-31")).toBe("week"); // the 90-day preset
    expect(chartBucketFor("2025-01-01", "2026-01-01")).toBe("week"); // 366 days
    expect(chartBucketFor("2024-12-02", "2026-12-02")).toBe("month");
  });

  it("starts weeks on Monday (UTC) and months on the 1st", () => {
    expect(bucketStart("2026-12-02", "week")).toBe("2026-11-30"); // a Wednesday
    expect(bucketStart("2026-11-30", "week")).toBe("2026-11-30");
    expect(bucketStart("2026-12-06", "week")).toBe("2026-11-30"); // Sunday
    expect(bucketStart("2027-01-01", "week")).toBe("2026-12-28"); // across a year
    expect(bucketLabel("2026-02-28", "month")).toBe("2026-02");
    expect(bucketLabel("2026-02-28", "day")).toBe("2026-02-28");
  });

  it("lists every bucket between two days, gaps included", () => {
    expect(bucketLabelsBetween("2025-11-15", "2026-02-01", "month")).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(bucketLabelsBetween("2026-11-29", "2026-12-14", "week")).toEqual([
      "2026-11-23",
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
    ]);
    expect(bucketLabelsBetween("2026-02-27", "2026-03-01", "day")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });

  it("sums flows and keeps a stock's last day, exactly", () => {
    const big = 10n ** 30n + 1n;
    const points = [
      { x: "2026-01-30", values: { a: big.toString(), b: "1" } },
      { x: "2026-01-31", values: { a: "2", b: "5" } },
      { x: "2026-02-02", values: { a: "7", b: "0" } },
    ];
    expect(bucketPoints(points, "month", "sum")).toEqual([
      { x: "2026-01", values: { a: (big + 2n).toString(), b: "6" } },
      { x: "2026-02", values: { a: "7", b: "0" } },
    ]);
    expect(bucketPoints(points, "month", "last")).toEqual([
      { x: "2026-01", values: { a: "2", b: "5" } },
      { x: "2026-02", values: { a: "7", b: "0" } },
    ]);
    expect(bucketPoints(points, "day", "sum")).toEqual(points);
  });
});
