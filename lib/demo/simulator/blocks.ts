/**
 * Groups planned actions into blocks for execution.
 *
 * Anvil does not keep submission order between senders inside a block (its pool orders by fee, and
 * every fee here is zero), so a block must be valid in any order across senders:
 * - every sender can pay all its debits in the block from its balance at the block's start plus what
 *   it minted itself (credits from other senders may come later); otherwise a new block starts;
 * - admin actions (freeze, unfreeze, drain, pause, unpause) get a block of their own.
 * Within one sender, nonces keep the order. Block timestamps strictly increase.
 */
import type { Address } from "viem";
import type { PlannedAction } from "./types";

export type PlannedBlock = {
  /** Block timestamp: the latest action time in the block (bumped to stay increasing). */
  ts: number;
  /** Action index range [start, end) into plan.actions. */
  start: number;
  end: number;
};

export type GroupBlocksOptions = {
  /** Actions within one window of this many seconds share a block (default 600). */
  blockSeconds?: number;
  /** Most transactions per block (gas limit / per-tx gas; default 500). */
  maxTxsPerBlock?: number;
  /** Timestamp of the chain head: the first block comes strictly after it. */
  afterTs?: number;
};

/**
 * Ten-minute blocks: anvil's mining cost is per block, so this sets the demo's speed (120 days at
 * scale 1 ≈ 15k blocks). Times move later by less than a window, which the planted patterns and the
 * everyday guards leave room for.
 */
export const DEFAULT_BLOCK_SECONDS = 600;
export const DEFAULT_MAX_TXS_PER_BLOCK = 500;

const ISOLATED: ReadonlySet<PlannedAction["kind"]> = new Set([
  "freeze",
  "unfreeze",
  "drain",
  "pause",
  "unpause",
  // Market actions: anvil orders a block's transactions by fee, not as sent, and a swap's price
  // depends on the swaps before it: one block each keeps the chain the same run after run.
  "swap",
  "liquidityBurn",
  "reserveReport",
]);

export function groupIntoBlocks(
  actions: readonly PlannedAction[],
  range: { start: number; end: number },
  opts: GroupBlocksOptions = {},
): PlannedBlock[] {
  const blockSeconds = opts.blockSeconds ?? DEFAULT_BLOCK_SECONDS;
  const maxTxs = opts.maxTxsPerBlock ?? DEFAULT_MAX_TXS_PER_BLOCK;
  if (!(blockSeconds > 0) || !(maxTxs > 0)) throw new Error("groupIntoBlocks: invalid options");
  const blocks: PlannedBlock[] = [];
  const balances = balancesBefore(actions, range.start);
  let prevTs = opts.afterTs ?? -Infinity;
  type Open = { start: number; end: number; window: number; maxTs: number; isolated: boolean };
  let open: Open | undefined;
  /** Per sender in the open block: start balance + own mints − debits so far. */
  let spendable = new Map<Address, bigint>();

  // Balances advance a whole block at a time, so inside a block they are the block's start balances.
  const close = (block: Open) => {
    for (let j = block.start; j < block.end; j++) applyBalance(balances, actions[j] as PlannedAction);
    const ts = Math.max(block.maxTs, prevTs + 1);
    blocks.push({ ts, start: block.start, end: block.end });
    prevTs = ts;
  };

  for (let i = range.start; i < range.end; i++) {
    const action = actions[i];
    if (!action) throw new Error(`action ${i} out of range`);
    const window = Math.floor(action.ts / blockSeconds);
    const isolated = ISOLATED.has(action.kind);
    const debit = debitOf(action);
    const canPay = (spendable.get(action.from) ?? balances.get(action.from) ?? 0n) >= debit;
    if (
      !open ||
      open.window !== window ||
      open.end - open.start >= maxTxs ||
      open.isolated ||
      isolated ||
      !canPay
    ) {
      if (open) close(open);
      open = { start: i, end: i, window, maxTs: action.ts, isolated };
      spendable = new Map();
    }
    const before = spendable.get(action.from) ?? balances.get(action.from) ?? 0n;
    spendable.set(action.from, before - debit + (action.kind === "mint" ? action.amount : 0n));
    open.end = i + 1;
    open.maxTs = Math.max(open.maxTs, action.ts);
  }
  if (open) close(open);
  return blocks;
}

function debitOf(action: PlannedAction): bigint {
  if (action.kind === "swap") return action.side === "sell" ? action.usd1Amount : 0n;
  return action.kind === "transfer" || action.kind === "burn" || action.kind === "bridgeBurn"
    ? action.amount
    : 0n;
}

function applyBalance(balances: Map<Address, bigint>, action: PlannedAction): void {
  const add = (a: Address, v: bigint) => balances.set(a, (balances.get(a) ?? 0n) + v);
  if (action.kind === "transfer") {
    add(action.from, -action.amount);
    add(action.to, action.amount);
  } else if (action.kind === "mint") add(action.from, action.amount);
  else if (action.kind === "burn" || action.kind === "bridgeBurn") add(action.from, -action.amount);
  else if (action.kind === "bridgeMint") add(action.to, action.amount);
  else if (action.kind === "drain") {
    add(action.account, -action.amount);
    add(action.from, action.amount);
  } else if (action.kind === "swap") {
    const sign = action.side === "sell" ? 1n : -1n;
    add(action.from, -sign * action.usd1Amount);
    add(action.pool, sign * action.usd1Amount);
  }
}

/** Balances after actions [0, end): where a slice starts. */
export function balancesBefore(actions: readonly PlannedAction[], end: number): Map<Address, bigint> {
  const balances = new Map<Address, bigint>();
  for (let i = 0; i < end; i++) {
    const action = actions[i];
    if (action) applyBalance(balances, action);
  }
  return balances;
}
