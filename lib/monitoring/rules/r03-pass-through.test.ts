import { describe, expect, it } from "vitest";
import { entityRow, evidenceOf, MIN, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r03PassThrough } from "./r03-pass-through";

const SRC = wallet(1);
const W = wallet(2);
const DST = wallet(3);
const DST2 = wallet(4);

describe("R3 rapid pass-through", () => {
  it("flags 90% sent on exactly 60 minutes after receipt", () => {
    const inb = transfer(SRC, W, usd(1_000), T0);
    const out = transfer(W, DST, usd(900), T0 + 60 * MIN);
    const [a, ...rest] = runRule(r03PassThrough, [inb, out]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R3", subject: W, amount: usd(900), severity: "high", score: 70 });
    expect(evidenceOf(a!)).toEqual([`${inb.block}:inbound`, `${out.block}:trigger`]);
    expect(a?.explanation).toContain("(90.0%)");
  });

  it("does not flag one wei less than 90%, or 60 minutes and one second", () => {
    expect(
      runRule(r03PassThrough, [transfer(SRC, W, usd(1_000), T0), transfer(W, DST, usd(900) - 1n, T0 + MIN)]),
    ).toEqual([]);
    expect(
      runRule(r03PassThrough, [transfer(SRC, W, usd(1_000), T0), transfer(W, DST, usd(1_000), T0 + 3_601)]),
    ).toEqual([]);
  });

  it("adds up several outbounds and cites them all", () => {
    const inb = transfer(SRC, W, usd(4_800), T0);
    const o1 = transfer(W, DST, usd(2_000), T0 + 5 * MIN);
    const o2 = transfer(W, DST2, usd(2_700), T0 + 20 * MIN);
    const [a] = runRule(r03PassThrough, [inb, o1, o2]);
    expect(evidenceOf(a!)).toEqual([`${inb.block}:inbound`, `${o1.block}:outbound`, `${o2.block}:trigger`]);
    expect(a?.amount).toBe(usd(4_700));
  });

  it("ignores what left before the inbound arrived", () => {
    const early = transfer(W, DST, usd(900), T0);
    expect(
      runRule(r03PassThrough, [
        early,
        transfer(SRC, W, usd(1_000), T0 + 1),
        transfer(W, DST, usd(5), T0 + 2),
      ]),
    ).toEqual([]);
  });

  it("exempts business wallets and honours a minimum inbound", () => {
    const ts = [transfer(SRC, W, usd(1_000), T0), transfer(W, DST, usd(1_000), T0 + MIN)];
    expect(
      runRule(r03PassThrough, ts, { book: [entityRow(W, { entityId: 7, kind: "remittance_provider" })] }),
    ).toEqual([]);
    expect(runRule(r03PassThrough, ts, { params: { minInboundWei: (usd(1_000) + 1n).toString() } })).toEqual(
      [],
    );
    expect(runRule(r03PassThrough, ts, { params: { minInboundWei: usd(1_000).toString() } })).toHaveLength(1);
  });

  it("finds the pattern when the inbound was replayed as context", () => {
    const inb = transfer(SRC, W, usd(1_000), T0);
    expect(runRule(r03PassThrough, [transfer(W, DST, usd(950), T0 + MIN)], { prime: [inb] })).toHaveLength(1);
  });

  it("does not count poisoning dust below the USD 1 floor as an inbound (#16)", () => {
    const dust = transfer(SRC, W, 1n, T0);
    const pay = transfer(W, DST, usd(50), T0 + MIN);
    expect(runRule(r03PassThrough, [dust, pay])).toEqual([]);
    // Exactly the floor is money received; the floor at 0 restores the old behaviour.
    const [a, ...rest] = runRule(r03PassThrough, [
      transfer(SRC, W, usd(1), T0 + 2 * MIN),
      transfer(W, DST, usd(1), T0 + 3 * MIN),
    ]);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ subject: W, amount: usd(1) });
    const old = runRule(r03PassThrough, [dust, pay], { params: { dustFloorWei: "0" } });
    expect(old.map((x) => [x.subject, x.amount])).toEqual([[W, usd(50)]]);
  });

  it("judges the real inbound after the dust, and counts dust-sized outbounds towards it", () => {
    const dust = transfer(SRC, W, 1n, T0);
    const inb = transfer(SRC, W, usd(1_000), T0 + MIN);
    const pieces = Array.from({ length: 3 }, (_, i) => transfer(W, DST, usd(1) / 2n, T0 + 2 * MIN + i));
    const out = transfer(W, DST2, usd(899), T0 + 10 * MIN);
    const [a, ...rest] = runRule(r03PassThrough, [dust, inb, ...pieces, out]);
    expect(rest).toEqual([]);
    expect(a?.amount).toBe(usd(899) + (usd(1) / 2n) * 3n);
    expect(evidenceOf(a!)).toEqual([
      `${inb.block}:inbound`,
      ...pieces.map((t) => `${t.block}:outbound`),
      `${out.block}:trigger`,
    ]);
  });
});
