import { describe, expect, it } from "vitest";
import { duration, percent, placeholders, renderTemplate, scoreOf } from "./explain";

describe("explanations and scores", () => {
  it("fills templates and refuses a missing fact", () => {
    expect(renderTemplate("{a} sent {b}", { a: "X", b: "1.00 USD1" })).toBe("X sent 1.00 USD1");
    expect(() => renderTemplate("{a} {missing}", { a: "X" })).toThrow(/\{missing\}/);
    expect(placeholders("{a} and {b_2}")).toEqual(["a", "b_2"]);
  });

  it("formats durations and shares exactly", () => {
    expect([45, 1_200, 30_000, 86_400, 3 * 86_400, 181 * 86_400 + 1].map(duration)).toEqual([
      "45 s",
      "20 min",
      "8 h 20 min",
      "24 h",
      "3 days",
      "181.0 days",
    ]);
    expect(percent(4_700n, 4_800n)).toBe("97.9%");
    expect(percent(900n, 1_000n)).toBe("90.0%");
  });

  it("bands scores by severity and adds up to 9 for intensity", () => {
    expect([scoreOf("severe", 1), scoreOf("high", 1), scoreOf("medium", 2), scoreOf("low", 1_000)]).toEqual([
      90, 70, 53, 39,
    ]);
  });
});
