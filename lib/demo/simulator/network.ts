/**
 * Several chains and the bridge between them. Each chain gets its own corridor plan (its own seed,
 * a share of the volume), and a liquidity desk rebalances between chains through the bridge pools:
 * on the source chain it sends USD1 to the pool, which burns it (bridgeBurn); seconds to minutes
 * later the destination pool mints to the desk (bridgeMint), as CCIP burn/mint pools do.
 *
 * The desk and the pools appear in no per-chain plan, so the bridge never invalidates a plan's
 * balances: the desk is funded once per chain by the treasury (mint, then distribute) and only
 * ever spends what the bridge ledger below says it holds on that chain at that moment.
 */
import type { Address } from "viem";
import type { MarketTruth } from "../market/types";
import { planActivity, type PlanActivityParams } from "./plan";
import { createRng } from "./prng";
import { deriveAddress, type Registry, type SimAddress, type SimEntity } from "./registry";
import { usdToWei, type Plan, type PlannedAction } from "./types";

export const DESK_NAME = "Gulf Liquidity Partners";
const DESK: SimEntity = { name: DESK_NAME, kind: "exchange", country: "AE", licenceStatus: "licensed" };
const DESK_FUNDING_USD = 5_000_000;
/** Keep bridge moves clear of a chain's pause window by this much (block grouping shifts times). */
const PAUSE_MARGIN = 3_600;

export type NetworkChain = {
  chainId: number;
  name: string;
  /** Share of the corridor volume. */ share: number;
};

export type BridgeMove = {
  fromChain: number;
  toChain: number;
  amount: bigint;
  burnTs: number;
  mintTs: number;
};

export type NetworkPlan = {
  plans: { chainId: number; name: string; plan: Plan }[];
  moves: BridgeMove[];
  pools: Record<number, Address>;
  desk: Address;
  /** The registry with the desk (an AE exchange) and the pools (tagged `bridge`) added. */
  registry: Registry;
  /** The demo market's ground truth (lib/demo/market), when the network has one. */
  market?: MarketTruth;
};

export type PlanNetworkParams = Omit<PlanActivityParams, "scale" | "registry"> & {
  scale: number;
  registry: Registry;
  chains: NetworkChain[];
  /** Cross-chain moves per simulated day (default 3). */
  movesPerDay?: number;
};

export function bridgePool(seed: string, chainId: number): Address {
  return deriveAddress(seed, `bridge:pool:${chainId}`);
}

export function planNetwork(p: PlanNetworkParams): NetworkPlan {
  const seed = String(p.seed);
  const desk = deriveAddress(seed, "bridge:desk");
  const pools = Object.fromEntries(p.chains.map((c) => [c.chainId, bridgePool(seed, c.chainId)]));
  const plans = p.chains.map((c) => ({
    chainId: c.chainId,
    name: c.name,
    plan: planActivity({
      ...p,
      seed: `${seed}:${c.chainId}`,
      scale: p.scale * c.share,
      registry: p.registry,
    }),
  }));
  const moves = p.chains.length > 1 ? planMoves(p, plans, seed) : [];
  for (const { chainId, plan } of plans) {
    const pool = pools[chainId] as Address;
    const extra: PlannedAction[] = [];
    const funding = usdToWei(DESK_FUNDING_USD);
    const fundTs = plan.startTs + 60;
    extra.push({ kind: "mint", ts: fundTs, from: plan.owner, amount: funding });
    extra.push({
      kind: "transfer",
      ts: fundTs,
      from: plan.owner,
      to: desk,
      amount: funding,
      purpose: "distribution",
    });
    for (const m of moves) {
      if (m.fromChain === chainId) {
        extra.push({
          kind: "transfer",
          ts: m.burnTs,
          from: desk,
          to: pool,
          amount: m.amount,
          purpose: "intra",
        });
        extra.push({ kind: "bridgeBurn", ts: m.burnTs, from: pool, amount: m.amount });
      }
      if (m.toChain === chainId)
        extra.push({ kind: "bridgeMint", ts: m.mintTs, from: pool, to: desk, amount: m.amount });
    }
    const merged = mergeByTs(plan.actions, extra);
    plan.actions = merged.actions;
    // planted[].actionIndices point into the plan's own actions: follow them to their new places.
    plan.planted = plan.planted.map((x) => ({
      ...x,
      actionIndices: x.actionIndices.map((i) => merged.newIndexOf[i] as number),
    }));
  }
  return { plans, moves, pools, desk, registry: withBridgeRegistry(p.registry, desk, pools) };
}

/** Moves in burn order, each affordable from what the desk holds on the source chain at that time. */
function planMoves(
  p: PlanNetworkParams,
  plans: { chainId: number; plan: Plan }[],
  seed: string,
): BridgeMove[] {
  const rng = createRng(`${seed}:bridge`);
  const first = plans[0]?.plan as Plan;
  const perDay = p.movesPerDay ?? 3;
  const paused = plans.flatMap(({ plan }) => (plan.pause ? [plan.pause] : []));
  const clearOfPause = (ts: number) =>
    paused.every((w) => ts < w.pausedAt - PAUSE_MARGIN || ts > w.unpausedAt + PAUSE_MARGIN);
  const candidates: BridgeMove[] = [];
  for (let day = 1; day < first.days; day++) {
    for (let k = 0; k < perDay; k++) {
      const from = rng.pick(plans).chainId;
      const to = rng.pick(plans.filter((c) => c.chainId !== from)).chainId;
      const burnTs = first.startTs + day * 86_400 + rng.int(3_600, 20 * 3_600);
      const mintTs = burnTs + rng.int(20, 15 * 60);
      const amount = usdToWei(
        Math.min(900_000, Math.max(1_000, Math.round(rng.lognormal(Math.log(60_000), 0.8)))),
      );
      if (clearOfPause(burnTs) && clearOfPause(mintTs))
        candidates.push({ fromChain: from, toChain: to, amount, burnTs, mintTs });
    }
  }
  candidates.sort((a, b) => a.burnTs - b.burnTs);
  const accepted: BridgeMove[] = [];
  const funding = usdToWei(DESK_FUNDING_USD);
  for (const m of candidates) {
    const held =
      funding +
      accepted
        .filter((a) => a.toChain === m.fromChain && a.mintTs < m.burnTs - 600)
        .reduce((s, a) => s + a.amount, 0n) -
      accepted.filter((a) => a.fromChain === m.fromChain).reduce((s, a) => s + a.amount, 0n);
    if (held >= m.amount) accepted.push(m);
  }
  return accepted;
}

function mergeByTs(
  a: PlannedAction[],
  b: PlannedAction[],
): { actions: PlannedAction[]; newIndexOf: number[] } {
  // Stable: at equal times the plan's own actions go first, then ours in the order given.
  const sorted = [...a.map((x, i) => ({ x, k: 0, i })), ...b.map((x, i) => ({ x, k: 1, i }))].sort(
    (l, r) => l.x.ts - r.x.ts || l.k - r.k || l.i - r.i,
  );
  const newIndexOf: number[] = new Array<number>(a.length);
  sorted.forEach((e, at) => {
    if (e.k === 0) newIndexOf[e.i] = at;
  });
  return { actions: sorted.map((e) => e.x), newIndexOf };
}

export function withBridgeRegistry(
  registry: Registry,
  desk: Address,
  pools: Record<number, Address>,
): Registry {
  const deskRows: SimAddress[] = registry.chainIds.map((chainId) => ({
    chainId,
    address: desk,
    entityName: DESK_NAME,
    label: `${DESK_NAME} cross-chain desk`,
    tags: ["hot_wallet"],
  }));
  const poolRows: SimAddress[] = Object.entries(pools).map(([chainId, address]) => ({
    chainId: Number(chainId),
    address,
    entityName: null,
    label: "CCIP token pool (demo)",
    tags: ["bridge"],
  }));
  return {
    ...registry,
    entities: [...registry.entities, DESK],
    addresses: [...registry.addresses, ...deskRows, ...poolRows],
  };
}

/** Σ bridge burns − Σ bridge mints up to `ts`: USD1 that left one chain and has not arrived. */
export function inTransitAt(moves: readonly BridgeMove[], ts: number): bigint {
  let t = 0n;
  for (const m of moves) {
    if (m.burnTs <= ts) t += m.amount;
    if (m.mintTs <= ts) t -= m.amount;
  }
  return t;
}
