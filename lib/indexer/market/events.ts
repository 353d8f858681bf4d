// Reserve and peg logs (issue #17): their ABIs, topic0s, and exact decoding into rows.
import {
  decodeAbiParameters,
  decodeEventLog,
  parseAbi,
  toEventSelector,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import type { DexKind, ReserveSourceKind } from "@/db/schema";
import { MalformedRpcDataError } from "../errors";
import type { RpcLog } from "../types";

export const aggregatorV3EventsAbi = parseAbi([
  "event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt)",
]);
/** Chainlink Keystone DataFeedsCache (contracts/src/v0.8/data-feeds/DataFeedsCache.sol). */
export const dataFeedsCacheEventsAbi = parseAbi([
  "event BundleReportUpdated(bytes16 indexed dataId, uint256 indexed timestamp, bytes bundle)",
]);
export const uniswapV3SwapAbi = parseAbi([
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
]);
/** PancakeSwap v3 adds the protocol fees of each token: another signature, another topic0. */
export const pancakeV3SwapAbi = parseAbi([
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick, uint128 protocolFeesToken0, uint128 protocolFeesToken1)",
]);

export const RESERVE_TOPICS: Record<ReserveSourceKind, Hex> = {
  aggregator_v3: toEventSelector(aggregatorV3EventsAbi[0]),
  keystone_bundle: toEventSelector(dataFeedsCacheEventsAbi[0]),
};
export const SWAP_TOPICS: Record<DexKind, Hex> = {
  uniswap_v3: toEventSelector(uniswapV3SwapAbi[0]),
  pancake_v3: toEventSelector(pancakeV3SwapAbi[0]),
};

/** Where a row comes from on chain (all lower-case). */
export type LogPosition = { blockNumber: bigint; blockHash: Hash; txHash: Hash; logIndex: number };

export type ReserveReportRow = LogPosition & {
  roundId: bigint | null;
  answer: bigint;
  reservesWei: bigint;
  /** Unix seconds. */
  reportedAt: number;
};

export type PoolSwapRow = LogPosition & {
  sender: Address;
  recipient: Address;
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  liquidity: bigint;
  tick: number;
};

/** A figure with `decimals` decimals as 18-decimal wei, exactly (refuses to round). */
export function scaleTo18(value: bigint, decimals: number): bigint {
  if (decimals <= 18) return value * 10n ** BigInt(18 - decimals);
  const div = 10n ** BigInt(decimals - 18);
  if (value % div !== 0n) {
    throw new MalformedRpcDataError(`reserve figure ${value} with ${decimals} decimals is not a whole wei`);
  }
  return value / div;
}

export function positionOf(log: RpcLog): LogPosition {
  if (!log.blockNumber || !log.blockHash || !log.transactionHash || !log.logIndex) {
    throw new MalformedRpcDataError("log without block, transaction or index (pending?)");
  }
  return {
    blockNumber: BigInt(log.blockNumber),
    blockHash: log.blockHash.toLowerCase() as Hash,
    txHash: log.transactionHash.toLowerCase() as Hash,
    logIndex: Number(BigInt(log.logIndex)),
  };
}

export type ReserveSourceSpec = { kind: ReserveSourceKind; decimals: number; dataId: string | null };

/**
 * A reserve log as a row, or null for a log that is not ours (a cache serves many feeds: another
 * dataId). A bundle is the ABI encoding of (uint256 timestamp, uint256 reserves), as USD1's PoR
 * feed publishes it; its reported time is the report's own timestamp (the indexed topic).
 */
export function decodeReserveLog(log: RpcLog, source: ReserveSourceSpec): ReserveReportRow | null {
  const pos = positionOf(log);
  if (log.topics[0] !== RESERVE_TOPICS[source.kind]) return null;
  if (source.kind === "aggregator_v3") {
    const ev = decodeEventLog({ abi: aggregatorV3EventsAbi, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
    const { current, roundId, updatedAt } = ev.args;
    return {
      ...pos,
      roundId,
      answer: current,
      reservesWei: scaleTo18(current, source.decimals),
      reportedAt: Number(updatedAt),
    };
  }
  const ev = decodeEventLog({ abi: dataFeedsCacheEventsAbi, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  if (ev.args.dataId.toLowerCase() !== source.dataId?.toLowerCase()) return null;
  const [, reserves] = decodeBundle(ev.args.bundle);
  return {
    ...pos,
    roundId: null,
    answer: reserves,
    reservesWei: scaleTo18(reserves, source.decimals),
    reportedAt: Number(ev.args.timestamp),
  };
}

function decodeBundle(bundle: Hex): readonly [bigint, bigint] {
  try {
    return decodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], bundle);
  } catch {
    throw new MalformedRpcDataError(`bundle is not (uint256 timestamp, uint256 reserves): ${bundle.slice(0, 20)}…`);
  }
}

export function decodeSwapLog(log: RpcLog, dex: DexKind): PoolSwapRow | null {
  const pos = positionOf(log);
  if (log.topics[0] !== SWAP_TOPICS[dex]) return null;
  const abi = dex === "uniswap_v3" ? uniswapV3SwapAbi : pancakeV3SwapAbi;
  const { args } = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
  return {
    ...pos,
    sender: args.sender.toLowerCase() as Address,
    recipient: args.recipient.toLowerCase() as Address,
    amount0: args.amount0,
    amount1: args.amount1,
    sqrtPriceX96: args.sqrtPriceX96,
    liquidity: args.liquidity,
    tick: args.tick,
  };
}
