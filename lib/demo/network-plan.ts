import type { DemoArgs } from "@/lib/validators/demo";
import { DEMO_CHAINS } from "./chains";
import { buildRegistry } from "./simulator";
import { planNetwork, type NetworkPlan } from "./simulator/network";

/** The demo's deterministic network plan: tests recompute it to know the exact figures. */
export function demoNetworkPlan(args: Pick<DemoArgs, "seed" | "days" | "scale" | "endDate">): NetworkPlan {
  const registry = buildRegistry(args.seed, { chainIds: DEMO_CHAINS.map((c) => c.chainId) });
  return planNetwork({
    seed: args.seed,
    days: args.days,
    scale: args.scale,
    endDate: args.endDate,
    registry,
    chains: DEMO_CHAINS.map((c) => ({ ...c })),
  });
}
