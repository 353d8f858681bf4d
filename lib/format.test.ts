import { describe, expect, it } from "vitest";
import {
  formatBlockLag,
  formatCount,
  formatCountry,
  formatDateTimeUtc,
  formatDuration,
  formatInt,
  formatRelativeTime,
  formatUsd1,
  formatWeiExact,
  toWei,
} from "./format";

const MAX_UINT256 = 2n ** 256n - 1n;
const E18 = 10n ** 18n;

describe("formatUsd1", () => {
  it("formats zero and one wei", () => {
    expect(formatUsd1(0n)).toBe("0.00 USD1");
    expect(formatUsd1(1n)).toBe("0.00 USD1");
    expect(formatUsd1(1n, { decimals: 18 })).toBe("0.000000000000000001 USD1");
  });

  it("groups thousands and keeps two decimals", () => {
    expect(formatUsd1(1_234_567_890_000_000_000_000_000n)).toBe("1,234,567.89 USD1");
    expect(formatUsd1("1000000000000000000000")).toBe("1,000.00 USD1");
    expect(formatUsd1(999n * E18)).toBe("999.00 USD1");
  });

  it("rounds half up on the magnitude, exactly", () => {
    expect(formatUsd1(5n * 10n ** 15n)).toBe("0.01 USD1"); // 0.005
    expect(formatUsd1(5n * 10n ** 15n - 1n)).toBe("0.00 USD1"); // 0.004999…
    expect(formatUsd1(995n * 10n ** 16n - 5n * 10n ** 15n)).toBe("9.95 USD1"); // 9.945
    expect(formatUsd1(9_995n * 10n ** 15n)).toBe("10.00 USD1"); // 9.995 carries
    expect(formatUsd1(999_999_995n * 10n ** 15n)).toBe("1,000,000.00 USD1");
  });

  it("formats negatives symmetrically and never prints -0.00", () => {
    expect(formatUsd1(-1_234_567_890_000_000_000_000_000n)).toBe("-1,234,567.89 USD1");
    expect(formatUsd1(-5n * 10n ** 15n)).toBe("-0.01 USD1");
    expect(formatUsd1(-1n)).toBe("0.00 USD1");
    expect(formatUsd1("-1")).toBe("0.00 USD1");
  });

  it("handles values near 2^256 without losing a digit", () => {
    expect(formatUsd1(MAX_UINT256)).toBe(
      "115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.58 USD1",
    );
    expect(formatUsd1(MAX_UINT256, { decimals: 18, group: false, unit: false })).toBe(
      "115792089237316195423570985008687907853269984665640564039457.584007913129639935",
    );
    expect(formatUsd1(-MAX_UINT256, { decimals: 0 })).toBe(
      "-115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,458 USD1",
    );
  });

  it("supports options", () => {
    expect(formatUsd1(15n * 10n ** 17n, { decimals: 0 })).toBe("2 USD1");
    expect(formatUsd1(E18, { unit: false })).toBe("1.00");
    expect(formatUsd1(E18, { signed: true })).toBe("+1.00 USD1");
    expect(formatUsd1(0n, { signed: true })).toBe("0.00 USD1");
    expect(formatUsd1(-E18, { signed: true })).toBe("-1.00 USD1");
    expect(formatUsd1(1_000_000n * E18, { group: false })).toBe("1000000.00 USD1");
  });

  it("rejects non-integers and bad options", () => {
    expect(() => formatUsd1("1.5")).toThrow(RangeError);
    expect(() => formatUsd1("1e18")).toThrow(RangeError);
    expect(() => formatUsd1("")).toThrow(RangeError);
    expect(() => formatUsd1(1n, { decimals: 19 })).toThrow(RangeError);
    expect(() => formatUsd1(1n, { decimals: 1.5 })).toThrow(RangeError);
  });
});

describe("formatWeiExact", () => {
  it("prints all 18 decimals", () => {
    expect(formatWeiExact(0n)).toBe("0.000000000000000000");
    expect(formatWeiExact(1n)).toBe("0.000000000000000001");
    expect(formatWeiExact(1500n * E18 + 2n)).toBe("1500.000000000000000002");
    expect(formatWeiExact("-1500000000000000000002", { group: true })).toBe("-1,500.000000000000000002");
    expect(formatWeiExact(-1n)).toBe("-0.000000000000000001");
  });
});

describe("toWei", () => {
  it("accepts bigint and integer strings only", () => {
    expect(toWei("-42")).toBe(-42n);
    expect(toWei(7n)).toBe(7n);
    expect(() => toWei(" 1")).toThrow(RangeError);
  });
});

describe("formatInt", () => {
  it("groups integers of any size", () => {
    expect(formatInt(0)).toBe("0");
    expect(formatInt(1234)).toBe("1,234");
    expect(formatInt(-1234567)).toBe("-1,234,567");
    expect(formatInt(12_345_678_901_234_567_890n)).toBe("12,345,678,901,234,567,890");
    expect(formatInt("1000")).toBe("1,000");
    expect(() => formatInt(1.5)).toThrow(RangeError);
  });
});

describe("formatCount", () => {
  it("pluralises", () => {
    expect(formatCount(0, "mint")).toBe("0 mints");
    expect(formatCount(1, "mint")).toBe("1 mint");
    expect(formatCount(1234n, "entry", "entries")).toBe("1,234 entries");
  });
});

describe("formatBlockLag", () => {
  it("pluralises and clamps", () => {
    expect(formatBlockLag(0n)).toBe("0 blocks");
    expect(formatBlockLag(1n)).toBe("1 block");
    expect(formatBlockLag(1204)).toBe("1,204 blocks");
    expect(formatBlockLag(-3n)).toBe("0 blocks");
    expect(formatBlockLag(null)).toBe("unknown");
  });
});

describe("durations and times", () => {
  const now = new Date("2025-03-10T12:00:00.000Z");

  it("formats durations with at most two units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(999)).toBe("0 s");
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(5 * 60_000)).toBe("5 min");
    expect(formatDuration(5 * 60_000 + 3_000)).toBe("5 min 3 s");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000 + 59_000)).toBe("3 h 5 min");
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000)).toBe("2 d 3 h");
  });

  it("formats relative times against an explicit now", () => {
    expect(formatRelativeTime(null, now)).toBe("never");
    expect(formatRelativeTime(new Date("2025-03-10T11:59:57Z"), now)).toBe("just now");
    expect(formatRelativeTime("2025-03-10T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelativeTime("2025-03-10T12:02:00Z", now)).toBe("in 2 min");
    expect(formatRelativeTime("2025-03-08T09:00:00Z", now)).toBe("2 d 3 h ago");
    expect(() => formatRelativeTime("not a date", now)).toThrow(RangeError);
  });

  it("formats UTC timestamps", () => {
    expect(formatDateTimeUtc(now)).toBe("2025-03-10 12:00:00 UTC");
    expect(formatDateTimeUtc("2025-01-02T03:04:05.678Z")).toBe("2025-01-02 03:04:05 UTC");
  });
});

describe("formatCountry", () => {
  it("names countries and never guesses the unattributed bucket", () => {
    expect(formatCountry("ZZ")).toBe("Unattributed");
    expect(formatCountry("PK")).toBe("Pakistan");
    expect(formatCountry("AE")).toBe("United Arab Emirates");
    expect(formatCountry("not-a-code")).toBe("not-a-code");
  });
});
