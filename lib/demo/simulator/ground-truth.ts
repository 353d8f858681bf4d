/**
 * The figures a correct indexer must reproduce from the chain after a plan ran, computed from the plan
 * alone (pure), so tests can compare the database with them to the wei.
 *
 * Logs per action on the USD1 test token: transfer → Transfer; mint(amount) → Transfer(0x0 → owner) +
 * Mint; burn(amount) → Transfer(owner → 0x0) + Burn; drainFrozenAccount → Transfer(account → owner) +
 * FrozenAccountDrained; freeze/unfreeze → Freeze/Unfreeze; pause/unpause → Paused/Unpaused.
 */
import type { Address } from "viem";
import type { Plan, PlannedAction } from "./types";

export type TransferKind = "mint" | "burn" | "transfer";
export type KindTotals = { count: number; sum: bigint };

export type GroundTruth = {
  /** Transfer logs by kind: mint (from 0x0), burn (to 0x0), transfer (otherwise). */
  transfers: Record<TransferKind, KindTotals>;
  /** totalSupply() after the range ran (from a fresh token). */
  totalSupply: bigint;
  /** Mints and burns by bridge pools (part of `transfers.mint`/`burn`); issuance excludes them. */
  bridge: { minted: bigint; burned: bigint };
  /** Non-Transfer events of the token (Mint/Burn include the pools' bridge mints and burns). */
  events: {
    mint: number;
    burn: number;
    freeze: number;
    unfreeze: number;
    drain: number;
    pause: number;
    unpause: number;
  };
  /** Transactions (one per action). */
  txCount: number;
  /** Balances of every address that held anything (zero balances included). */
  balances: Map<Address, bigint>;
  firstTs: number | null;
  lastTs: number | null;
};

function emptyTruth(): GroundTruth {
  return {
    transfers: { mint: { count: 0, sum: 0n }, burn: { count: 0, sum: 0n }, transfer: { count: 0, sum: 0n } },
    totalSupply: 0n,
    bridge: { minted: 0n, burned: 0n },
    events: { mint: 0, burn: 0, freeze: 0, unfreeze: 0, drain: 0, pause: 0, unpause: 0 },
    txCount: 0,
    balances: new Map(),
    firstTs: null,
    lastTs: null,
  };
}

function move(t: GroundTruth, from: Address | null, to: Address | null, amount: bigint, kind: TransferKind) {
  t.transfers[kind].count += 1;
  t.transfers[kind].sum += amount;
  if (from) t.balances.set(from, (t.balances.get(from) ?? 0n) - amount);
  if (to) t.balances.set(to, (t.balances.get(to) ?? 0n) + amount);
}

function apply(t: GroundTruth, a: PlannedAction): void {
  switch (a.kind) {
    case "transfer":
      return move(t, a.from, a.to, a.amount, "transfer");
    case "mint":
      t.events.mint += 1;
      t.totalSupply += a.amount;
      return move(t, null, a.from, a.amount, "mint");
    case "burn":
      t.events.burn += 1;
      t.totalSupply -= a.amount;
      return move(t, a.from, null, a.amount, "burn");
    case "drain":
      t.events.drain += 1;
      return move(t, a.account, a.from, a.amount, "transfer");
    case "bridgeMint":
      t.events.mint += 1;
      t.bridge.minted += a.amount;
      t.totalSupply += a.amount;
      return move(t, null, a.to, a.amount, "mint");
    case "bridgeBurn":
      t.events.burn += 1;
      t.bridge.burned += a.amount;
      t.totalSupply -= a.amount;
      return move(t, a.from, null, a.amount, "burn");
    default:
      t.events[a.kind] += 1;
  }
}

/** Ground truth of plan.actions[0, upTo) (default: the whole plan). */
export function computeGroundTruth(plan: Plan, upTo: number = plan.actions.length): GroundTruth {
  const t = emptyTruth();
  for (const a of plan.actions.slice(0, upTo)) {
    apply(t, a);
    t.txCount += 1;
    t.firstTs ??= a.ts;
    t.lastTs = a.ts;
  }
  return t;
}
