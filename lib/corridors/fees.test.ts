import { describe, expect, it } from "vitest";
import { corridorCostConfigSchema, corridorCostRule, CORRIDOR_COSTS } from "@/lib/config/corridor-costs";
import { applyPpm, averageTicket, estimateFeesSaved, percentToPpm } from "./fees";

const E18 = 10n ** 18n;

describe("percentToPpm / applyPpm", () => {
  it("parses percentages exactly", () => {
    expect(percentToPpm("2.39")).toBe(23_900n);
    expect(percentToPpm("0.1")).toBe(1_000n);
    expect(percentToPpm("5.44")).toBe(54_400n);
    expect(percentToPpm("3")).toBe(30_000n);
    expect(percentToPpm("0.0001")).toBe(1n);
    for (const bad of ["", "1e2", "-1", "2.39%", "1.00001", "0x10"])
      expect(() => percentToPpm(bad)).toThrow();
  });

  it("rounds half away from zero", () => {
    expect(applyPpm(1_000_000n, 23_900n)).toBe(23_900n);
    expect(applyPpm(50n, 10_000n)).toBe(1n); // 0.5 → 1
    expect(applyPpm(49n, 10_000n)).toBe(0n);
    expect(applyPpm(-50n, 10_000n)).toBe(-1n);
  });
});

describe("default corridor costs (DOMAIN.md)", () => {
  it("are what DOMAIN.md says, with assumptions marked", () => {
    expect(corridorCostRule("GB", "PK")).toMatchObject({ costPct: "2.39", assumption: false });
    for (const gulf of ["SA", "AE", "QA", "KW", "OM", "BH"]) {
      expect(corridorCostRule(gulf, "PK")).toMatchObject({ costPct: "3", assumption: true });
    }
    expect(corridorCostRule("US", "PK")).toMatchObject({ costPct: "5.44", assumption: true });
    expect(CORRIDOR_COSTS.sdgTargetPct).toBe("3");
    expect(CORRIDOR_COSTS.onChainCostPct).toBe("0.1");
  });

  it("give no estimate for unattributed, domestic or unconfigured corridors", () => {
    expect(corridorCostRule("ZZ", "PK")).toBeNull();
    expect(corridorCostRule("AE", "ZZ")).toBeNull();
    expect(corridorCostRule("PK", "PK")).toBeNull();
    expect(corridorCostRule("PK", "AE")).toBeNull();
  });

  it("refuse a malformed edit", () => {
    expect(() => corridorCostConfigSchema.parse({ ...CORRIDOR_COSTS, onChainCostPct: "0.1%" })).toThrow();
  });
});

describe("estimateFeesSaved", () => {
  it("is adjusted volume × (traditional − on-chain cost), to the wei", () => {
    // UK → PK: 1,000,000 USD1 × (2.39% − 0.1%) = 22,900 USD1.
    const uk = estimateFeesSaved("GB", "PK", 1_000_000n * E18);
    expect(uk).toMatchObject({ costPct: "2.39", traditionalCost: 23_900n * E18, onChainCost: 1_000n * E18 });
    expect(uk?.saved).toBe(22_900n * E18);
    // A wei tail survives: 3% − 0.1% of 1 wei-precise amount.
    expect(estimateFeesSaved("AE", "PK", 123_456_789n)?.saved).toBe(3_580_247n);
    expect(estimateFeesSaved("ZZ", "PK", E18)).toBeNull();
  });

  it("uses a custom configuration when given one", () => {
    const config = { ...CORRIDOR_COSTS, onChainCostPct: "0.5" };
    expect(estimateFeesSaved("GB", "PK", 100n * E18, config)?.saved).toBe(189n * 10n ** 16n);
  });
});

describe("averageTicket", () => {
  it("rounds the exact average half up", () => {
    expect(averageTicket(10n, 4)).toBe(3n); // 2.5 → 3
    expect(averageTicket(10n, 0)).toBe(0n);
  });
});
