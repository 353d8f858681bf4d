/**
 * planActivity: a seeded, deterministic plan of token activity over a period, valid when executed in
 * order on a fresh token whose owner is the registry treasury.
 *
 * Shape of a day: everyday intents (organic.ts) at times drawn from the hour-of-day profile, volume
 * scaled by weekday, payday and Ramadan/Eid factors; end-of-day redemptions and a burn; scripted
 * episodes (planted patterns, freezes, the pause) on their own clocks. Intents are sorted by time and
 * resolved one by one against the ledger, so balances are exact at every step.
 */
import { z } from "zod";
import { adminScripts, choosePause, pauseScript } from "./admin";
import {
  dateToUnix,
  dayFactor,
  HOUR_WEIGHTS,
  RAMADAN_EID_UPLIFT,
  todayUtc,
  type UpliftWindow,
} from "./calendar";
import { DEMO_GOVERNOR, DEMO_ISSUER_ADMIN } from "../chains";
import { createLedger } from "./ledger";
import { BASE_DAILY_COUNTS, ORGANIC_HANDLERS, ORGANIC_KINDS, type OrganicKind } from "./organic";
import { plantedScripts, RESERVED_WALLETS_NEEDED, type Script } from "./planted";
import { createRng, type Rng } from "./prng";
import type { Registry } from "./registry";
import { burnRedeemed, redeemExcess, type PlanContext } from "./treasury";
import { DAY_SECONDS, type Plan, type PlantedPattern } from "./types";

export type PlanActivityParams = {
  seed: string | number;
  days: number;
  /** Volume multiplier: scale 1 ≈ 300 transactions per simulated day. */
  scale: number;
  /** End of the period (exclusive), a UTC date YYYY-MM-DD; default today's UTC midnight. */
  endDate?: string;
  registry: Registry;
  upliftWindows?: readonly UpliftWindow[];
  dailyCounts?: Partial<Record<OrganicKind, number>>;
};

const paramsSchema = z.object({
  seed: z.union([z.string().min(1), z.number()]),
  days: z.number().int().min(3).max(3_650),
  scale: z.number().positive().max(1_000),
  endDate: z.iso.date().optional(),
});

const HOUR = 3_600;
/** Latest second of a day an everyday intent may use: blocks may shift times up a little. */
const LAST_SECOND_OF_DAY = DAY_SECONDS - 120;
const REDEEM_HOUR = 21;
const BURN_HOUR = 22;

type Intent = { ts: number; order: number; run: (ctx: PlanContext) => void };

function dailyCount(base: number, scale: number, factor: number, rng: Rng): number {
  const noise = Math.max(0.5, rng.normal(1, 0.07));
  return Math.round(base * scale * factor * noise);
}

function timeOfDay(rng: Rng): number {
  const hour = rng.weightedIndex(HOUR_WEIGHTS);
  return Math.min(LAST_SECOND_OF_DAY, hour * HOUR + rng.int(0, HOUR));
}

function organicIntents(p: PlanActivityParams, startTs: number, rng: Rng, next: () => number): Intent[] {
  const counts = { ...BASE_DAILY_COUNTS, ...p.dailyCounts };
  const windows = p.upliftWindows ?? RAMADAN_EID_UPLIFT;
  const intents: Intent[] = [];
  for (let d = 0; d < p.days; d++) {
    const dayStart = startTs + d * DAY_SECONDS;
    const factor = dayFactor(dayStart, windows);
    for (const kind of ORGANIC_KINDS) {
      const n = dailyCount(counts[kind], p.scale, factor, rng);
      const handler = ORGANIC_HANDLERS[kind];
      for (let i = 0; i < n; i++) {
        const ts = dayStart + timeOfDay(rng);
        intents.push({ ts, order: next(), run: (ctx) => handler(ctx, ts) });
      }
    }
    const redeemAt = dayStart + REDEEM_HOUR * HOUR + rng.int(0, 1_800);
    const burnAt = dayStart + BURN_HOUR * HOUR + rng.int(0, 900);
    intents.push({ ts: redeemAt, order: next(), run: (ctx) => redeemExcess(ctx, redeemAt) });
    intents.push({ ts: burnAt, order: next(), run: (ctx) => burnRedeemed(ctx, burnAt) });
  }
  return intents;
}

function scriptIntents(scripts: Script[], next: () => number): Intent[] {
  return scripts.flatMap((s) => s.steps.map((step) => ({ ts: step.ts, order: next(), run: step.run })));
}

export function planActivity(params: PlanActivityParams): Plan {
  const { seed, days, scale, endDate } = paramsSchema.parse(params);
  const { registry } = params;
  if (registry.reserved.length < RESERVED_WALLETS_NEEDED) {
    throw new Error(
      `registry needs ${RESERVED_WALLETS_NEEDED} reserved wallets, has ${registry.reserved.length}`,
    );
  }
  const endTs = dateToUnix(endDate ?? todayUtc());
  const startTs = endTs - days * DAY_SECONDS;
  const root = createRng(`plan:${seed}`);
  const ctx: PlanContext = {
    ledger: createLedger(registry.treasury, { admin: DEMO_ISSUER_ADMIN, governor: DEMO_GOVERNOR }),
    registry,
    rng: root.fork("flows"),
    scale,
    pendingBurn: 0n,
  };

  const planted: PlantedPattern[] = [];
  const period = { startTs, endTs };
  const scripts = [...plantedScripts(period, planted), ...adminScripts(period)];
  const pause = choosePause(
    period,
    scripts.flatMap((s) => s.busy),
  );
  scripts.push(pauseScript(pause));

  let counter = 0;
  const next = () => counter++;
  // Scripts first: at an equal second, a scripted step runs before everyday traffic.
  const fromScripts = scriptIntents(scripts, next);
  const everyday = organicIntents({ ...params, days, scale }, startTs, root.fork("schedule"), next).filter(
    (i) => i.ts < pause.pausedAt || i.ts > pause.unpausedAt,
  );
  const intents = [...fromScripts, ...everyday].sort((a, b) => a.ts - b.ts || a.order - b.order);
  for (const intent of intents) intent.run(ctx);

  return {
    seed: String(seed),
    startTs,
    endTs,
    days,
    scale,
    owner: registry.treasury,
    admin: DEMO_ISSUER_ADMIN,
    governor: DEMO_GOVERNOR,
    actions: ctx.ledger.actions,
    planted,
    pause,
  };
}

/** Index ranges of the plan's actions per simulated day: slices for day-by-day execution. */
export function planDays(plan: Plan): { day: number; date: string; start: number; end: number }[] {
  const out: { day: number; date: string; start: number; end: number }[] = [];
  let start = 0;
  for (let day = 0; day < plan.days; day++) {
    const dayEnd = plan.startTs + (day + 1) * DAY_SECONDS;
    let end = start;
    while (end < plan.actions.length && (plan.actions[end]?.ts ?? Infinity) < dayEnd) end++;
    const date = new Date((dayEnd - DAY_SECONDS) * 1000).toISOString().slice(0, 10);
    out.push({ day, date, start, end });
    start = end;
  }
  return out;
}
