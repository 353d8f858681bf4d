import { describe, expect, it } from "vitest";
import { RULE_IDS } from "@/db/schema/monitoring";
import { placeholders } from "../explain";
import { RULES, ruleById } from ".";

describe("rule registry", () => {
  it("has R1–R12 in order, each with a title, summary, version and parsable defaults", () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) {
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.summary.length).toBeGreaterThan(20);
      expect(r.logicVersion).toBeGreaterThanOrEqual(1);
      expect(() => r.instantiate(r.defaults)).not.toThrow();
      for (const t of Object.values(r.explanations)) expect(placeholders(t).length).toBeGreaterThan(0);
    }
  });

  it("rejects unknown or malformed parameters", () => {
    const r2 = ruleById("R2");
    expect(() => r2.instantiate({ ...r2.defaults, thresholdWei: "1e21" })).toThrow();
    expect(() => r2.instantiate({ ...r2.defaults, surprise: 1 })).toThrow();
    expect(() => ruleById("R9").instantiate({ ...ruleById("R9").defaults, flaggedStatuses: [] })).toThrow();
  });
});
