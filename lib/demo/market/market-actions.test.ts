import { encodeFunctionData, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { demoPoolRouterAbi, demoReserveFeedAbi } from "@/lib/demo/contracts/market/market-abi";
import { transferLogsOf } from "../simulator/ground-truth";
import { encodeAction, targetOf } from "../simulator/tx";
import type { PlannedAction } from "../simulator/types";

const TRADER = "0x1111111111111111111111111111111111111111";
const ROUTER = getAddress("0xabcdef0123456789abcdef0123456789abcdef01");
const POOL = "0x2222222222222222222222222222222222222222";
const FEED = "0x3333333333333333333333333333333333333333";
const AMOUNT = 1_234_567n * 10n ** 16n;
const swap = (side: "sell" | "buy", usd1IsToken0: boolean): PlannedAction => ({
  kind: "swap",
  ts: 5,
  from: TRADER,
  router: ROUTER,
  pool: POOL,
  side,
  usd1IsToken0,
  usd1Amount: AMOUNT,
});
const router = (args: readonly [`0x${string}`, boolean, bigint]) =>
  encodeFunctionData({ abi: demoPoolRouterAbi, functionName: "swap", args });

describe("market actions", () => {
  const cases: [PlannedAction, string][] = [
    // A sell is exact input (positive), towards the quote token; a buy exact output (negative).
    [swap("sell", true), router([POOL, true, AMOUNT])],
    [swap("sell", false), router([POOL, false, AMOUNT])],
    [swap("buy", true), router([POOL, false, -AMOUNT])],
    [swap("buy", false), router([POOL, true, -AMOUNT])],
    [
      { kind: "liquidityBurn", ts: 0, from: TRADER, router: ROUTER, pool: POOL, tickLower: -276_324, tickUpper: 17, liquidity: 10n ** 20n },
      encodeFunctionData({ abi: demoPoolRouterAbi, functionName: "burn", args: [POOL, -276_324, 17, 10n ** 20n] }),
    ],
    [
      { kind: "reserveReport", ts: 1_772_410_568, from: TRADER, feed: FEED, reservesWei: AMOUNT },
      encodeFunctionData({ abi: demoReserveFeedAbi, functionName: "report", args: [AMOUNT, 1_772_410_568n] }),
    ],
  ]; // prettier-ignore

  it.each(cases)("encodes like viem: %o", (action, expected) => {
    expect(encodeAction(action)).toBe(expected.toLowerCase());
  });

  it("sends swaps and burns to the router, reports to the feed", () => {
    const contracts = { token: POOL, governor: TRADER } as const;
    expect(cases.map(([a]) => targetOf(a, contracts))).toEqual([ROUTER, ROUTER, ROUTER, ROUTER, ROUTER, FEED]);
  });

  it("a sell is one Transfer trader → pool, a buy one pool → trader, of the exact amount; the rest move no token", () => {
    expect(transferLogsOf(swap("sell", true), TRADER)).toEqual([{ kind: "transfer", from: TRADER, to: POOL, amount: AMOUNT }]);
    expect(transferLogsOf(swap("buy", false), TRADER)).toEqual([{ kind: "transfer", from: POOL, to: TRADER, amount: AMOUNT }]);
    expect(cases.slice(4).flatMap(([a]) => transferLogsOf(a, TRADER))).toEqual([]);
  });
});
