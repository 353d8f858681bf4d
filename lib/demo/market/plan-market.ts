// The demo network's market (issue #17): a USD1/USDT Uniswap v3 pool on every chain, traded by a
// market maker, and a proof-of-reserve feed on the "Ethereum" chain, merged into each chain's plan
// like the bridge (lib/demo/simulator/network.ts). Deterministic: same seed, same actions.
import type { Address } from "viem";
import { createRng } from "../simulator/prng";
import { deriveAddress, type Registry, type SimAddress, type SimEntity } from "../simulator/registry";
import { DAY_SECONDS, usdToWei, WEI_PER_USD, type Plan, type PlannedAction } from "../simulator/types";
import { DEMO_USD1, marketContract, poolAddress, sortTokens } from "./addresses";
import { episodeDay, planPool } from "./plan-pool";
import { dollarTick, liquidityForAmount0, liquidityForAmount1, sqrtRatioAtTick } from "./tick-math";
import type { MarketTruth, PoolDeployment, ReserveFeedDeployment, ReserveReportTruth } from "./types";

export const MARKET_MAKER_NAME = "Meridian Market Making";
export const DEX_NAME = "Uniswap v3 USD1 pools (demo)";
const MARKET_MAKER: SimEntity = { name: MARKET_MAKER_NAME, kind: "exchange", country: "AE", licenceStatus: "licensed" };
const DEX: SimEntity = { name: DEX_NAME, kind: "exchange", country: "AE", licenceStatus: "unknown" };

export type ChainMarketSpec = {
  chainId: number;
  /** USDT's decimals on the chain the local one stands for (6 on Ethereum, 18 on BNB Chain). */
  quoteDecimals: number;
  /** USD1 a sell of which moves the price 100 bps (sets the position's liquidity). */
  depthUsdPer100Bps: number;
  reserveFeed: boolean;
  depegs: boolean;
  liquidityDrop: boolean;
};

export const DEMO_MARKETS: readonly ChainMarketSpec[] = [
  { chainId: 31337, quoteDecimals: 6, depthUsdPer100Bps: 600_000, reserveFeed: true, depegs: true, liquidityDrop: false },
  { chainId: 31338, quoteDecimals: 18, depthUsdPer100Bps: 400_000, reserveFeed: false, depegs: false, liquidityDrop: true },
]; // prettier-ignore

const FEE = 100;
/** The pool opens with USD1 at +5 bps; the position spans 1,000 ticks (~10%) below that price. */
const OPEN_BPS = 5;
const RANGE_TICKS = 1_000;
const REPORT_EVERY = 4 * 3_600;
const PAUSE_MARGIN = 2 * 3_600;

export function poolDeployment(seed: string, spec: ChainMarketSpec): PoolDeployment {
  const factory = marketContract("factory");
  const quoteToken = marketContract("quoteToken");
  const [token0, token1] = sortTokens(DEMO_USD1, quoteToken);
  const usd1IsToken0 = token0 === DEMO_USD1;
  const dollar = dollarTick(usd1IsToken0, 18, spec.quoteDecimals);
  // A cheaper USD1 is a lower tick when USD1 is token0, a higher one otherwise.
  const down = usd1IsToken0 ? -1 : 1;
  const initTick = dollar - down * OPEN_BPS;
  const far = initTick + down * RANGE_TICKS;
  const [tickLower, tickUpper] = initTick < far ? [initTick, far] : [far, initTick];
  const ref = usdToWei(spec.depthUsdPer100Bps);
  const sqrtA = sqrtRatioAtTick(initTick);
  const sqrtB = sqrtRatioAtTick(initTick + down * 100);
  const liquidity = usd1IsToken0 ? liquidityForAmount0(sqrtA, sqrtB, ref) : liquidityForAmount1(sqrtA, sqrtB, ref);
  return {
    chainId: spec.chainId,
    factory,
    router: marketContract("router"),
    quoteToken,
    quoteSymbol: "USDT",
    quoteDecimals: spec.quoteDecimals,
    pool: poolAddress(factory, token0, token1, FEE),
    token0,
    token1,
    usd1IsToken0,
    fee: FEE,
    initTick,
    tickLower,
    tickUpper,
    liquidity,
    lp: deriveAddress(seed, `market:lp:${spec.chainId}`),
    trader: deriveAddress(seed, `market:trader:${spec.chainId}`),
    quoteFunding: 10n ** BigInt(spec.quoteDecimals) * 1_000_000_000n,
  };
}

export function reserveFeedDeployment(seed: string, chainId: number): ReserveFeedDeployment {
  return {
    chainId,
    feed: marketContract("reserveFeed"),
    reporter: deriveAddress(seed, "market:por-reporter"),
    decimals: 18,
    description: "USD1 Proof of Reserves (demo)",
  };
}

type ChainPlan = { chainId: number; plan: Plan };

/** Adds the market to each chain's plan (in place, like planNetwork) and returns its ground truth. */
export function addMarket(
  seed: string,
  plans: ChainPlan[],
  specs: readonly ChainMarketSpec[] = DEMO_MARKETS,
): MarketTruth {
  const truth: MarketTruth = { pools: [], reserveFeed: null, pegEpisodes: [], liquidityDrops: [], reserveReports: [], underCollateralised: null, stale: null }; // prettier-ignore
  for (const { chainId, plan } of plans) {
    const spec = specs.find((s) => s.chainId === chainId);
    if (!spec) continue;
    const d = poolDeployment(seed, spec);
    const blocked = (ts: number) =>
      plan.pause !== null && ts >= plan.pause.pausedAt - PAUSE_MARGIN && ts <= plan.pause.unpausedAt + PAUSE_MARGIN;
    const clearDay = (day: number) => {
      const from = plan.startTs + day * DAY_SECONDS;
      return !blocked(from) && !blocked(from + DAY_SECONDS - 1);
    };
    const high = spec.depegs ? episodeDay(plan.days, 0.3, clearDay) : null;
    const severe = spec.depegs ? episodeDay(plan.days, 0.6, (day) => clearDay(day) && day !== high) : null;
    const depth = spec.depthUsdPer100Bps;
    const episodes = [
      ...(high === null ? [] : [{ day: high, severity: "high" as const, sellUsd: Math.round(depth * 0.85), holdMinutes: 30, minDeviationBps: 50 }]),
      ...(severe === null ? [] : [{ day: severe, severity: "severe" as const, sellUsd: Math.round(depth * 2.8), holdMinutes: 60, minDeviationBps: 200 }]),
    ]; // prettier-ignore
    const funding = usdToWei(400_000 + episodes.reduce((s, e) => s + e.sellUsd, 0));
    const fundedAt = plan.startTs + 120;
    const pool = planPool({
      rng: createRng(`${seed}:market:${chainId}`),
      deployment: d,
      startTs: plan.startTs,
      days: plan.days,
      funding,
      fundedAt,
      blocked,
      episodes,
      liquidityDropDay: spec.liquidityDrop ? episodeDay(plan.days, 0.45, clearDay) : null,
    });
    const funded: PlannedAction[] = [
      { kind: "mint", ts: fundedAt, from: plan.owner, amount: funding },
      { kind: "transfer", ts: fundedAt, from: plan.owner, to: d.trader, amount: funding, purpose: "distribution" },
    ];
    mergeInto(plan, [...funded, ...pool.actions]);
    truth.pools.push(d);
    truth.pegEpisodes.push(...pool.episodes);
    truth.liquidityDrops.push(...pool.drops);
    plan.market = { pool: d, reserveFeed: null };
  }
  const feedSpec = specs.find((s) => s.reserveFeed);
  const feedChain = plans.find((c) => c.chainId === feedSpec?.chainId);
  if (feedChain && feedChain.plan.market) {
    const feed = reserveFeedDeployment(seed, feedChain.chainId);
    const reports = planReports(seed, feedChain.plan, plans, truth);
    mergeInto(feedChain.plan, reports.map((r) => ({ kind: "reserveReport", ts: r.ts, from: feed.reporter, feed: feed.feed, reservesWei: r.reservesWei }))); // prettier-ignore
    feedChain.plan.market.reserveFeed = feed;
    truth.reserveFeed = feed;
    truth.reserveReports = reports;
  }
  return truth;
}

/**
 * Reports every 4 hours (up to 10 min late): reserves 2.0–3.0% above the native supply (the
 * custodian holds a buffer ahead of the day's issuance: with 0.4–1.0% a treasury mint after a
 * day's last report closed that day below 100%), but 6% below it on the planted day (below 100%,
 * and down more than 5% from the day before), and none in the stale stretch.
 */
function planReports(seed: string, plan: Plan, plans: ChainPlan[], truth: MarketTruth): ReserveReportTruth[] {
  const rng = createRng(`${seed}:market:reserves`);
  const supplyAt = supplySeries(plans);
  const under = episodeDay(plan.days, 0.7, () => true);
  const staleDay = episodeDay(plan.days, 0.85, (day) => day !== under && day + 1 !== under);
  truth.underCollateralised =
    under === null ? null : { from: plan.startTs + under * DAY_SECONDS, to: plan.startTs + (under + 1) * DAY_SECONDS };
  const staleFrom = staleDay === null ? null : plan.startTs + staleDay * DAY_SECONDS + 2 * 3_600;
  const staleTo = staleFrom === null ? null : staleFrom + 30 * 3_600;
  const out: ReserveReportTruth[] = [];
  for (let ts = plan.startTs + 600; ts < plan.endTs - 600; ts += REPORT_EVERY) {
    const at = ts + rng.int(0, 600);
    if (staleFrom !== null && staleTo !== null && at >= staleFrom && at < staleTo) continue;
    const supplyWei = supplyAt(at);
    const underDay = truth.underCollateralised && at >= truth.underCollateralised.from && at < truth.underCollateralised.to;
    const bps = underDay ? 9_400n : 10_200n + BigInt(rng.int(0, 101));
    // Whole dollars, as custodians report.
    const reservesWei = ((supplyWei * bps) / 10_000n / WEI_PER_USD) * WEI_PER_USD;
    out.push({ ts: at, reservesWei, supplyWei });
  }
  if (staleFrom !== null) {
    const before = out.filter((r) => r.ts < staleFrom).at(-1);
    const after = out.find((r) => r.ts >= staleFrom);
    truth.stale = before && after ? { from: before.ts, to: after.ts } : null;
  }
  return out;
}

/** Native supply on every chain at a plan time (mints and bridge mints less burns, ts <= t). */
function supplySeries(plans: ChainPlan[]): (ts: number) => bigint {
  const deltas: { ts: number; v: bigint }[] = [];
  for (const { plan } of plans) {
    for (const a of plan.actions) {
      if (a.kind === "mint" || a.kind === "bridgeMint") deltas.push({ ts: a.ts, v: a.amount });
      if (a.kind === "burn" || a.kind === "bridgeBurn") deltas.push({ ts: a.ts, v: -a.amount });
    }
  }
  deltas.sort((a, b) => a.ts - b.ts);
  return (ts) => {
    let s = 0n;
    for (const d of deltas) {
      if (d.ts > ts) break;
      s += d.v;
    }
    return s;
  };
}

/** Stable merge by time (the plan's own actions first at an equal second); planted indices follow. */
function mergeInto(plan: Plan, extra: PlannedAction[]): void {
  const sorted = [...plan.actions.map((x, i) => ({ x, k: 0, i })), ...extra.map((x, i) => ({ x, k: 1, i }))].sort(
    (l, r) => l.x.ts - r.x.ts || l.k - r.k || l.i - r.i,
  );
  const newIndexOf = new Array<number>(plan.actions.length);
  sorted.forEach((e, at) => {
    if (e.k === 0) newIndexOf[e.i] = at;
  });
  plan.actions = sorted.map((e) => e.x);
  plan.planted = plan.planted.map((x) => ({ ...x, actionIndices: x.actionIndices.map((i) => newIndexOf[i] as number) }));
}

/** The registry with the market maker (trader, LP) and the pools (the DEX entity) on every chain. */
export function withMarketRegistry(registry: Registry, truth: MarketTruth): Registry {
  const rows: SimAddress[] = truth.pools.flatMap((d) => [
    { chainId: d.chainId, address: d.pool, entityName: DEX_NAME, label: `Uniswap v3 USD1/${d.quoteSymbol} 0.01% pool`, tags: [] },
    { chainId: d.chainId, address: d.trader, entityName: MARKET_MAKER_NAME, label: `${MARKET_MAKER_NAME} trading wallet`, tags: ["hot_wallet"] },
    { chainId: d.chainId, address: d.lp, entityName: MARKET_MAKER_NAME, label: `${MARKET_MAKER_NAME} liquidity wallet`, tags: ["hot_wallet"] },
  ]); // prettier-ignore
  return { ...registry, entities: [...registry.entities, MARKET_MAKER, DEX], addresses: [...registry.addresses, ...rows] };
}

export type { Address };
