import { describe, expect, it } from "vitest";
import { convertAtRate, formatPkr, formatShare, formatUsd1Compact, parseRate } from "./format";

const E18 = 10n ** 18n;

describe("parseRate", () => {
  it("reads a decimal string exactly", () => {
    expect(parseRate("278.50")).toEqual({ num: 27850n, den: 100n });
    expect(parseRate("278")).toEqual({ num: 278n, den: 1n });
    expect(parseRate("0.00000001")).toEqual({ num: 1n, den: 100_000_000n });
  });

  it("refuses floats in disguise, negatives, zero and junk", () => {
    for (const bad of ["", "1e3", "-1", "0", "0.0", "1.", ".5", "1,000", "278.123456789", "abc"]) {
      expect(() => parseRate(bad), bad).toThrow(RangeError);
    }
  });
});

describe("convertAtRate / formatPkr", () => {
  it("converts without floats", () => {
    expect(convertAtRate(100n * E18, "278.50")).toBe(27_850n * E18);
    expect(formatPkr(100n * E18, "278.50")).toBe("PKR 27,850.00");
    // 0.1 + 0.2 style traps: 0.3 USD1 at 3 = 0.9 PKR exactly.
    expect(convertAtRate(3n * 10n ** 17n, "3")).toBe(9n * 10n ** 17n);
  });

  it("rounds half away from zero at the last wei", () => {
    // 1 wei × 0.5 = 0.5 wei → 1; −1 wei × 0.5 → −1.
    expect(convertAtRate(1n, "0.5")).toBe(1n);
    expect(convertAtRate(-1n, "0.5")).toBe(-1n);
    expect(convertAtRate(1n, "0.4")).toBe(0n);
  });

  it("keeps exactness on huge amounts", () => {
    const wei = 123_456_789_012_345_678_901_234_567_890n;
    expect(convertAtRate(wei, "278.5")).toBe((wei * 2785n + 5n) / 10n);
  });

  it("signs negatives before the currency", () => {
    expect(formatPkr(-2n * E18, "278.50")).toBe("-PKR 557.00");
  });
});

describe("formatShare", () => {
  it("is an exact percentage", () => {
    expect(formatShare(1n, 3n)).toBe("33.33%");
    expect(formatShare(2n, 3n)).toBe("66.67%");
    expect(formatShare(1n, 8n, 3)).toBe("12.500%");
    expect(formatShare(5n, 5n)).toBe("100.00%");
    expect(formatShare(0n, 0n)).toBe("—");
  });
});

describe("formatUsd1Compact", () => {
  it("uses k/M/B/T with one decimal", () => {
    expect(formatUsd1Compact(1_234_567n * E18)).toBe("1.2M");
    expect(formatUsd1Compact(1_250_000n * E18)).toBe("1.3M");
    expect(formatUsd1Compact(2_000n * E18)).toBe("2k");
    expect(formatUsd1Compact(-3_400n * E18)).toBe("-3.4k");
    expect(formatUsd1Compact(7n * 10n ** 12n * E18)).toBe("7T");
  });

  it("prints small values plainly", () => {
    expect(formatUsd1Compact(950n * E18)).toBe("950");
    expect(formatUsd1Compact(5n * 10n ** 17n)).toBe("0.50");
    expect(formatUsd1Compact(0n)).toBe("0");
  });
});
