import type { DemoArgs } from "@/lib/validators/demo";
import { DEMO_CHAINS } from "./chains";
import { addMarket, withMarketRegistry } from "./market/plan-market";
import { buildRegistry } from "./simulator";
import { planNetwork, type NetworkPlan } from "./simulator/network";

/**
 * The demo's deterministic network plan: tests recompute it to know the exact figures. It holds the
 * market too (issue #17): a USD1/USDT pool per chain and the reserve feed, in `market`.
 */
export function demoNetworkPlan(args: Pick<DemoArgs, "seed" | "days" | "scale" | "endDate">): NetworkPlan {
  const registry = buildRegistry(args.seed, { chainIds: DEMO_CHAINS.map((c) => c.chainId) });
  const network = planNetwork({
    seed: args.seed,
    days: args.days,
    scale: args.scale,
    endDate: args.endDate,
    registry,
    chains: DEMO_CHAINS.map((c) => ({ ...c })),
  });
  const market = addMarket(String(args.seed), network.plans);
  return { ...network, registry: withMarketRegistry(network.registry, market), market };
}
