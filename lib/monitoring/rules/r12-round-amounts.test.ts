import { describe, expect, it } from "vitest";
import { DAY, entityRow, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r12RoundAmounts } from "./r12-round-amounts";

const S = wallet(1);
const sends = (n: number, amount: bigint, step = DAY) =>
  Array.from({ length: n }, (_, i) => transfer(S, wallet(10 + i), amount, T0 + i * step));

describe("R12 repeated round amounts", () => {
  it("flags the fifth identical round amount within 7 days, not the fourth", () => {
    expect(runRule(r12RoundAmounts, sends(4, usd(500)))).toEqual([]);
    const [a, ...rest] = runRule(r12RoundAmounts, sends(5, usd(500)));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R12", severity: "low", score: 30, amount: usd(2_500) });
    expect(a?.explanation).toContain("exactly 500.00 USD1 5 times");
  });

  it("keeps to the 7-day window at the boundary", () => {
    expect(runRule(r12RoundAmounts, sends(5, usd(500), (7 * DAY) / 4))).toHaveLength(1);
    expect(runRule(r12RoundAmounts, sends(5, usd(500), (7 * DAY) / 4 + 1))).toEqual([]);
  });

  it("needs a round, identical amount; the unit is configurable", () => {
    expect(runRule(r12RoundAmounts, sends(5, usd(500) + 1n))).toEqual([]);
    expect(runRule(r12RoundAmounts, sends(5, usd(550)))).toEqual([]);
    expect(
      runRule(r12RoundAmounts, sends(5, usd(550)), { params: { roundUnitWei: usd(50).toString() } }),
    ).toHaveLength(1);
    expect(runRule(r12RoundAmounts, sends(5, usd(500) + 1n), { params: { roundUnitWei: "0" } })).toHaveLength(
      1,
    );
  });

  it("exempts business senders", () => {
    expect(runRule(r12RoundAmounts, sends(5, usd(500)), { book: [entityRow(S, { entityId: 1 })] })).toEqual(
      [],
    );
  });
});
