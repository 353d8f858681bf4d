import { describe, expect, it } from "vitest";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { planActivity } from "./plan";
import { buildRegistry } from "./registry";

describe("planNetwork", () => {
  it("keeps each chain's planted pattern indices pointing at the same actions after merging bridge moves", () => {
    const args = { seed: "network-test", days: 10, scale: 0.4, endDate: "2026-04-01" };
    const network = demoNetworkPlan(args);
    const registry = buildRegistry(args.seed, { chainIds: network.plans.map((p) => p.chainId) });
    expect(network.moves.length).toBeGreaterThan(0);
    for (const { chainId, plan } of network.plans) {
      const original = planActivity({
        ...args,
        seed: `${args.seed}:${chainId}`,
        scale: args.scale * 0.5,
        registry,
      });
      expect(plan.actions.length).toBeGreaterThan(original.actions.length);
      expect(plan.planted.length).toBeGreaterThan(0);
      expect(plan.planted.map((p) => p.rule)).toEqual(original.planted.map((p) => p.rule));
      plan.planted.forEach((p, k) => {
        const before = original.planted[k]?.actionIndices.map((i) => original.actions[i]) ?? [];
        expect(p.actionIndices.map((i) => plan.actions[i])).toEqual(before);
      });
    }
  });
});
