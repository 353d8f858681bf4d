import type { Address, Hash, Hex } from "viem";
import type { TokenEventKind, TransferKind, watchedGovernors } from "@/db/schema";

/** eth_getLogs item as the node sends it (hex quantities). */
export type RpcLog = {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  blockHash: Hash | null;
  transactionHash: Hash | null;
  logIndex: Hex | null;
  removed?: boolean;
};

export type RpcBlockHeader = {
  number: Hex;
  hash: Hash;
  parentHash: Hash;
  timestamp: Hex;
  logsBloom: Hex;
};

export type BlockHeader = { number: bigint; hash: Hash; parentHash: Hash; timestamp: number };

/** A header as read from the node: with the bloom that proves a block holds none of our logs. */
export type ChainHeader = BlockHeader & { logsBloom: Hex };

export type TransferRow = {
  blockNumber: bigint;
  txHash: Hash;
  logIndex: number;
  from: Address;
  to: Address;
  amount: bigint;
  kind: TransferKind;
};

export type TokenEventRow = {
  blockNumber: bigint;
  txHash: Hash;
  logIndex: number;
  /** The contract that emitted the log (token or governor), lower-case. */
  emitter: Address;
  kind: TokenEventKind;
  actor: Address | null;
  subject: Address | null;
  counterparty: Address | null;
  amount: bigint | null;
  args: Record<string, string>;
};

/** One fetched, decoded and timestamped block range, ready to write in one transaction. */
export type Batch = {
  chainId: number;
  fromBlock: bigint;
  toBlock: bigint;
  transfers: TransferRow[];
  tokenEvents: TokenEventRow[];
  /** Headers of every block with a log. */
  headers: BlockHeader[];
  /** Header of `toBlock`, whose hash becomes the checkpoint's tip hash. */
  tip: BlockHeader;
  logCount: number;
  /**
   * Governors first watched in this batch, recorded in watched_governors in the same transaction
   * as their events (the batch also carries their earlier history, see governors.ts).
   */
  newGovernors?: NewGovernor[];
};

export type GovernorSource = (typeof watchedGovernors.$inferSelect)["source"];

/** A governor added to the watch set, as recorded in watched_governors. */
export type NewGovernor = { address: Address; source: GovernorSource; sinceBlock: bigint };
