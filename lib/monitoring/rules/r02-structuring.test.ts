import { describe, expect, it } from "vitest";
import { DAY, entityRow, evidenceOf, HOUR, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r02Structuring } from "./r02-structuring";

const S = wallet(1);
const R = wallet(2);
const band = usd(800); // 0.8 × T, T = USD 1,000

describe("R2 structuring", () => {
  it("flags the third in-band transfer at exactly 0.8 T within 24 h", () => {
    const ts = [0, 1, 2].map((i) => transfer(S, R, band, T0 + i * HOUR));
    const [a, ...rest] = runRule(r02Structuring, ts);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      ruleId: "R2",
      severity: "high",
      subject: S,
      amount: usd(2_400),
      block: ts[2]!.block,
    });
    expect(evidenceOf(a!)).toEqual([
      `${ts[0]!.block}:structured`,
      `${ts[1]!.block}:structured`,
      `${ts[2]!.block}:trigger`,
    ]);
    expect(a?.explanation).toContain("3 transfers within 2 h");
  });

  it("ignores amounts one wei below the band and at the threshold itself", () => {
    const below = [transfer(S, R, band, T0), transfer(S, R, band, T0 + 1), transfer(S, R, band - 1n, T0 + 2)];
    expect(runRule(r02Structuring, below)).toEqual([]);
    const at = [transfer(S, R, band, T0), transfer(S, R, band, T0 + 1), transfer(S, R, usd(1_000), T0 + 2)];
    expect(runRule(r02Structuring, at)).toEqual([]);
    const justUnder = [
      transfer(S, R, band, T0),
      transfer(S, R, band, T0 + 1),
      transfer(S, R, usd(1_000) - 1n, T0 + 2),
    ];
    expect(runRule(r02Structuring, justUnder)).toHaveLength(1);
  });

  it("counts a window of exactly 24 h, not 24 h and a second", () => {
    const inside = [
      transfer(S, R, band, T0),
      transfer(S, R, band, T0 + HOUR),
      transfer(S, R, band, T0 + DAY),
    ];
    expect(runRule(r02Structuring, inside)).toHaveLength(1);
    const outside = [
      transfer(S, R, band, T0),
      transfer(S, R, band, T0 + HOUR),
      transfer(S, R, band, T0 + DAY + 1),
    ];
    expect(runRule(r02Structuring, outside)).toEqual([]);
  });

  it("needs the configured count and exempts business senders", () => {
    const ts = [0, 1, 2].map((i) => transfer(S, R, band, T0 + i));
    expect(runRule(r02Structuring, ts, { params: { minCount: 4 } })).toEqual([]);
    expect(runRule(r02Structuring, ts, { book: [entityRow(S, { entityId: 1, kind: "exchange" })] })).toEqual(
      [],
    );
    expect(
      runRule(r02Structuring, ts, { book: [entityRow(S, { entityId: 1, kind: "other" })] }),
    ).toHaveLength(1);
  });

  it("raises once per episode: a fourth transfer in the window adds no alert, a later episode does", () => {
    const ts = [0, 1, 2, 3].map((i) => transfer(S, R, band, T0 + i * HOUR));
    expect(runRule(r02Structuring, ts)).toHaveLength(1);
    const later = [0, 1, 2].map((i) => transfer(S, R, band, T0 + 2 * DAY + i));
    expect(runRule(r02Structuring, [...ts, ...later])).toHaveLength(2);
    // An episode recorded by an earlier run suppresses too.
    const episodes = [{ ruleId: "R2" as const, key: S, time: T0 - HOUR }];
    expect(runRule(r02Structuring, ts.slice(0, 3), { episodes })).toEqual([]);
  });
});
