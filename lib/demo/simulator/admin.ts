/**
 * Issuer admin episodes: a freeze that is later lifted, a freeze followed by a drain, and one pause.
 * Admin events are supervisory facts in their own right (rule R10).
 */
import type { Address } from "viem";
import { anchorAt, type Script, type ScriptParams } from "./planted";
import type { PlanContext } from "./treasury";
import { DAY_SECONDS } from "./types";

const HOUR = 3_600;
export const PAUSE_SECONDS = 90 * 60;
/** Clear time kept between the pause and any scripted episode. */
const PAUSE_MARGIN = HOUR;
/** Night hours (UTC) tried for the pause, best first: little traffic then. */
const PAUSE_HOURS = [3, 2, 4, 1, 5, 0, 23, 22];

/** A customer holding funds (so the freeze matters), else any: chosen when the episode runs. */
function freezeTarget(ctx: PlanContext): Address {
  const { ledger, registry } = ctx;
  const funded = registry.customers.filter((c) => !ledger.isFrozen(c) && ledger.balanceOf(c) > 0n);
  return ctx.rng.pick(funded.length > 0 ? funded : registry.customers.filter((c) => !ledger.isFrozen(c)));
}

/** Freeze a customer for up to two days, then lift it. */
function freezeEpisode(p: ScriptParams): Script {
  const at = anchorAt(p, 0.3);
  const liftAt = at + Math.min(2 * DAY_SECONDS, Math.floor((p.endTs - at) / 2));
  let target: Address | null = null;
  return {
    name: "freeze and unfreeze",
    busy: [
      [at, at],
      [liftAt, liftAt],
    ],
    steps: [
      { ts: at, run: (ctx) => void ctx.ledger.freeze(at, (target = freezeTarget(ctx))) },
      {
        ts: liftAt,
        run: (ctx) => {
          if (!target) throw new Error("unfreeze before freeze");
          ctx.ledger.unfreeze(liftAt, target);
        },
      },
    ],
  };
}

/** Freeze a customer and, 20 hours later, drain its balance to the issuer (it stays frozen). */
function drainEpisode(p: ScriptParams): Script {
  const at = anchorAt(p, 0.62);
  const drainAt = at + 20 * HOUR;
  let target: Address | null = null;
  return {
    name: "freeze and drain",
    busy: [
      [at, at],
      [drainAt, drainAt],
    ],
    steps: [
      { ts: at, run: (ctx) => void ctx.ledger.freeze(at, (target = freezeTarget(ctx))) },
      {
        ts: drainAt,
        run: (ctx) => {
          if (!target) throw new Error("drain before freeze");
          ctx.ledger.drain(drainAt, target);
        },
      },
    ],
  };
}

export function adminScripts(p: ScriptParams): Script[] {
  return [freezeEpisode(p), drainEpisode(p)];
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/**
 * Picks the pause: a night hour from the middle of the period on, clear of every scripted span (the
 * pause blocks the token, and a scripted action inside it would revert).
 */
export function choosePause(
  p: ScriptParams,
  spans: [number, number][],
): { pausedAt: number; unpausedAt: number } {
  const days = Math.round((p.endTs - p.startTs) / DAY_SECONDS);
  const firstDay = Math.floor(days * 0.45);
  for (let d = 0; d < days; d++) {
    const dayStart = p.startTs + ((firstDay + d) % days) * DAY_SECONDS;
    for (const hour of PAUSE_HOURS) {
      const pausedAt = dayStart + hour * HOUR;
      const window: [number, number] = [pausedAt - PAUSE_MARGIN, pausedAt + PAUSE_SECONDS + PAUSE_MARGIN];
      if (pausedAt <= p.startTs || pausedAt + PAUSE_SECONDS >= p.endTs - HOUR) continue;
      if (spans.every((s) => !overlaps(s, window))) return { pausedAt, unpausedAt: pausedAt + PAUSE_SECONDS };
    }
  }
  throw new Error("no room for the pause: the period is too short");
}

export function pauseScript(pause: { pausedAt: number; unpausedAt: number }): Script {
  return {
    name: "pause",
    busy: [[pause.pausedAt, pause.unpausedAt]],
    steps: [
      { ts: pause.pausedAt, run: (ctx) => void ctx.ledger.pause(pause.pausedAt) },
      { ts: pause.unpausedAt, run: (ctx) => void ctx.ledger.unpause(pause.unpausedAt) },
    ],
  };
}
