import { describe, expect, it } from "vitest";
import { groupIntoBlocks } from "./blocks";
import { dayFactor, RAMADAN_EID_UPLIFT, upliftFactor } from "./calendar";
import { planActivity, planDays } from "./plan";
import { buildRegistry, entityOf } from "./registry";
import { CORRIDOR_WEIGHTS, SOURCE_GROUPS, type SourceGroup } from "./registry-catalog";
import { DAY_SECONDS, WEI_PER_CENT, type Plan, type PlannedAction } from "./types";

const registry = buildRegistry("demo", { chainIds: [31337] });
const plan = planActivity({ seed: "demo", days: 10, scale: 1, endDate: "2026-11-25", registry });

/**
 * Replays the token's and the governor's rules independently of the planner's ledger; throws on the
 * first invalid action. The treasury holds the minter and burner roles, the admin the compliance roles.
 */
function replay(p: Plan): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  const frozen = new Set<string>();
  let paused = false;
  const bal = (a: string) => balances.get(a) ?? 0n;
  p.actions.forEach((a, i) => {
    const fail = (why: string) => {
      throw new Error(`action ${i} (${a.kind}) invalid: ${why}`);
    };
    if ((a.kind === "mint" || a.kind === "burn") && a.from !== p.owner)
      fail("supply action not from the treasury");
    if (["freeze", "unfreeze", "drain", "pause", "unpause"].includes(a.kind) && a.from !== p.admin) {
      fail("compliance action not from the governor's admin");
    }
    if (a.kind === "transfer" || a.kind === "mint" || a.kind === "burn" || a.kind === "drain") {
      if (paused) fail("paused");
    }
    if (a.kind === "transfer") {
      if (frozen.has(a.from) || frozen.has(a.to)) fail("frozen party");
      if (bal(a.from) < a.amount) fail(`balance ${bal(a.from)} < ${a.amount}`);
      balances.set(a.from, bal(a.from) - a.amount);
      balances.set(a.to, bal(a.to) + a.amount);
    } else if (a.kind === "mint") balances.set(a.from, bal(a.from) + a.amount);
    else if (a.kind === "burn") {
      if (bal(a.from) < a.amount) fail("burn above balance");
      balances.set(a.from, bal(a.from) - a.amount);
    } else if (a.kind === "freeze") {
      if (frozen.has(a.account)) fail("already frozen");
      frozen.add(a.account);
    } else if (a.kind === "unfreeze") {
      if (!frozen.delete(a.account)) fail("not frozen");
    } else if (a.kind === "drain") {
      if (!frozen.has(a.account)) fail("drain of unfrozen");
      if (a.amount !== bal(a.account)) fail("drain amount is not the balance");
      balances.set(p.governor, bal(p.governor) + a.amount);
      balances.set(a.account, 0n);
    } else if (a.kind === "pause") {
      if (paused) fail("already paused");
      paused = true;
    } else {
      if (!paused) fail("not paused");
      paused = false;
    }
    for (const v of balances.values()) if (v < 0n) fail("negative balance");
  });
  return balances;
}

describe("planActivity", () => {
  it("is deterministic: same seed, same plan; other seed, other plan", () => {
    const again = planActivity({ seed: "demo", days: 10, scale: 1, endDate: "2026-11-25", registry });
    expect(again).toEqual(plan);
    const other = planActivity({ seed: "demo-2", days: 10, scale: 1, endDate: "2026-11-25", registry });
    expect(other.actions).not.toEqual(plan.actions);
  });

  it("covers [end - days, end) in time order, with cent amounts", () => {
    expect(plan.endTs).toBe(Date.parse("2026-11-25T00:00:00Z") / 1000);
    expect(plan.startTs).toBe(plan.endTs - 10 * DAY_SECONDS);
    let prev = plan.startTs;
    for (const a of plan.actions) {
      expect(a.ts).toBeGreaterThanOrEqual(prev);
      expect(a.ts).toBeLessThan(plan.endTs);
      prev = a.ts;
      if ("amount" in a && a.kind !== "drain") {
        expect(a.amount % WEI_PER_CENT).toBe(0n);
        expect(a.amount).toBeGreaterThan(0n);
      }
    }
  });

  it("is valid in order: no balance ever goes negative, nothing moves frozen or paused", () => {
    const balances = replay(plan);
    const supply = plan.actions.reduce(
      (s, a) => (a.kind === "mint" ? s + a.amount : a.kind === "burn" ? s - a.amount : s),
      0n,
    );
    expect([...balances.values()].reduce((s, v) => s + v, 0n)).toBe(supply);
  });

  it("has ~300 actions a day at scale 1 and every kind of flow", () => {
    const perDay = plan.actions.length / plan.days;
    expect(perDay).toBeGreaterThan(250);
    expect(perDay).toBeLessThan(380);
    const kinds = new Set(plan.actions.map((a) => (a.kind === "transfer" ? a.purpose : a.kind)));
    for (const k of [
      "mint",
      "burn",
      "distribution",
      "remittance",
      "cashout",
      "deposit",
      "p2p",
      "intra",
      "redemption",
    ]) {
      expect(kinds).toContain(k);
    }
    const count = (k: PlannedAction["kind"]) => plan.actions.filter((a) => a.kind === k).length;
    expect([count("freeze"), count("unfreeze"), count("drain"), count("pause"), count("unpause")]).toEqual([
      2, 1, 1, 1, 1,
    ]);
  });

  it("scales volume with `scale`", () => {
    const small = planActivity({ seed: "demo", days: 10, scale: 0.25, endDate: "2026-11-25", registry });
    expect(small.actions.length).toBeLessThan(plan.actions.length / 3);
    replay(small);
  });

  it("plans nothing while paused", () => {
    const { pause } = plan;
    if (!pause) throw new Error("no pause planned");
    const inside = plan.actions.filter((a) => a.ts >= pause.pausedAt && a.ts <= pause.unpausedAt);
    expect(inside.map((a) => a.kind)).toEqual(["pause", "unpause"]);
  });

  it("splits into day slices that cover every action once", () => {
    const days = planDays(plan);
    expect(days).toHaveLength(10);
    expect(days[0]?.start).toBe(0);
    expect(days[9]?.end).toBe(plan.actions.length);
    days.forEach((d, i) => {
      if (i > 0) expect(d.start).toBe(days[i - 1]?.end);
      for (const a of plan.actions.slice(d.start, d.end)) {
        expect(a.ts).toBeGreaterThanOrEqual(plan.startTs + i * DAY_SECONDS);
        expect(a.ts).toBeLessThan(plan.startTs + (i + 1) * DAY_SECONDS);
      }
    });
  });

  it("rejects periods too short for the scripted episodes", () => {
    expect(() => planActivity({ seed: "x", days: 2, scale: 1, registry })).toThrow();
  });
});

describe("corridor weights", () => {
  it("match DOMAIN.md's source shares on a large plan", () => {
    const big = planActivity({ seed: "weights", days: 60, scale: 1, endDate: "2026-06-01", registry });
    const owner = entityOf(registry);
    const groupOf = new Map<string, SourceGroup>();
    for (const s of registry.sources) for (const w of s.wallets) groupOf.set(w, s.group);
    const counts = new Map<SourceGroup, number>();
    let total = 0;
    for (const a of big.actions) {
      if (a.kind !== "transfer" || a.purpose !== "remittance") continue;
      const group = groupOf.get(a.from);
      if (!group) throw new Error(`remittance from a non-source ${a.from} (${owner.get(a.from)?.name})`);
      counts.set(group, (counts.get(group) ?? 0) + 1);
      total += 1;
    }
    expect(total).toBeGreaterThan(8_000);
    for (const g of SOURCE_GROUPS)
      expect(Math.abs((counts.get(g) ?? 0) / total - CORRIDOR_WEIGHTS[g])).toBeLessThan(0.015);
  });

  it("lands every remittance in Pakistan (at a PK entity or an unattributed wallet)", () => {
    const owner = entityOf(registry);
    for (const a of plan.actions) {
      if (a.kind !== "transfer" || a.purpose !== "remittance") continue;
      const dest = owner.get(a.to);
      if (dest) expect(dest.country).toBe("PK");
      else expect(registry.customers).toContain(a.to);
    }
  });
});

describe("seasonality", () => {
  it("lifts remittances by 25% over Ramadan and Eid, on top of weekday and payday factors", () => {
    const seasonal = planActivity({ seed: "ramadan", days: 70, scale: 1, endDate: "2026-04-10", registry });
    const perDay = new Map<number, number>();
    for (const a of seasonal.actions) {
      if (a.kind !== "transfer" || a.purpose !== "remittance") continue;
      const day = a.ts - (a.ts % DAY_SECONDS);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    let upliftCount = 0;
    let normalCount = 0;
    let upliftWeight = 0;
    let normalWeight = 0;
    for (let d = seasonal.startTs; d < seasonal.endTs; d += DAY_SECONDS) {
      const lifted = upliftFactor(d, RAMADAN_EID_UPLIFT) > 1;
      const base = dayFactor(d, RAMADAN_EID_UPLIFT) / upliftFactor(d, RAMADAN_EID_UPLIFT);
      const pausedDay =
        seasonal.pause && seasonal.pause.pausedAt - (seasonal.pause.pausedAt % DAY_SECONDS) === d;
      if (pausedDay) continue;
      if (lifted) {
        upliftCount += perDay.get(d) ?? 0;
        upliftWeight += base;
      } else {
        normalCount += perDay.get(d) ?? 0;
        normalWeight += base;
      }
    }
    const lift = upliftCount / upliftWeight / (normalCount / normalWeight);
    expect(lift).toBeGreaterThan(1.2);
    expect(lift).toBeLessThan(1.3);
  });
});

describe("block grouping of a real plan", () => {
  it("keeps every block valid in any order across senders", () => {
    const blocks = groupIntoBlocks(plan.actions, { start: 0, end: plan.actions.length });
    const balances = new Map<string, bigint>();
    const bal = (a: string) => balances.get(a) ?? 0n;
    for (const b of blocks) {
      const actions = plan.actions.slice(b.start, b.end);
      // Worst order: every sender's own txs first (debits and own mints), credits from others last.
      const spend = new Map<string, bigint>();
      for (const a of actions) {
        const before = spend.get(a.from) ?? bal(a.from);
        const after =
          a.kind === "transfer" || a.kind === "burn"
            ? before - a.amount
            : a.kind === "mint"
              ? before + a.amount
              : before;
        expect(after).toBeGreaterThanOrEqual(0n);
        spend.set(a.from, after);
      }
      for (const a of actions) {
        if (a.kind === "transfer") {
          balances.set(a.from, bal(a.from) - a.amount);
          balances.set(a.to, bal(a.to) + a.amount);
        } else if (a.kind === "mint") balances.set(a.from, bal(a.from) + a.amount);
        else if (a.kind === "burn") balances.set(a.from, bal(a.from) - a.amount);
        else if (a.kind === "drain") {
          balances.set(a.account, 0n);
          balances.set(a.from, bal(a.from) + a.amount);
        }
      }
    }
  });
});
