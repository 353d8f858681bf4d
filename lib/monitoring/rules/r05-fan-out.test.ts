import { describe, expect, it } from "vitest";
import { DAY, entityRow, HOUR, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r05FanOut } from "./r05-fan-out";

const S = wallet(1);
const ent = (i: number, country = "AE") => entityRow(wallet(100 + i), { entityId: i, country });
const pay = (i: number, time: number) => transfer(S, wallet(100 + i), usd(10), time);

describe("R5 fan-out", () => {
  it("flags the fifth distinct entity within 24 h, not the fourth", () => {
    const book = [1, 2, 3, 4, 5].map((i) => ent(i));
    const ts = [1, 2, 3, 4, 5].map((i) => pay(i, T0 + i * HOUR));
    expect(runRule(r05FanOut, ts.slice(0, 4), { book })).toEqual([]);
    const [a, ...rest] = runRule(r05FanOut, ts, { book });
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R5", subject: S, severity: "medium", block: ts[4]!.block });
    expect(a?.entityIds.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("flags the third country, not the second", () => {
    const book = [ent(1, "AE"), ent(2, "GB"), ent(3, "PK")];
    expect(runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1)], { book })).toEqual([]);
    expect(runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1), pay(3, T0 + 2)], { book })).toHaveLength(1);
  });

  it("ignores unattributed recipients, its own entity, and payments outside the window", () => {
    const book = [
      ent(1, "AE"),
      ent(2, "GB"),
      entityRow(S, { entityId: 3, kind: "other", country: "PK" }),
      ent(3, "PK"),
    ];
    expect(
      runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1), pay(3, T0 + 2), pay(9, T0 + 3)], { book }),
    ).toEqual([]);
    const far = [ent(1, "AE"), ent(2, "GB"), ent(3, "PK")];
    expect(runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1), pay(3, T0 + DAY + 1)], { book: far })).toEqual([]);
    expect(runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1), pay(3, T0 + DAY)], { book: far })).toHaveLength(1);
  });

  it("exempts business senders", () => {
    const book = [ent(1, "AE"), ent(2, "GB"), ent(3, "PK"), entityRow(S, { entityId: 9, kind: "exchange" })];
    expect(runRule(r05FanOut, [pay(1, T0), pay(2, T0 + 1), pay(3, T0 + 2)], { book })).toEqual([]);
  });
});
