// One chain's pool trading (issue #17): a market maker sells USD1 into the pool and buys it back
// around $1, all day; planted depeg episodes (a large sell, held, then bought back in steps) and a
// liquidity drop (the LP burns most of its position). Amounts are exact: a sell is exact input, a
// buy exact output, never more than the pool holds from earlier sells. The market maker also
// arbitrages: with USD1 more than ARB_BPS below $1 in the pool it only buys, so its inventory
// does not random-walk the price off the peg (it did on "BNB" after the liquidity drop, where the
// same trades move the price 2.5 times as far: 6 depegs past 50 bps on normal days in the report's 120 days).
import type { Address } from "viem";
import type { Rng } from "../simulator/prng";
import { DAY_SECONDS, usdToWei, type PlannedAction } from "../simulator/types";
import { dollarTick, sqrtPriceAfterUsd1, sqrtRatioAtTick } from "./tick-math";
import type { LiquidityDrop, PegEpisode, PoolDeployment } from "./types";

const HOUR = 3_600;
/** Below $1 by more than this (bps, ~ticks), everyday trades only buy USD1 back. */
export const ARB_BPS = 10;
/** The pool keeps a little of every sell as the LP's fee (0.01%); buys stay well inside the rest. */
const BUYABLE_NUM = 90n;
const BUYABLE_DEN = 100n;

export type PoolPlanInput = {
  rng: Rng;
  deployment: PoolDeployment;
  startTs: number;
  days: number;
  /** USD1 the trader is funded with at `fundedAt` (the plan's distribution). */
  funding: bigint;
  fundedAt: number;
  /** Times no swap may use (the token's pause window, with a margin). */
  blocked: (ts: number) => boolean;
  /** Planted episodes (days from the start); none when the period is too short. */
  episodes: { day: number; severity: "high" | "severe"; sellUsd: number; holdMinutes: number; minDeviationBps: number }[];
  liquidityDropDay: number | null;
};

export type PoolPlan = { actions: PlannedAction[]; episodes: PegEpisode[]; drops: LiquidityDrop[] };

export function planPool(p: PoolPlanInput): PoolPlan {
  const d = p.deployment;
  const actions: PlannedAction[] = [];
  const episodes: PegEpisode[] = [];
  const drops: LiquidityDrop[] = [];
  let traderHeld = 0n;
  let poolHeld = 0n; // USD1 the position can give back (sells net of fee, minus buys)
  let liquidity = d.liquidity;
  // The pool's price, replayed with its own math (planning estimate: fee rounding aside).
  let sqrtP = sqrtRatioAtTick(d.initTick);
  // A cheaper USD1 is a lower tick when USD1 is token0, a higher one otherwise.
  const dollar = dollarTick(d.usd1IsToken0, 18, d.quoteDecimals);
  const arbSqrt = sqrtRatioAtTick(dollar + (d.usd1IsToken0 ? -ARB_BPS : ARB_BPS));
  const cheap = () => (d.usd1IsToken0 ? sqrtP < arbSqrt : sqrtP > arbSqrt);
  const swap = (ts: number, side: "sell" | "buy", usd1Amount: bigint) => {
    actions.push({ kind: "swap", ts, from: d.trader, router: d.router, pool: d.pool, side, usd1IsToken0: d.usd1IsToken0, usd1Amount }); // prettier-ignore
    const usd1In = side === "sell" ? usd1Amount - usd1Amount / 10_000n - 1n : -usd1Amount;
    sqrtP = sqrtPriceAfterUsd1(sqrtP, liquidity, d.usd1IsToken0, usd1In);
    traderHeld -= side === "sell" ? usd1Amount : -usd1Amount;
    poolHeld += usd1In;
  };
  const buyable = () => (poolHeld * BUYABLE_NUM) / BUYABLE_DEN;

  // Planted events first (their windows are kept clear of everyday trades).
  type Busy = { from: number; to: number };
  const busy: Busy[] = [];
  const planted: { ts: number; run: () => void }[] = [];
  for (const e of p.episodes) {
    const sellTs = p.startTs + e.day * DAY_SECONDS + (e.severity === "severe" ? 14 : 9) * HOUR;
    const sold = usdToWei(e.sellUsd);
    const buyBacks = 6;
    const firstBuy = sellTs + e.holdMinutes * 60;
    const to = firstBuy + (buyBacks - 1) * 10 * 60;
    busy.push({ from: sellTs - HOUR, to: to + HOUR });
    episodes.push({ chainId: d.chainId, pool: d.pool, severity: e.severity, from: sellTs, to, soldWei: sold, minDeviationBps: e.minDeviationBps }); // prettier-ignore
    planted.push({
      ts: sellTs,
      run: () => {
        if (traderHeld < sold) throw new Error(`planted depeg on chain ${d.chainId}: the trader holds too little USD1`);
        swap(sellTs, "sell", sold);
      },
    });
    for (let k = 0; k < buyBacks; k++) {
      const ts = firstBuy + k * 10 * 60;
      // Buy back what the sell put in (less the fee), in equal steps.
      planted.push({ ts, run: () => swap(ts, "buy", (sold * 9_990n) / 10_000n / BigInt(buyBacks)) });
    }
  }
  if (p.liquidityDropDay !== null) {
    const ts = p.startTs + p.liquidityDropDay * DAY_SECONDS + 10 * HOUR;
    const burned = (liquidity * 6n) / 10n;
    busy.push({ from: ts - HOUR, to: ts + HOUR });
    planted.push({
      ts,
      run: () => {
        actions.push({ kind: "liquidityBurn", ts, from: d.lp, router: d.router, pool: d.pool, tickLower: d.tickLower, tickUpper: d.tickUpper, liquidity: burned }); // prettier-ignore
        drops.push({ chainId: d.chainId, pool: d.pool, ts, before: liquidity, after: liquidity - burned });
        liquidity -= burned;
        // The burned share of what the position held is owed to the LP, no longer swappable.
        poolHeld = (poolHeld * 4n) / 10n;
      },
    });
  }

  const everyday: { ts: number; run: () => void }[] = [];
  const isBusy = (ts: number) => p.blocked(ts) || busy.some((b) => ts >= b.from && ts <= b.to);
  for (let day = 0; day < p.days; day++) {
    const n = 10 + p.rng.int(0, 9);
    for (let i = 0; i < n; i++) {
      const ts = p.startTs + day * DAY_SECONDS + p.rng.int(HOUR / 2, 23 * HOUR);
      const usd = Math.min(9_000, Math.max(100, Math.round(p.rng.lognormal(Math.log(1_800), 0.7))));
      const wantSell = p.rng.chance(0.5);
      if (ts <= p.fundedAt || isBusy(ts)) continue;
      everyday.push({
        ts,
        run: () => {
          const amount = usdToWei(usd);
          // USD1 cheap in the pool: buy it back (when the pool holds enough), never sell.
          if (cheap()) {
            if (amount <= buyable()) swap(ts, "buy", amount);
            return;
          }
          // Sell when the pool holds little USD1 or the wallet holds plenty, else buy back.
          const sell = amount > buyable() || (wantSell && traderHeld >= amount);
          if (sell && traderHeld >= amount) swap(ts, "sell", amount);
          else if (!sell) swap(ts, "buy", amount);
        },
      });
    }
  }
  const all = [{ ts: p.fundedAt, run: () => (traderHeld += p.funding) }, ...planted, ...everyday];
  // Stable by time: planted steps before everyday trades at an equal second.
  all.sort((a, b) => a.ts - b.ts);
  for (const step of all) step.run();
  return { actions, episodes, drops };
}

/** The days planted events fall on, as fractions of the period (none under 8 days). */
export function episodeDay(days: number, fraction: number, clear: (day: number) => boolean): number | null {
  if (days < 8) return null;
  for (let day = Math.max(1, Math.floor(days * fraction)); day < days - 1; day++) if (clear(day)) return day;
  return null;
}

export type { Address };
