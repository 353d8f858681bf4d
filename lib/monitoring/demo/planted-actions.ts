// The planted patterns' transfers, as (from, to, amount). planNetwork merges bridge and desk
// actions into each chain's plan without remapping plan.planted's action indices, so the
// indices are resolved against the chain's plan as planActivity produced it (same inputs, same
// deterministic output), and each action is then checked to be in the merged plan.
import { DEMO_CHAINS } from "@/lib/demo/chains";
import { buildRegistry, planActivity, type PlantedRule, type TransferAction } from "@/lib/demo/simulator";
import type { NetworkPlan } from "@/lib/demo/simulator/network";
import type { DemoSeedParams } from "./index-seed";

export type PlantedActions = { rule: PlantedRule; description: string; actions: TransferAction[] };

export function plantedActions(network: NetworkPlan, p: DemoSeedParams): Map<number, PlantedActions[]> {
  const registry = buildRegistry(p.seed, { chainIds: DEMO_CHAINS.map((c) => c.chainId) });
  const out = new Map<number, PlantedActions[]>();
  for (const { chainId, plan } of network.plans) {
    const share = DEMO_CHAINS.find((c) => c.chainId === chainId)?.share ?? 1;
    const original = planActivity({
      seed: `${p.seed}:${chainId}`,
      days: p.days,
      scale: p.scale * share,
      endDate: p.endDate,
      registry,
    });
    const merged = new Set(plan.actions);
    out.set(
      chainId,
      original.planted.map((x) => {
        const actions = x.actionIndices.map((i) => {
          const a = original.actions[i];
          if (a?.kind !== "transfer") throw new Error(`planted ${x.rule} action ${i} is not a transfer`);
          const same = [...merged].find(
            (m) =>
              m.kind === "transfer" &&
              m.ts === a.ts &&
              m.from === a.from &&
              m.to === a.to &&
              m.amount === a.amount,
          );
          if (!same) throw new Error(`planted ${x.rule} action ${i} is not in chain ${chainId}'s plan`);
          return a;
        });
        return { rule: x.rule, description: x.description, actions };
      }),
    );
  }
  return out;
}
