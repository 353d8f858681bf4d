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

  it("counts one Transfer log per mint, burn, transfer and drain", () => {
    const mints = plan.actions.filter((a) => a.kind === "mint");
    const burns = plan.actions.filter((a) => a.kind === "burn");
    const moves = plan.actions.filter((a) => a.kind === "transfer" || a.kind === "drain");
    expect(truth.transfers.mint.count).toBe(mints.length);
    expect(truth.transfers.burn.count).toBe(burns.length);
    expect(truth.transfers.transfer.count).toBe(moves.length);
    expect(truth.transfers.mint.sum).toBe(sum(mints, (a) => (a.kind === "mint" ? a.amount : null)));
    expect(truth.transfers.burn.sum).toBe(sum(burns, (a) => (a.kind === "burn" ? a.amount : null)));
    expect(truth.transfers.transfer.sum).toBe(
      sum(moves, (a) => (a.kind === "transfer" || a.kind === "drain" ? a.amount : null)),
    );
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
