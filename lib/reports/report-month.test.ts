import { describe, expect, it } from "vitest";
import { defaultReportMonth, previousMonth } from "./report-month";

const NOW = new Date("2026-11-25T15:00:00Z");

describe("previousMonth", () => {
  it("steps back across a year", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(previousMonth("2026-11")).toBe("2026-10");
  });
});

describe("defaultReportMonth", () => {
  it("picks the newest month that has ended", () => {
    expect(defaultReportMonth(["2026-05", "2026-11", "2026-06"], NOW)).toBe("2026-06");
  });
  it("falls back to the current month when only it has data", () => {
    expect(defaultReportMonth(["2026-11"], NOW)).toBe("2026-11");
  });
  it("offers last month when there is no data at all", () => {
    expect(defaultReportMonth([], NOW)).toBe("2026-10");
  });
  it("ignores months after the current one (a chain clock ahead of ours)", () => {
    expect(defaultReportMonth(["2027-01", "2026-09"], NOW)).toBe("2026-09");
  });
});
