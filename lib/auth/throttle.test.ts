import { describe, expect, it } from "vitest";
import {
  ACCOUNT_POLICY,
  IP_POLICY,
  tooSoonMessage,
  waitAfterFailures,
  wrongPasswordMessage,
} from "./throttle";

const waits = (policy: typeof ACCOUNT_POLICY, upTo: number) =>
  Array.from({ length: upTo }, (_, i) => waitAfterFailures(i + 1, policy));

describe("waitAfterFailures", () => {
  it("an account waits 1 s after the 3rd failure, doubling to 30 s, and is never locked", () => {
    expect(waits(ACCOUNT_POLICY, 10)).toEqual([
      0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(waitAfterFailures(1_000, ACCOUNT_POLICY)).toBe(30_000);
  });

  it("an address waits from the 10th failure and is refused for 15 minutes from the 20th", () => {
    expect(waits(IP_POLICY, 21)).toEqual([
      ...Array<number>(9).fill(0),
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      30_000,
      30_000,
      30_000,
      30_000,
      30_000,
      900_000,
      900_000,
    ]);
  });
});

describe("messages", () => {
  it("say how long to wait, in whole seconds or minutes, never 0", () => {
    expect(tooSoonMessage(4_000)).toBe("Too many failed sign-in attempts. Try again in 4 s.");
    expect(tooSoonMessage(1_200)).toBe("Too many failed sign-in attempts. Try again in 2 s.");
    expect(tooSoonMessage(3)).toBe("Too many failed sign-in attempts. Try again in 1 s.");
    expect(tooSoonMessage(900_000)).toBe("Too many failed sign-in attempts. Try again in 15 min.");
    expect(wrongPasswordMessage(0)).toBe("Wrong email or password.");
    expect(wrongPasswordMessage(1_000)).toBe("Wrong email or password. Try again in 1 s.");
  });
});
