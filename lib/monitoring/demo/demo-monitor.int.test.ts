// Issue 5 "done": on the demo seed (simulator → anvil → indexer with its monitoring hook →
// Postgres) every planted pattern is flagged by the rule it was planted for, benign traffic trips
// none of R1–R4, and a full rebuild agrees with what the incremental hook raised. Issue #17: every
// planted market episode is caught by R13/R14 and neither raises on a normal day.
import { describe, expect, it } from "vitest";
import { quietLog } from "@/lib/indexer/testing/harness";
import { marketCaught } from "./classify";
import { runDemoReport } from "./report";

const params = { seed: "monitor-int", days: 14, scale: 0.3, endDate: "2026-04-30" };

describe("monitoring on the demo seed", () => {
  it("flags every planted pattern with its intended rule", async () => {
    const r = await runDemoReport(params, quietLog);
    expect(r.planted.map((p) => [p.chainId, p.rule, p.flaggedBy.includes(p.rule)])).toEqual([
      [31337, "R2", true],
      [31337, "R3", true],
      [31337, "R4", true],
      [31337, "R1", true],
      [31338, "R2", true],
      [31338, "R3", true],
      [31338, "R4", true],
      [31338, "R1", true],
    ]);
    const benign = Object.fromEntries(r.rules.map((c) => [c.ruleId, c.benign]));
    expect([benign.R1, benign.R2, benign.R3, benign.R4]).toEqual([0, 0, 0, 0]);
    expect(
      r.market.map((m) => [m.chainId, m.ruleId, m.caughtBy.map((x) => x.variant), marketCaught(m)]),
    ).toEqual([
      [31337, "R14", ["depeg"], true],
      [31337, "R14", ["depeg", "depeg_severe"], true],
      [31338, "R14", ["liquidity_drop"], true],
      [31337, "R13", ["drop", "ratio_below"], true],
      [31337, "R13", ["stale"], true],
    ]);
    const market = r.rules.filter((c) => c.ruleId === "R13" || c.ruleId === "R14");
    expect(market.map((c) => [c.ruleId, c.onPlanted, c.benign])).toEqual([
      ["R13", 3, 0],
      ["R14", 4, 0],
    ]);
    // Deployment (upgrade, admin, owner) and the planned freeze, drain and pause, per chain.
    expect(r.rules.find((c) => c.ruleId === "R10")?.admin).toBeGreaterThanOrEqual(2 * 6);
    expect(r.rebuildDiff).toBe(0);
  });
});
