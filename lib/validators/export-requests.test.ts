import { describe, expect, it } from "vitest";
import { goamlAlertIdsSchema, monthlyReportRequestSchema, utcMonthOf } from "./export-requests";

const NOW = new Date("2026-11-25T23:30:00Z");
const monthly = monthlyReportRequestSchema(NOW);
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe("monthlyReportRequestSchema", () => {
  it("takes a past or current month and an optional chain", () => {
    expect(monthly.parse({ month: "2000-01" })).toEqual({ month: "2000-01" });
    expect(monthly.parse({ month: "2026-11", chainId: "31337" })).toEqual({
      month: "2026-11",
      chainId: 31337,
    });
  });
  it("refuses a future month, a malformed one, a missing one and a bad chain", () => {
    expect(messages(monthly.safeParse({ month: "2026-12" }))).toEqual([
      "month is in the future: nothing to report yet",
    ]);
    expect(messages(monthly.safeParse({ month: "2026-13" }))).toEqual(["month must be written YYYY-MM"]);
    expect(messages(monthly.safeParse({}))).toEqual(["month is required (YYYY-MM)"]);
    expect(messages(monthly.safeParse({ month: "2026-01", chainId: "eth" }))).toEqual([
      "chain must be a numeric chain id",
    ]);
  });
  it("reads the month in UTC", () => {
    expect(utcMonthOf(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11");
  });
});

describe("goamlAlertIdsSchema", () => {
  it("takes repeated ids, without duplicates", () => {
    expect(goamlAlertIdsSchema.parse(["7", "3", "7"])).toEqual([7, 3]);
  });
  it("refuses none, non-numbers, zero, and more than 500", () => {
    expect(messages(goamlAlertIdsSchema.safeParse([]))).toEqual([
      "Name the case's alerts: ?alert=<id> (repeat for several).",
    ]);
    expect(messages(goamlAlertIdsSchema.safeParse(["1;drop"]))).toEqual([
      "alert must be an alert id (a positive number)",
    ]);
    expect(messages(goamlAlertIdsSchema.safeParse(["0"]))).toHaveLength(1);
    const many = Array.from({ length: 501 }, (_, i) => String(i + 1));
    expect(messages(goamlAlertIdsSchema.safeParse(many))).toEqual([
      "A goAML report covers at most 500 alerts.",
    ]);
  });
});
