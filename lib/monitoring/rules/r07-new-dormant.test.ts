import { describe, expect, it } from "vitest";
import { emptySeeds } from "../rule";
import { DAY, entityRow, evidenceOf, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r07NewDormant } from "./r07-new-dormant";

const A = wallet(1);
const NEW = wallet(2);

describe("R7 new or dormant wallet, large first flow", () => {
  it("flags a new wallet whose first flow is exactly USD 5,000", () => {
    const [a, ...rest] = runRule(r07NewDormant, [transfer(A, NEW, usd(5_000), T0)], {
      seeds: { ...emptySeeds(), lastSeen: new Map([[A, T0 - DAY]]) },
    });
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R7", subject: NEW });
    expect(a?.explanation).toContain("appeared for the first time");
  });

  it("does not flag one wei less, nor the wallet's second flow", () => {
    const seeds = { ...emptySeeds(), lastSeen: new Map([[A, T0 - DAY]]) };
    expect(
      runRule(r07NewDormant, [transfer(A, NEW, usd(5_000) - 1n, T0), transfer(A, NEW, usd(9_000), T0 + 1)], {
        seeds,
      }),
    ).toEqual([]);
  });

  it("flags a wallet idle for more than 180 days, not exactly 180", () => {
    const seen = new Map([
      [A, T0],
      [NEW, T0],
    ]);
    const at = (t: number) =>
      runRule(r07NewDormant, [transfer(A, NEW, usd(6_000), t)], {
        seeds: { ...emptySeeds(), lastSeen: new Map(seen) },
      });
    expect(at(T0 + 180 * DAY)).toEqual([]);
    const [a] = at(T0 + 180 * DAY + 1);
    expect(a?.key).toContain("|dormant:to|");
    expect(a?.explanation).toContain("idle for 180.0 days");
  });

  it("exempts attributed businesses", () => {
    expect(
      runRule(r07NewDormant, [transfer(A, NEW, usd(50_000), T0)], {
        book: [entityRow(A, { entityId: 1 }), entityRow(NEW, { entityId: 2, kind: "bank" })],
      }),
    ).toEqual([]);
  });

  it("judges the first flow above the dust floor: 1 wei first, then 50,000 (#16)", () => {
    const dust = transfer(A, NEW, 1n, T0);
    const big = transfer(A, NEW, usd(50_000), T0 + 60);
    const seeds = () => ({ ...emptySeeds(), lastSeen: new Map([[A, T0 - DAY]]) });
    const [a, ...rest] = runRule(r07NewDormant, [dust, big], { seeds: seeds() });
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ subject: NEW, block: big.block, amount: usd(50_000) });
    expect(a?.key).toContain("|new:to|");
    expect(evidenceOf(a!)).toEqual([`${big.block}:trigger`]);
    // The floor at 0 is the old behaviour: the dust was the first flow, the 50,000 is not judged.
    expect(runRule(r07NewDormant, [dust, big], { seeds: seeds(), params: { dustFloorWei: "0" } })).toEqual(
      [],
    );
  });

  it("does not let dust wake a dormant wallet, nor keep it awake", () => {
    const seeds = {
      ...emptySeeds(),
      lastSeen: new Map([
        [A, T0],
        [NEW, T0],
      ]),
    };
    const dust = transfer(A, NEW, usd(1) - 1n, T0 + 100 * DAY);
    const wake = transfer(NEW, A, usd(6_000), T0 + 181 * DAY);
    const alerts = runRule(r07NewDormant, [dust, wake], { seeds });
    // A sent only the dust since T0, so it wakes too.
    expect(alerts.map((a) => [a.key.split("|")[2], a.subject, a.facts.idle])).toEqual([
      ["dormant:to", A, "181 days"],
      ["dormant:from", NEW, "181 days"],
    ]);
  });
});
