/**
 * The planted patterns meet DOMAIN.md's rule definitions exactly, on planned times and on block times
 * after grouping; everyday customer traffic meets none of R2–R4.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_BLOCK_SECONDS, groupIntoBlocks } from "./blocks";
import { planActivity } from "./plan";
import { buildRegistry } from "./registry";
import { WEI_PER_USD, type Plan, type PlantedRule } from "./types";

const registry = buildRegistry("demo", { chainIds: [31337] });
const plan = planActivity({ seed: "demo", days: 30, scale: 1, endDate: "2026-11-25", registry });
const DAY = 86_400;
const USD = WEI_PER_USD;

type Tx = { i: number; ts: number; from: string; to: string; amount: bigint };

/** Transfers with the time the chain will show: the block timestamp after grouping. */
function transfers(p: Plan, withBlockTimes: boolean): Tx[] {
  const ts = p.actions.map((a) => a.ts);
  if (withBlockTimes) {
    for (const b of groupIntoBlocks(p.actions, { start: 0, end: p.actions.length })) {
      for (let i = b.start; i < b.end; i++) ts[i] = b.ts;
    }
  }
  return p.actions.flatMap((a, i) =>
    a.kind === "transfer" ? [{ i, ts: ts[i] ?? a.ts, from: a.from, to: a.to, amount: a.amount }] : [],
  );
}

function evidence(p: Plan, rule: PlantedRule, txs: Tx[]): Tx[] {
  const entry = p.planted.find((x) => x.rule === rule);
  if (!entry) throw new Error(`no ${rule} planted`);
  const byIndex = new Map(txs.map((t) => [t.i, t]));
  return entry.actionIndices.map((i) => {
    const t = byIndex.get(i);
    if (!t) throw new Error(`${rule} evidence ${i} is not a transfer`);
    return t;
  });
}

/** R2: ≥3 transfers in 24 h from one sender, each in [800, 1000) USD, total ≥ 1000 USD. */
function isStructuring(txs: Tx[]): boolean {
  const senders = new Set(txs.map((t) => t.from));
  const times = txs.map((t) => t.ts);
  const total = txs.reduce((s, t) => s + t.amount, 0n);
  return (
    senders.size === 1 &&
    txs.length >= 3 &&
    Math.max(...times) - Math.min(...times) < DAY &&
    txs.every((t) => t.amount >= 800n * USD && t.amount < 1_000n * USD) &&
    total >= 1_000n * USD
  );
}

/** R3: ≥90% of an inbound amount sent on by the receiver within 60 minutes. */
function isPassThrough(inbound: Tx, outs: Tx[]): boolean {
  const sent = outs
    .filter(
      (o) => o.from === inbound.to && o.ts >= inbound.ts && o.ts - inbound.ts <= 3_600 && o.i > inbound.i,
    )
    .reduce((s, o) => s + o.amount, 0n);
  return sent * 10n >= inbound.amount * 9n;
}

/** R4: ≥10 distinct senders into one address in 24 h, then ≥80% of it moved out. */
function isFanIn(inbound: Tx[], out: Tx): boolean {
  const collector = out.from;
  const times = inbound.map((t) => t.ts);
  const received = inbound.reduce((s, t) => s + t.amount, 0n);
  return (
    inbound.every((t) => t.to === collector) &&
    new Set(inbound.map((t) => t.from)).size >= 10 &&
    Math.max(...times) - Math.min(...times) < DAY &&
    out.ts >= Math.max(...times) &&
    out.amount * 10n >= received * 8n
  );
}

describe.each([
  ["planned times", false],
  ["block times", true],
])("planted patterns on %s", (_name, withBlockTimes) => {
  const txs = transfers(plan, withBlockTimes);

  it("plants one pattern for each of R1–R4", () => {
    expect(plan.planted.map((p) => p.rule).sort()).toEqual(["R1", "R2", "R3", "R4"]);
  });

  it("R1: a transfer to and one from the sanctioned address", () => {
    const [to, from] = evidence(plan, "R1", txs);
    expect(to?.to).toBe(registry.sanctioned);
    expect(from?.from).toBe(registry.sanctioned);
    // The listed address is touched by nothing else.
    const touching = txs.filter((t) => t.to === registry.sanctioned || t.from === registry.sanctioned);
    expect(touching.map((t) => t.i)).toEqual([to?.i, from?.i]);
  });

  it("R2: structuring", () => {
    const ev = evidence(plan, "R2", txs);
    expect(ev).toHaveLength(4);
    expect(isStructuring(ev)).toBe(true);
  });

  it("R3: rapid pass-through", () => {
    const [inbound, out] = evidence(plan, "R3", txs);
    if (!inbound || !out) throw new Error("R3 evidence incomplete");
    expect(out.from).toBe(inbound.to);
    expect(isPassThrough(inbound, [out])).toBe(true);
  });

  it("R4: fan-in then move-out", () => {
    const ev = evidence(plan, "R4", txs);
    const out = ev[ev.length - 1];
    if (!out) throw new Error("R4 evidence incomplete");
    expect(isFanIn(ev.slice(0, -1), out)).toBe(true);
    // The move-out is not itself a pass-through of the last deposit (R3 stays quiet on it).
    expect(out.ts - Math.max(...ev.slice(0, -1).map((t) => t.ts))).toBeGreaterThan(3_600);
  });
});

describe("everyday customer traffic stays below R2–R4", () => {
  const txs = transfers(plan, true);
  const customers = new Set<string>(registry.customers);

  it("no customer structures (R2)", () => {
    const bySender = new Map<string, Tx[]>();
    for (const t of txs) {
      if (!customers.has(t.from) || t.amount < 800n * USD || t.amount >= 1_000n * USD) continue;
      bySender.set(t.from, [...(bySender.get(t.from) ?? []), t]);
    }
    for (const list of bySender.values()) {
      for (let k = 0; k + 2 < list.length; k++) expect(isStructuring(list.slice(k, k + 3))).toBe(false);
    }
  });

  it("no customer passes funds through within 60 minutes (R3)", () => {
    for (const t of txs) if (customers.has(t.to)) expect(isPassThrough(t, txs)).toBe(false);
  });

  it("no customer receives from 10 senders in 24 h (R4)", () => {
    const byReceiver = new Map<string, Tx[]>();
    for (const t of txs) if (customers.has(t.to)) byReceiver.set(t.to, [...(byReceiver.get(t.to) ?? []), t]);
    for (const list of byReceiver.values()) {
      for (const t of list) {
        const senders = new Set(list.filter((u) => u.ts >= t.ts && u.ts - t.ts < DAY).map((u) => u.from));
        expect(senders.size).toBeLessThan(10);
      }
    }
  });

  it("groups with the default block window the rules were given room for", () => {
    expect(DEFAULT_BLOCK_SECONDS).toBeLessThanOrEqual(600);
  });
});
