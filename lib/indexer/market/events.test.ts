import { describe, expect, it } from "vitest";
import { encodeAbiParameters, encodeEventTopics, numberToHex, type Hex } from "viem";
import type { RpcLog } from "../types";
import {
  aggregatorV3EventsAbi,
  dataFeedsCacheEventsAbi,
  decodeReserveLog,
  decodeSwapLog,
  pancakeV3SwapAbi,
  RESERVE_TOPICS,
  scaleTo18,
  SWAP_TOPICS,
  uniswapV3SwapAbi,
} from "./events";

const at = { blockNumber: "0x10", blockHash: `0x${"ab".repeat(32)}`, transactionHash: `0x${"CD".repeat(32)}`, logIndex: "0x3" } as const;
const log = (topics: Hex[], data: Hex): RpcLog => ({ address: "0x402641d87cbf09b57af4161faac37f67ef711ddb", topics, data, ...at });
const SENDER = "0x1111111111111111111111111111111111111111";
const RECIPIENT = "0x2222222222222222222222222222222222222222";
const SQRT = 79_228_162_514_264_337_593_543_950_336_123n;

describe("reserve and swap logs", () => {
  it("knows each event's topic0 (Uniswap and PancakeSwap v3 Swaps differ)", () => {
    expect(RESERVE_TOPICS.aggregator_v3).toBe("0x0559884fd3a460db3073b7fc896cc77986f16e378210ded43186175bf646fc5f");
    expect(SWAP_TOPICS.uniswap_v3).toBe("0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67");
    expect(SWAP_TOPICS.pancake_v3).not.toBe(SWAP_TOPICS.uniswap_v3);
  });

  it("decodes AnswerUpdated: answer, round, updatedAt; reserves rescaled to 18 decimals exactly", () => {
    const topics = encodeEventTopics({ abi: aggregatorV3EventsAbi, eventName: "AnswerUpdated", args: { current: 4_630_000_000_12345678n, roundId: 7n } }); // prettier-ignore
    const row = decodeReserveLog(log(topics as Hex[], encodeAbiParameters([{ type: "uint256" }], [1_772_410_568n])), { kind: "aggregator_v3", decimals: 8, dataId: null }); // prettier-ignore
    expect(row).toEqual({
      blockNumber: 16n,
      blockHash: at.blockHash,
      txHash: at.transactionHash.toLowerCase(),
      logIndex: 3,
      roundId: 7n,
      answer: 4_630_000_000_12345678n,
      reservesWei: 4_630_000_000_123456780000000000n,
      reportedAt: 1_772_410_568,
    });
  });

  it("decodes a Keystone bundle (timestamp, reserves) of our dataId only", () => {
    const dataId = "0x01a2b3c4d5e6f708090a0b0c0d0e0f10" as const;
    const bundle = encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [1_772_400_000n, 4_630_123_456n * 10n ** 18n + 1n]);
    const topics = encodeEventTopics({ abi: dataFeedsCacheEventsAbi, eventName: "BundleReportUpdated", args: { dataId, timestamp: 1_772_400_012n } }); // prettier-ignore
    const data = encodeAbiParameters([{ type: "bytes" }], [bundle]);
    const spec = { kind: "keystone_bundle" as const, decimals: 18, dataId };
    expect(decodeReserveLog(log(topics as Hex[], data), spec)).toMatchObject({
      roundId: null,
      answer: 4_630_123_456n * 10n ** 18n + 1n,
      reservesWei: 4_630_123_456n * 10n ** 18n + 1n,
      reportedAt: 1_772_400_012,
    });
    expect(decodeReserveLog(log(topics as Hex[], data), { ...spec, dataId: `0x${"ff".repeat(16)}` })).toBeNull();
  });

  it("decodes Uniswap v3 and PancakeSwap v3 Swaps (signed amounts, price, liquidity, negative tick)", () => {
    const args = [-5_000_000n, 4_999_000_000_000_000_000n, SQRT, 10n ** 20n, -276_324] as const;
    const types = [{ type: "int256" }, { type: "int256" }, { type: "uint160" }, { type: "uint128" }, { type: "int24" }] as const;
    const uni = encodeEventTopics({ abi: uniswapV3SwapAbi, eventName: "Swap", args: { sender: SENDER, recipient: RECIPIENT } }); // prettier-ignore
    const cake = encodeEventTopics({ abi: pancakeV3SwapAbi, eventName: "Swap", args: { sender: SENDER, recipient: RECIPIENT } }); // prettier-ignore
    const expected = { sender: SENDER, recipient: RECIPIENT, amount0: args[0], amount1: args[1], sqrtPriceX96: SQRT, liquidity: 10n ** 20n, tick: -276_324 }; // prettier-ignore
    expect(decodeSwapLog(log(uni as Hex[], encodeAbiParameters(types, args)), "uniswap_v3")).toMatchObject(expected);
    const cakeData = encodeAbiParameters([...types, { type: "uint128" }, { type: "uint128" }], [...args, 3n, 4n]);
    expect(decodeSwapLog(log(cake as Hex[], cakeData), "pancake_v3")).toMatchObject(expected);
    // A Uniswap log is not a PancakeSwap swap, and the other way round.
    expect(decodeSwapLog(log(uni as Hex[], encodeAbiParameters(types, args)), "pancake_v3")).toBeNull();
  });

  it("scales to 18 decimals exactly and refuses to round", () => {
    expect(scaleTo18(123n, 6)).toBe(123n * 10n ** 12n);
    expect(scaleTo18(5n * 10n ** 20n, 20)).toBe(5n * 10n ** 18n);
    expect(() => scaleTo18(5n * 10n ** 20n + 1n, 20)).toThrow(/not a whole wei/);
    expect(numberToHex(16)).toBe(at.blockNumber);
  });
});
