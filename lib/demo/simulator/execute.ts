/**
 * executePlan: sends a plan (or a slice of it) to an anvil node as fast as the node mines.
 *
 * Per block: one JSON-RPC batch [evm_setNextBlockTimestamp, eth_sendTransaction…] with explicit nonces
 * (no waiting for receipts), then evm_mine. Mined blocks are verified in chunks (timestamps, contents,
 * and that every transaction emitted its token log), so a revert fails the run.
 *
 * Requires exclusive use of the node while it runs: it switches automine and interval mining off and
 * mines every block itself (automine is restored at the end). Slices must run in plan order.
 */
import type { Address } from "viem";
import {
  groupIntoBlocks,
  DEFAULT_BLOCK_SECONDS,
  DEFAULT_MAX_TXS_PER_BLOCK,
  type PlannedBlock,
} from "./blocks";
import { createRpc, toQuantity, type RpcCall, type RpcClient } from "./rpc";
import {
  DEFAULT_GAS_PER_TX,
  encodeAction,
  marketEmitters,
  readBlock,
  readNonces,
  sendCall,
  targetOf,
  verifyBlocks,
  type SentBlock,
} from "./tx";
import { DAY_SECONDS, type Plan } from "./types";

export type ExecuteProgress = {
  actionsDone: number;
  actionsTotal: number;
  txsSent: number;
  blocksMined: number;
  /** Simulated days completed (by the last mined block's timestamp). */
  daysDone: number;
  lastBlockTs: number;
  elapsedMs: number;
  txPerSec: number;
};

export type ExecuteResult = ExecuteProgress & { firstBlock: bigint | null; lastBlock: bigint | null };

export type ExecutePlanParams = {
  rpcUrl: string;
  token: Address;
  governor: Address;
  owner: Address;
  plan: Plan;
  /** Action index range [start, end) to execute; default the whole plan. */
  range?: { start: number; end: number };
  blockSeconds?: number;
  gasPerTx?: bigint;
  onProgress?: (progress: ExecuteProgress) => void;
  signal?: AbortSignal;
};

/** Gas limit of a market action (swap, liquidity burn, reserve report), alone in its block. */
const MARKET_GAS_PER_TX = 2_000_000n;
const isMarketAction = (a: { kind: string }) =>
  a.kind === "swap" || a.kind === "liquidityBurn" || a.kind === "reserveReport";

/** Blocks verified per eth_getLogs round. */
const VERIFY_EVERY_BLOCKS = 100;

type RunState = {
  rpc: RpcClient;
  params: ExecutePlanParams;
  nonces: Map<Address, number>;
  gas: bigint;
  startedAt: number;
  txsSent: number;
  blocksMined: number;
  actionsDone: number;
  nextNumber: bigint;
  unverified: SentBlock[];
  /** The token and the market contracts whose logs prove the slice's transactions ran. */
  emitters: Address[];
  firstBlock: bigint | null;
  lastBlockTs: number;
};

function progressOf(s: RunState, total: number): ExecuteProgress {
  const elapsedMs = Date.now() - s.startedAt;
  const { plan } = s.params;
  const daysDone = Math.max(0, Math.min(plan.days, Math.floor((s.lastBlockTs - plan.startTs) / DAY_SECONDS)));
  return {
    actionsDone: s.actionsDone,
    actionsTotal: total,
    txsSent: s.txsSent,
    blocksMined: s.blocksMined,
    daysDone,
    lastBlockTs: s.lastBlockTs,
    elapsedMs,
    txPerSec: elapsedMs > 0 ? Math.round((s.txsSent * 1000) / elapsedMs) : 0,
  };
}

async function sendBlock(s: RunState, block: PlannedBlock): Promise<void> {
  const { plan } = s.params;
  const calls: RpcCall[] = [{ method: "evm_setNextBlockTimestamp", params: [toQuantity(block.ts)] }];
  for (let i = block.start; i < block.end; i++) {
    const action = plan.actions[i];
    if (!action) throw new Error(`action ${i} missing`);
    const nonce = s.nonces.get(action.from) ?? 0;
    s.nonces.set(action.from, nonce + 1);
    // A swap crossing many ticks costs more than a token transfer: market actions get more gas.
    const gas = isMarketAction(action) && s.gas < MARKET_GAS_PER_TX ? MARKET_GAS_PER_TX : s.gas;
    calls.push(sendCall(targetOf(action, s.params), action.from, encodeAction(action), nonce, gas));
  }
  const results = await s.rpc.batch(calls);
  await s.rpc.call("evm_mine");
  const hashes = results.slice(1).map((h) => String(h).toLowerCase());
  s.unverified.push({ number: s.nextNumber, ts: block.ts, hashes });
  s.firstBlock ??= s.nextNumber;
  s.nextNumber += 1n;
  s.txsSent += hashes.length;
  s.blocksMined += 1;
  s.actionsDone += block.end - block.start;
  s.lastBlockTs = block.ts;
}

async function flush(s: RunState): Promise<void> {
  await verifyBlocks(s.rpc, s.emitters, s.unverified);
  s.unverified = [];
}

/** Reads the head and nonces and groups the slice into blocks that follow the head. */
async function prepareRun(rpc: RpcClient, params: ExecutePlanParams, range: { start: number; end: number }) {
  const { plan } = params;
  const head = await readBlock(rpc, "latest");
  const blockSeconds = params.blockSeconds ?? DEFAULT_BLOCK_SECONDS;
  const firstTs = plan.actions[range.start]?.ts;
  // Blocks only move forward: a head past the plan would squeeze the whole slice into +1 s steps.
  if (firstTs !== undefined && head.timestamp > firstTs + blockSeconds) {
    throw new Error(
      `chain head (${head.timestamp}) is later than the plan's action at ${firstTs}: start anvil with --timestamp before ${plan.startTs}`,
    );
  }
  const gas = params.gasPerTx ?? DEFAULT_GAS_PER_TX;
  const maxTxsPerBlock = Math.max(
    1,
    Math.min(DEFAULT_MAX_TXS_PER_BLOCK, Number((head.gasLimit * 9n) / 10n / gas)),
  );
  const blocks = groupIntoBlocks(plan.actions, range, {
    blockSeconds,
    maxTxsPerBlock,
    afterTs: head.timestamp,
  });
  const senders = [...new Set(plan.actions.slice(range.start, range.end).map((a) => a.from))];
  const state: RunState = {
    rpc,
    params,
    nonces: await readNonces(rpc, senders),
    gas,
    startedAt: Date.now(),
    txsSent: 0,
    blocksMined: 0,
    actionsDone: 0,
    nextNumber: head.number + 1n,
    unverified: [],
    emitters: [params.token, ...marketEmitters(plan.actions.slice(range.start, range.end))],
    firstBlock: null,
    lastBlockTs: head.timestamp,
  };
  return { state, blocks };
}

export async function executePlan(params: ExecutePlanParams): Promise<ExecuteResult> {
  const { plan, owner, governor } = params;
  if (owner.toLowerCase() !== plan.owner.toLowerCase()) {
    throw new Error(`treasury ${owner} is not the plan's treasury ${plan.owner}`);
  }
  if (governor.toLowerCase() !== plan.governor.toLowerCase()) {
    throw new Error(`token governor ${governor} is not the plan's governor ${plan.governor}`);
  }
  const range = params.range ?? { start: 0, end: plan.actions.length };
  const total = range.end - range.start;
  const rpc = createRpc(params.rpcUrl);
  const automine = await rpc.call<boolean>("anvil_getAutomine");
  await rpc.batch([
    { method: "evm_setAutomine", params: [false] },
    { method: "evm_setIntervalMining", params: [0] },
  ]);
  try {
    const { state: s, blocks } = await prepareRun(rpc, params, range);
    for (const block of blocks) {
      params.signal?.throwIfAborted();
      await sendBlock(s, block);
      if (s.unverified.length >= VERIFY_EVERY_BLOCKS) {
        await flush(s);
        params.onProgress?.(progressOf(s, total));
      }
    }
    await flush(s);
    const done = progressOf(s, total);
    params.onProgress?.(done);
    return { ...done, firstBlock: s.firstBlock, lastBlock: s.firstBlock === null ? null : s.nextNumber - 1n };
  } finally {
    await rpc.call("evm_setAutomine", [automine]).finally(() => rpc.close());
  }
}
