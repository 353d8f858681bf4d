// Alert counts over time (the alert list's trend chart), over the alert list's seed.
import { describe, expect, it } from "vitest";
import { at, seededAlertsListDb } from "../testing/alerts-list-fixture";
import { LIVE_ALERT_STATUSES, type AlertFilter } from "./alerts-list";
import { countAlertsOverTime } from "./alerts-trend";

const seeded = seededAlertsListDb("usd1_test_alerts_trend");
const { list } = seeded;

describe("countAlertsOverTime", () => {
  it("counts per UTC day by severity and rule, empty days included", async () => {
    const t = await countAlertsOverTime(seeded.db, {});
    expect(t.bucket).toBe("day");
    expect(t.points).toHaveLength(41); // 2026-06-01 … 2026-07-11
    expect([t.points[0]?.start, t.points[40]?.start]).toEqual(["2026-06-01", "2026-07-11"]);
    const nonEmpty = t.points
      .filter((p) => Object.values(p.bySeverity).some((n) => n > 0))
      .map((p) => [p.start, p.bySeverity]);
    expect(nonEmpty).toEqual([
      ["2026-06-01", { severe: 1, high: 1, medium: 0, low: 0 }],
      ["2026-06-02", { severe: 0, high: 1, medium: 0, low: 0 }],
      ["2026-06-03", { severe: 0, high: 0, medium: 1, low: 0 }],
      ["2026-06-04", { severe: 1, high: 0, medium: 0, low: 0 }],
      ["2026-06-10", { severe: 0, high: 0, medium: 0, low: 1 }],
      ["2026-07-11", { severe: 0, high: 0, medium: 1, low: 0 }],
    ]);
    expect(t.points[0]?.byRule).toMatchObject({ R1: 1, R2: 1, R3: 0 });
    expect([t.total, t.bySeverity]).toEqual([7, { severe: 2, high: 2, medium: 2, low: 1 }]);
    expect(t.byRule).toEqual({
      R1: 1,
      R2: 1,
      R3: 1,
      R4: 0,
      R5: 0,
      R6: 1,
      R7: 0,
      R8: 0,
      R9: 1,
      R10: 1,
      R11: 0,
      R12: 1,
      R13: 0,
      R14: 0,
    });
  });

  it("agrees with the list's total for the same filter, and spans the filter's own range", async () => {
    const filter: AlertFilter = {
      statuses: LIVE_ALERT_STATUSES,
      since: at("2026-05-30", 0),
      until: at("2026-06-05", 0),
    };
    const t = await countAlertsOverTime(seeded.db, filter);
    expect(t.total).toBe((await list(filter)).total);
    expect(t.points.map((p) => [p.start, p.bySeverity.severe + p.bySeverity.high])).toEqual([
      ["2026-05-30", 0],
      ["2026-05-31", 0],
      ["2026-06-01", 2],
      ["2026-06-02", 1],
      ["2026-06-03", 0],
      ["2026-06-04", 1],
    ]);
  });

  it("counts per ISO week (from Monday) over a long range", async () => {
    const t = await countAlertsOverTime(seeded.db, {
      since: at("2026-01-01", 0),
      until: at("2026-07-12", 0),
    });
    expect(t.bucket).toBe("week");
    expect(t.points).toHaveLength(28);
    expect([t.points[0]?.start, t.points[27]?.start]).toEqual(["2025-12-29", "2026-07-06"]);
    const weeks = t.points
      .map((p) => [p.start, Object.values(p.bySeverity).reduce((a, b) => a + b, 0)] as const)
      .filter(([, n]) => n > 0);
    expect(weeks).toEqual([
      ["2026-06-01", 5],
      ["2026-06-08", 1],
      ["2026-07-06", 1],
    ]);
  });

  it("counts per month past a year (two years: 25 points, not 105 weeks)", async () => {
    const t = await countAlertsOverTime(seeded.db, {
      since: at("2025-01-15", 0),
      until: at("2027-01-10", 0),
    });
    expect(t.bucket).toBe("month");
    expect(t.points).toHaveLength(25);
    expect([t.points[0]?.start, t.points[24]?.start]).toEqual(["2025-01-01", "2027-01-01"]);
    const months = t.points
      .map((p) => [p.start, Object.values(p.bySeverity).reduce((a, b) => a + b, 0)] as const)
      .filter(([, n]) => n > 0);
    expect(months).toEqual([
      ["2026-06-01", 6],
      ["2026-07-01", 1],
    ]);
    expect(t.total).toBe(7);
  });

  it("has no points when nothing matches and the range is open", async () => {
    const t = await countAlertsOverTime(seeded.db, { ruleId: "R4" });
    expect([t.points, t.total]).toEqual([[], 0]);
  });
});
