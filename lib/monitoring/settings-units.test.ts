import { describe, expect, it } from "vitest";
import {
  formatBpsInput,
  formatDurationInput,
  parseDuration,
  parseList,
  parseNumber,
  parsePercentToBps,
  parseUsdToWei,
  weiToUsdText,
} from "./settings-units";

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) =>
  r.ok ? r.value : `error: ${r.error}`;

describe("USD1 amounts", () => {
  it("converts exactly to wei, up to 6 decimals", () => {
    expect(value(parseUsdToWei("10000"))).toBe(10_000n * 10n ** 18n);
    expect(value(parseUsdToWei("10,000.5"))).toBe(10_000_500_000_000_000_000_000n);
    expect(value(parseUsdToWei(" 9999.999999 "))).toBe(9_999_999_999_000_000_000_000n);
    expect(value(parseUsdToWei("0.000001"))).toBe(1_000_000_000_000n);
    expect(value(parseUsdToWei("0"))).toBe(0n);
    expect(value(parseUsdToWei("1234567 USD1"))).toBe(1_234_567n * 10n ** 18n);
    // Beyond a float's 2^53: still exact.
    expect(value(parseUsdToWei("123456789012345678.123456"))).toBe(
      123_456_789_012_345_678_123_456_000_000_000_000n,
    );
  });

  it("refuses negatives, words, bad grouping and too many decimals with a reason", () => {
    expect(value(parseUsdToWei("-5"))).toBe("error: The amount cannot be negative.");
    expect(value(parseUsdToWei("ten"))).toBe(
      "error: Enter an amount in USD1 using digits, e.g. 10000 or 10000.50.",
    );
    expect(value(parseUsdToWei("1,00"))).toBe(
      "error: Enter an amount in USD1 using digits, e.g. 10000 or 10000.50.",
    );
    expect(value(parseUsdToWei("1e5"))).toBe(
      "error: Enter an amount in USD1 using digits, e.g. 10000 or 10000.50.",
    );
    expect(value(parseUsdToWei("10000.1234567"))).toBe("error: Use at most 6 decimal places.");
    expect(value(parseUsdToWei(""))).toBe("error: Enter an amount in USD1, e.g. 10000 or 10000.50.");
    expect(value(parseUsdToWei("1".repeat(25)))).toBe("error: The amount is too large.");
  });

  it("prints wei back as the shortest exact text", () => {
    expect(weiToUsdText("10000000000000000000000")).toBe("10000");
    expect(weiToUsdText(10_000_500_000_000_000_000_000n)).toBe("10000.5");
    expect(weiToUsdText("1")).toBe("0.000000000000000001");
    expect(weiToUsdText("0")).toBe("0");
  });
});

describe("durations", () => {
  it("reads a number with a unit", () => {
    expect(value(parseDuration("24h"))).toBe(86_400);
    expect(value(parseDuration("60 min"))).toBe(3_600);
    expect(value(parseDuration("7 days"))).toBe(604_800);
    expect(value(parseDuration("90s"))).toBe(90);
    expect(value(parseDuration("180D"))).toBe(15_552_000);
  });

  it("asks for a unit and refuses zero", () => {
    expect(value(parseDuration("3600"))).toBe("error: Add a unit: 3600s, 3600m, 3600h or 3600d.");
    expect(value(parseDuration("0h"))).toBe("error: The duration must be longer than zero.");
    expect(value(parseDuration("1.5h"))).toBe("error: Enter a duration such as 60m, 24h or 7d.");
  });

  it("prints seconds the way a person says them", () => {
    expect(formatDurationInput(86_400)).toBe("24h");
    expect(formatDurationInput(604_800)).toBe("7d");
    expect(formatDurationInput(3_600)).toBe("60m");
    expect(formatDurationInput(15_552_000)).toBe("180d");
    expect(formatDurationInput(90)).toBe("90s");
    for (const s of [86_400, 604_800, 3_600, 15_552_000, 90, 7_200, 2_592_000]) {
      expect(value(parseDuration(formatDurationInput(s)))).toBe(s);
    }
  });
});

describe("percentages", () => {
  it("converts to basis points and back", () => {
    expect(value(parsePercentToBps("90"))).toBe(9_000);
    expect(value(parsePercentToBps("12.5%"))).toBe(1_250);
    expect(value(parsePercentToBps("0.01"))).toBe(1);
    expect(value(parsePercentToBps("100"))).toBe(10_000);
    expect(formatBpsInput(9_000)).toBe("90");
    expect(formatBpsInput(1_250)).toBe("12.5");
    expect(formatBpsInput(1)).toBe("0.01");
    expect(formatBpsInput(8_005)).toBe("80.05");
  });

  it("refuses what is not a share", () => {
    expect(value(parsePercentToBps("0"))).toBe("error: Enter a percentage between 0.01 and 100.");
    expect(value(parsePercentToBps("100.01"))).toBe("error: Enter a percentage between 0.01 and 100.");
    expect(value(parsePercentToBps("12.345"))).toBe(
      "error: Enter a percentage such as 90 or 12.5 (at most 2 decimals).",
    );
  });
});

describe("numbers and lists", () => {
  it("reads numbers and splits lists", () => {
    expect(value(parseNumber(" 5 "))).toBe(5);
    expect(value(parseNumber("2.5"))).toBe(2.5);
    expect(value(parseNumber("-1"))).toBe("error: Enter a number, e.g. 5.");
    expect(parseList("KP\nIR, MM\n\nKP ")).toEqual(["KP", "IR", "MM"]);
    expect(parseList("  ")).toEqual([]);
  });
});
