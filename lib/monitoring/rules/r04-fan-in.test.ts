import { describe, expect, it } from "vitest";
import { DAY, entityRow, HOUR, MIN, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r04FanIn } from "./r04-fan-in";

const C = wallet(0xc0);
const OUT = wallet(0xd0);
const senders = (n: number, start = T0) =>
  Array.from({ length: n }, (_, i) => transfer(wallet(100 + i), C, usd(100), start + i * MIN));

describe("R4 fan-in", () => {
  it("flags 10 senders then exactly 80% moved out", () => {
    const ins = senders(10);
    const out = transfer(C, OUT, usd(800), T0 + 3 * HOUR);
    const [a, ...rest] = runRule(r04FanIn, [...ins, out]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R4", subject: C, amount: usd(1_000) });
    expect(a?.evidence).toHaveLength(11);
    expect(a?.explanation).toContain("from 10 different senders");
  });

  it("does not flag 9 senders, or one wei less than 80%", () => {
    expect(runRule(r04FanIn, [...senders(9), transfer(C, OUT, usd(900), T0 + HOUR)])).toEqual([]);
    expect(runRule(r04FanIn, [...senders(10), transfer(C, OUT, usd(800) - 1n, T0 + HOUR)])).toEqual([]);
  });

  it("counts a repeated sender once", () => {
    const ins = [...senders(9), transfer(wallet(100), C, usd(100), T0 + HOUR)];
    expect(runRule(r04FanIn, [...ins, transfer(C, OUT, usd(1_000), T0 + 2 * HOUR)])).toEqual([]);
  });

  it("keeps to the 24 h window: a sender 24 h and 1 s before the outflow no longer counts", () => {
    const ins = senders(10);
    const lastTime = ins[0]!.time + DAY;
    expect(runRule(r04FanIn, [...ins, transfer(C, OUT, usd(800), lastTime)])).toHaveLength(1);
    expect(runRule(r04FanIn, [...senders(10), transfer(C, OUT, usd(800), T0 + DAY + 1)])).toEqual([]);
  });

  it("adds outflows since the first inbound and exempts business collectors", () => {
    const ins = senders(10);
    const outs = [transfer(C, OUT, usd(500), T0 + HOUR), transfer(C, OUT, usd(300), T0 + 2 * HOUR)];
    expect(runRule(r04FanIn, [...ins, ...outs]).map((a) => a.block)).toEqual([outs[1]!.block]);
    expect(
      runRule(r04FanIn, [...ins, ...outs], { book: [entityRow(C, { entityId: 3, kind: "bank" })] }),
    ).toEqual([]);
  });
});
