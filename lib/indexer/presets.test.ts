import { describe, expect, it } from "vitest";
import { PRESETS } from "./presets";

/** First blocks holding USD1 logs, as published (DOMAIN.md §1b); a preset must not start after them. */
const FIRST_USD1_LOG_BLOCK = { ethereum: 21_720_503n, bnb: 46_151_905n } as const;

describe("PRESETS", () => {
  it.each(Object.entries(FIRST_USD1_LOG_BLOCK))(
    "starts %s at or before its first USD1 log",
    (name, first) => {
      const preset = PRESETS[name as keyof typeof PRESETS];
      expect(BigInt(preset.fromBlock)).toBeLessThanOrEqual(first);
      // …and not absurdly early: a few weeks of empty blocks at most (Ethereum ~7,200/day, BNB ~28,800/day).
      expect(first - BigInt(preset.fromBlock)).toBeLessThan(300_000n);
    },
  );

  it("uses the token address both chains publish", () => {
    expect(PRESETS.ethereum.address.toLowerCase()).toBe("0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d");
    expect(PRESETS.bnb.address).toBe(PRESETS.ethereum.address);
  });
});
