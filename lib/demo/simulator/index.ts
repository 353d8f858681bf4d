/**
 * Seeded, deterministic traffic for the demo chains.
 *
 *   const registry = buildRegistry(seed, { chainIds: [chainId] });
 *   const plan = planActivity({ seed, days: 120, scale: 1, registry });
 *   // anvil genesis before plan.startTs; deployUsd1({ …, owner: registry.treasury })
 *   for (const day of planDays(plan)) await executePlan({ rpcUrl, token, owner, plan, range: day });
 *   const truth = computeGroundTruth(plan);
 *   const live = await startLiveTraffic({ rpcUrl, token, owner, registry, seed, intervalMs: 5_000 });
 */
export { createRng, type Rng } from "./prng";
export {
  buildRegistry,
  deriveAddress,
  entityOf,
  type BuildRegistryOptions,
  type Participant,
  type Registry,
  type SimAddress,
  type SimEntity,
  type SourceParticipant,
} from "./registry";
export { CORRIDOR_WEIGHTS, SOURCE_GROUPS, ISSUER_NAME, type SourceGroup } from "./registry-catalog";
export { planActivity, planDays, type PlanActivityParams } from "./plan";
export { RAMADAN_EID_UPLIFT, type UpliftWindow } from "./calendar";
export { groupIntoBlocks, DEFAULT_BLOCK_SECONDS, type PlannedBlock } from "./blocks";
export { executePlan, type ExecutePlanParams, type ExecuteProgress, type ExecuteResult } from "./execute";
export { computeGroundTruth, type GroundTruth, type TransferKind } from "./ground-truth";
export { startLiveTraffic, type LiveTraffic, type LiveTrafficParams } from "./live";
export type {
  Plan,
  PlannedAction,
  PlantedPattern,
  PlantedRule,
  TransferAction,
  TransferPurpose,
} from "./types";
export { usdToWei, WEI_PER_USD } from "./types";
