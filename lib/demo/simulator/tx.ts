/**
 * From planned actions to anvil JSON-RPC calls, and the checks that a mined block holds exactly the
 * transactions we sent, all successful.
 */
import { toFunctionSelector, type Address, type Hex } from "viem";
import { z } from "zod";
import { fromQuantity, toQuantity, type RpcCall, type RpcClient } from "./rpc";
import type { PlannedAction } from "./types";

/**
 * Fixed gas limit per transaction: a USD1 transfer through the proxy uses ~60k; a governor action
 * (mint + transfer, or transferFrom + burn, through the proxy) up to ~150k.
 */
export const DEFAULT_GAS_PER_TX = 300_000n;

const selector = (name: string, types: string) => toFunctionSelector(`${name}(${types})`).slice(2);
/** `transfer` is the token's; every other action is a TokenGovernor function (DOMAIN.md §1b). */
const SELECTORS = {
  transfer: selector("transfer", "address,uint256"),
  mint: selector("mint", "address,uint256"),
  burn: selector("burn", "address,uint256"),
  freeze: selector("freeze", "address"),
  unfreeze: selector("unfreeze", "address"),
  drain: selector("drain", "address"),
  pause: selector("pause", ""),
  unpause: selector("unpause", ""),
  bridgeMint: selector("bridgeMint", "address,uint256"),
  bridgeBurn: selector("bridgeBurn", "address,uint256"),
  // lib/demo/contracts/market: DemoPoolRouter and DemoReserveFeed
  swap: selector("swap", "address,bool,int256"),
  liquidityBurn: selector("burn", "address,int24,int24,uint128"),
  reserveReport: selector("report", "int256,uint256"),
} as const;

const word = (value: bigint | Address) =>
  (typeof value === "bigint" ? value.toString(16) : value.slice(2).toLowerCase()).padStart(64, "0");
/** Two's complement word of a signed integer (int24, int256). */
const signedWord = (value: bigint | number) => word(BigInt.asUintN(256, BigInt(value)));

/**
 * Calldata of an action. Hand-encoded (static arguments only): viem's encodeFunctionData costs more
 * per call than anvil spends executing the transfer. A unit test checks it against viem.
 */
export function encodeAction(action: PlannedAction): Hex {
  switch (action.kind) {
    case "transfer":
      return `0x${SELECTORS.transfer}${word(action.to)}${word(action.amount)}`;
    case "mint":
    case "burn":
      // The treasury mints to and burns from itself: recipient / source is the sender.
      return `0x${SELECTORS[action.kind]}${word(action.from)}${word(action.amount)}`;
    case "freeze":
    case "unfreeze":
    case "drain":
      return `0x${SELECTORS[action.kind]}${word(action.account)}`;
    case "pause":
    case "unpause":
      return `0x${SELECTORS[action.kind]}`;
    case "bridgeMint":
      return `0x${SELECTORS.bridgeMint}${word(action.to)}${word(action.amount)}`;
    case "bridgeBurn":
      return `0x${SELECTORS.bridgeBurn}${word(action.from)}${word(action.amount)}`;
    case "swap": {
      // Selling USD1 moves the price towards the other token: zeroForOne when USD1 is token0.
      const zeroForOne = action.side === "sell" ? action.usd1IsToken0 : !action.usd1IsToken0;
      const specified = action.side === "sell" ? action.usd1Amount : -action.usd1Amount;
      return `0x${SELECTORS.swap}${word(action.pool)}${word(zeroForOne ? 1n : 0n)}${signedWord(specified)}`;
    }
    case "liquidityBurn":
      return `0x${SELECTORS.liquidityBurn}${word(action.pool)}${signedWord(action.tickLower)}${signedWord(action.tickUpper)}${word(action.liquidity)}`;
    case "reserveReport":
      return `0x${SELECTORS.reserveReport}${signedWord(action.reservesWei)}${word(BigInt(action.ts))}`;
  }
}

/** Where an action is sent: a transfer to the token, a market action to its contract, the rest to the governor. */
export function targetOf(action: PlannedAction, contracts: { token: Address; governor: Address }): Address {
  switch (action.kind) {
    case "transfer":
      return contracts.token;
    case "swap":
    case "liquidityBurn":
      return action.router;
    case "reserveReport":
      return action.feed;
    default:
      return contracts.governor;
  }
}

/** Contracts whose logs prove a market action ran (pools for swaps and burns, feeds for reports). */
export function marketEmitters(actions: readonly PlannedAction[]): Address[] {
  const out = new Set<Address>();
  for (const a of actions) {
    if (a.kind === "swap" || a.kind === "liquidityBurn") out.add(a.pool.toLowerCase() as Address);
    if (a.kind === "reserveReport") out.add(a.feed.toLowerCase() as Address);
  }
  return [...out];
}

/** eth_sendTransaction from an impersonated sender: explicit nonce, fixed gas, zero fees. */
export function sendCall(to: Address, from: Address, data: Hex, nonce: number, gas: bigint): RpcCall {
  // Legacy gasPrice 0: anvil would otherwise fill a 1 gwei tip an unfunded sender cannot pay.
  const tx = { from, to, data, gas: toQuantity(gas), gasPrice: "0x0", nonce: toQuantity(nonce) };
  return { method: "eth_sendTransaction", params: [tx] };
}

const blockSchema = z.object({
  number: z.string(),
  timestamp: z.string(),
  gasLimit: z.string(),
  transactions: z.array(z.string()),
});
export type ChainBlock = { number: bigint; timestamp: number; gasLimit: bigint; transactions: string[] };

export function parseBlock(raw: unknown): ChainBlock {
  const b = blockSchema.parse(raw);
  return {
    number: fromQuantity(b.number),
    timestamp: Number(fromQuantity(b.timestamp)),
    gasLimit: fromQuantity(b.gasLimit),
    transactions: b.transactions.map((h) => h.toLowerCase()),
  };
}

export async function readBlock(rpc: RpcClient, tag: bigint | "latest"): Promise<ChainBlock> {
  const raw = await rpc.call("eth_getBlockByNumber", [
    typeof tag === "bigint" ? toQuantity(tag) : tag,
    false,
  ]);
  return parseBlock(raw);
}

/** Next nonce of each sender (pending state). */
export async function readNonces(rpc: RpcClient, senders: Address[]): Promise<Map<Address, number>> {
  const results = await rpc.batch(
    senders.map((s) => ({ method: "eth_getTransactionCount", params: [s, "pending"] })),
  );
  return new Map(senders.map((s, i) => [s, Number(fromQuantity(results[i]))]));
}

/** A block we mined and what it must contain. */
export type SentBlock = { number: bigint; ts: number; hashes: string[] };

const logSchema = z.array(z.object({ transactionHash: z.string() }));

/**
 * Every sent transaction succeeded: it is in the expected block with the expected timestamp, and it
 * emitted a log of the token or of a market contract in `token` (every planned action emits at
 * least one; a reverted transaction emits none).
 * eth_getLogs over the range is ~100x cheaper on anvil than fetching receipts.
 */
export async function verifyBlocks(
  rpc: RpcClient,
  token: Address | readonly Address[],
  sent: SentBlock[],
): Promise<void> {
  const first = sent[0];
  const last = sent[sent.length - 1];
  if (!first || !last) return;
  const [rawLogs, ...rawBlocks] = await rpc.batch([
    {
      method: "eth_getLogs",
      params: [{ address: typeof token === "string" ? token : [...token], fromBlock: toQuantity(first.number), toBlock: toQuantity(last.number) }],
    },
    ...sent.map((s) => ({ method: "eth_getBlockByNumber", params: [toQuantity(s.number), false] })),
  ]);
  const logged = new Set(logSchema.parse(rawLogs).map((l) => l.transactionHash.toLowerCase()));
  sent.forEach((expected, i) => {
    const block = parseBlock(rawBlocks[i]);
    const inBlock = new Set(block.transactions);
    if (block.timestamp !== expected.ts) {
      throw new Error(`block ${block.number} has timestamp ${block.timestamp}, expected ${expected.ts}`);
    }
    if (inBlock.size !== expected.hashes.length || expected.hashes.some((h) => !inBlock.has(h))) {
      throw new Error(
        `block ${block.number} holds ${inBlock.size} txs, expected ${expected.hashes.length} others`,
      );
    }
    const failed = expected.hashes.find((h) => !logged.has(h));
    if (failed) throw new Error(`transaction ${failed} in block ${block.number} reverted (no token log)`);
  });
}
