import { describe, expect, it } from "vitest";
import {
  DAY,
  entityRow,
  evidenceOf,
  HOUR,
  runRule,
  T0,
  taggedRow,
  transfer,
  usd,
  wallet,
} from "../testing/fixtures";
import { r06HighValue } from "./r06-high-value";

const S = wallet(1);
const R = wallet(2);

describe("R6 high value", () => {
  it("flags a single transfer of exactly USD 10,000 but not one wei less", () => {
    const [a] = runRule(r06HighValue, [transfer(S, R, usd(10_000), T0)]);
    expect(a).toMatchObject({ ruleId: "R6", severity: "medium", score: 50, amount: usd(10_000) });
    expect(a?.key).toContain("|single|");
    expect(runRule(r06HighValue, [transfer(S, R, usd(10_000) - 1n, T0)])).toEqual([]);
  });

  it("flags USD 50,000 in 24 h from one sender exactly at the threshold", () => {
    const five = [0, 1, 2, 3, 4].map((i) => transfer(S, R, usd(9_000), T0 + i * HOUR));
    const [a, ...rest] = runRule(r06HighValue, [...five, transfer(S, R, usd(5_000), T0 + 5 * HOUR)]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ amount: usd(50_000) });
    expect(a?.evidence).toHaveLength(6);
    expect(runRule(r06HighValue, [...five, transfer(S, R, usd(5_000) - 1n, T0 + 5 * HOUR)])).toEqual([]);
    expect(runRule(r06HighValue, [...five, transfer(S, R, usd(5_000), T0 + DAY + 1)])).toEqual([]);
  });

  it("raises the cumulative alert once per episode, a single one before it counted in but not hiding it", () => {
    // Before logic version 2 the single alert opened the sender's episode and this raised only "single".
    const big = transfer(S, R, usd(45_000), T0);
    const t1 = transfer(S, R, usd(6_000), T0 + 1);
    const alerts = runRule(r06HighValue, [big, t1, transfer(S, R, usd(6_000), T0 + 2)]);
    expect(alerts.map((a) => [a.key.split("|")[2], a.block, a.amount])).toEqual([
      ["single", big.block, usd(45_000)],
      ["cumulative", t1.block, usd(51_000)],
    ]);
    expect(alerts[0]?.suppressKey).toBeNull();
    expect(evidenceOf(alerts[1]!)).toEqual([`${big.block}:payment`, `${t1.block}:trigger`]);
  });

  it("10,000 then 20 × 9,000 within 24 h: the single alert and one cumulative alert (#16)", () => {
    const first = transfer(S, R, usd(10_000), T0);
    const nines = Array.from({ length: 20 }, (_, i) => transfer(S, R, usd(9_000), T0 + (i + 1) * HOUR));
    const alerts = runRule(r06HighValue, [first, ...nines]);
    expect(alerts.map((a) => a.key.split("|")[2])).toEqual(["single", "cumulative"]);
    const [single, cumulative] = alerts;
    expect(single).toMatchObject({ block: first.block, amount: usd(10_000) });
    // 10,000 + 5 × 9,000 = 55,000: the fifth 9,000 reaches the threshold.
    const trigger = nines[4]!;
    expect(cumulative).toMatchObject({ block: trigger.block, amount: usd(55_000), suppressKey: S });
    expect(cumulative?.facts.count).toBe("6");
    expect(evidenceOf(cumulative!)).toEqual([
      `${first.block}:payment`,
      ...nines.slice(0, 4).map((t) => `${t.block}:payment`),
      `${trigger.block}:trigger`,
    ]);
  });

  it("does not call one large transfer alone a cumulative total", () => {
    const alerts = runRule(r06HighValue, [transfer(S, R, usd(60_000), T0)]);
    expect(alerts.map((a) => a.key.split("|")[2])).toEqual(["single"]);
  });

  it("cites only the largest transfers needed to reach the cumulative threshold", () => {
    const big = [0, 1, 2].map((i) => transfer(S, R, usd(9_900), T0 + i));
    const small = Array.from({ length: 100 }, (_, i) => transfer(S, R, usd(200), T0 + 10 + i));
    const trigger = transfer(S, R, usd(9_000), T0 + 200);
    const [a] = runRule(r06HighValue, [...big, ...small, trigger]);
    expect(a?.facts.count).toBe("104");
    expect(a?.amount).toBe(usd(58_700));
    expect(a?.evidence).toHaveLength(1 + 3 + 57); // 9,000 + 3 × 9,900 + 57 × 200 = 50,100
    expect(a?.evidence.at(-1)).toMatchObject({ role: "trigger", block: trigger.block });
  });

  it("skips business senders, issuance plumbing and intra-entity moves", () => {
    const t = transfer(S, R, usd(1_000_000), T0);
    expect(runRule(r06HighValue, [t], { book: [taggedRow(S, ["treasury"])] })).toEqual([]);
    expect(runRule(r06HighValue, [t], { book: [taggedRow(R, ["bridge"])] })).toEqual([]);
    expect(runRule(r06HighValue, [t], { book: [entityRow(S, { entityId: 1, kind: "exchange" })] })).toEqual(
      [],
    );
    const narrowed = { exemptEntityKinds: ["issuer", "bridge"] };
    expect(
      runRule(r06HighValue, [t], { book: [entityRow(S, { entityId: 1 })], params: narrowed }),
    ).toHaveLength(1);
    const same = [entityRow(S, { entityId: 4, kind: "other" }), entityRow(R, { entityId: 4, kind: "other" })];
    expect(runRule(r06HighValue, [transfer(S, R, usd(20_000), T0)], { book: same })).toEqual([]);
  });
});
