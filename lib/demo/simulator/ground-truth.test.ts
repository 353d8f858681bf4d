import { describe, expect, it } from "vitest";
import { computeGroundTruth } from "./ground-truth";
import { planActivity, planDays } from "./plan";
import { buildRegistry } from "./registry";
import type { PlannedAction } from "./types";

const registry = buildRegistry("truth", { chainIds: [31337] });
const plan = planActivity({ seed: "truth", days: 8, scale: 0.5, endDate: "2026-11-25", registry });

const sum = (actions: PlannedAction[], pick: (a: PlannedAction) => bigint | null) =>
  actions.reduce((s, a) => s + (pick(a) ?? 0n), 0n);

describe("computeGroundTruth", () => {
  const truth = computeGroundTruth(plan);

  it("counts the governor's two Transfer logs per mint and burn, one per transfer and drain", () => {
    const mints = plan.actions.filter((a) => a.kind === "mint");
    const burns = plan.actions.filter((a) => a.kind === "burn");
    const moves = plan.actions.filter((a) => a.kind === "transfer" || a.kind === "drain");
    const amount = (a: PlannedAction) => ("amount" in a ? a.amount : null);
    expect(truth.transfers.mint.count).toBe(mints.length);
    expect(truth.transfers.burn.count).toBe(burns.length);
    // mint: 0x0 → governor, governor → treasury; burn: treasury → governor, governor → 0x0
    expect(truth.transfers.transfer.count).toBe(moves.length + mints.length + burns.length);
    expect(truth.transfers.mint.sum).toBe(sum(mints, amount));
    expect(truth.transfers.burn.sum).toBe(sum(burns, amount));
    expect(truth.transfers.transfer.sum).toBe(sum([...moves, ...mints, ...burns], amount));
    expect(truth.issuance).toEqual({ minted: truth.transfers.mint.sum, burned: truth.transfers.burn.sum });
    expect(truth.governorEvents).toEqual({
      nativeMint: mints.length,
      nativeBurn: burns.length,
      bridgeMint: 0,
      bridgeBurn: 0,
    });
  });

  it("leaves the governor holding only what it drained", () => {
    const drained = sum(
      plan.actions.filter((a) => a.kind === "drain"),
      (a) => (a.kind === "drain" ? a.amount : null),
    );
    expect(truth.balances.get(plan.governor.toLowerCase() as `0x${string}`)).toBe(drained);
  });

  it("derives supply as minted minus burned, equal to the sum of balances", () => {
    expect(truth.totalSupply).toBe(truth.transfers.mint.sum - truth.transfers.burn.sum);
    expect([...truth.balances.values()].reduce((s, v) => s + v, 0n)).toBe(truth.totalSupply);
    for (const v of truth.balances.values()) expect(v >= 0n).toBe(true);
  });

  it("counts admin events", () => {
    expect(truth.events).toEqual({
      mint: truth.transfers.mint.count,
      burn: truth.transfers.burn.count,
      freeze: 2,
      unfreeze: 1,
      drain: 1,
      pause: 1,
      unpause: 1,
    });
    expect(truth.txCount).toBe(plan.actions.length);
    expect(truth.firstTs).toBe(plan.actions[0]?.ts);
    expect(truth.lastTs).toBe(plan.actions[plan.actions.length - 1]?.ts);
  });

  it("adds up over day slices", () => {
    const days = planDays(plan);
    const third = days[2];
    if (!third) throw new Error("plan too short");
    const partial = computeGroundTruth(plan, third.end);
    expect(partial.txCount).toBe(third.end);
    expect(partial.totalSupply).toBeLessThanOrEqual(partial.transfers.mint.sum);
    expect(computeGroundTruth(plan, 0).totalSupply).toBe(0n);
  });
});
