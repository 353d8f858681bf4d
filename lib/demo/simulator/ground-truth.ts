/**
 * The figures a correct indexer must reproduce from the chain after a plan ran, computed from the plan
 * alone (pure), so tests can compare the database with them to the wei.
 *
 * Logs per action, as USD1 moves on mainnet (DOMAIN.md §1b; the token's owner is the governor G):
 * - transfer → Transfer(from → to)
 * - mint (treasury T) → Transfer(0x0 → G) + Mint(G, G) + Transfer(G → T) + G's NativeMint(T, T)
 * - burn (treasury T) → Transfer(T → G) + Transfer(G → 0x0) + Burn(G, G) + G's NativeBurn(T, T)
 * - bridgeMint (pool P → to) → Transfer(0x0 → G) + Mint(G, G) + Transfer(G → to) + G's BridgeMint(P, to)
 * - bridgeBurn (pool P) → Transfer(P → G) + Transfer(G → 0x0) + Burn(G, G) + G's BridgeBurn(P, P)
 * - drain → Transfer(account → G) + FrozenAccountDrained(G, account, amount) + G's FrozenAccountDrained
 * - freeze/unfreeze → Freeze/Unfreeze(G, account) + G's AccountFrozen/AccountUnfrozen(admin, account)
 * - pause/unpause → Paused/Unpaused(G) + G's ContractPaused/ContractUnpaused(admin)
 * - swap (issue #17) → sell: Transfer(trader → pool); buy: Transfer(pool → trader); exact amounts
 * - liquidityBurn, reserveReport → no token log
 */
import type { Address } from "viem";
import { zeroAddress } from "viem";
import type { Plan, PlannedAction } from "./types";

export type TransferKind = "mint" | "burn" | "transfer";
export type KindTotals = { count: number; sum: bigint };

/** One Transfer log, in log order within its transaction. */
export type TransferLog = { kind: TransferKind; from: Address; to: Address; amount: bigint };

export type GroundTruth = {
  /** Transfer logs by kind: mint (from 0x0), burn (to 0x0), transfer (otherwise). */
  transfers: Record<TransferKind, KindTotals>;
  /** totalSupply() after the range ran (from a fresh token). */
  totalSupply: bigint;
  /** Mints and burns by bridge pools (part of `transfers.mint`/`burn`); issuance excludes them. */
  bridge: { minted: bigint; burned: bigint };
  /** Issuer mints and burns (governor NativeMint / NativeBurn). */
  issuance: { minted: bigint; burned: bigint };
  /** Token events (Mint/Burn include the bridge's, whose caller is the governor too). */
  events: {
    mint: number;
    burn: number;
    freeze: number;
    unfreeze: number;
    drain: number;
    pause: number;
    unpause: number;
  };
  /** Governor events of the plan's actions (role grants at deployment are not in the plan). */
  governorEvents: { nativeMint: number; nativeBurn: number; bridgeMint: number; bridgeBurn: number };
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
    issuance: { minted: 0n, burned: 0n },
    events: { mint: 0, burn: 0, freeze: 0, unfreeze: 0, drain: 0, pause: 0, unpause: 0 },
    governorEvents: { nativeMint: 0, nativeBurn: 0, bridgeMint: 0, bridgeBurn: 0 },
    txCount: 0,
    balances: new Map(),
    firstTs: null,
    lastTs: null,
  };
}

/** The Transfer logs an action emits, in log order (the one definition tests and fixtures share). */
export function transferLogsOf(a: PlannedAction, governor: Address): TransferLog[] {
  const t = (kind: TransferKind, from: Address, to: Address, amount: bigint): TransferLog => ({
    kind,
    from,
    to,
    amount,
  });
  switch (a.kind) {
    case "transfer":
      return [t("transfer", a.from, a.to, a.amount)];
    case "mint":
      return [t("mint", zeroAddress, governor, a.amount), t("transfer", governor, a.from, a.amount)];
    case "bridgeMint":
      return [t("mint", zeroAddress, governor, a.amount), t("transfer", governor, a.to, a.amount)];
    case "burn":
    case "bridgeBurn":
      return [t("transfer", a.from, governor, a.amount), t("burn", governor, zeroAddress, a.amount)];
    case "drain":
      return [t("transfer", a.account, governor, a.amount)];
    case "swap":
      return a.side === "sell"
        ? [t("transfer", a.from, a.pool, a.usd1Amount)]
        : [t("transfer", a.pool, a.from, a.usd1Amount)];
    default:
      return [];
  }
}

function apply(t: GroundTruth, a: PlannedAction, governor: Address): void {
  for (const log of transferLogsOf(a, governor)) {
    t.transfers[log.kind].count += 1;
    t.transfers[log.kind].sum += log.amount;
    if (log.from !== zeroAddress) t.balances.set(log.from, (t.balances.get(log.from) ?? 0n) - log.amount);
    if (log.to !== zeroAddress) t.balances.set(log.to, (t.balances.get(log.to) ?? 0n) + log.amount);
  }
  switch (a.kind) {
    case "transfer":
    case "swap":
    case "liquidityBurn":
    case "reserveReport":
      return;
    case "mint":
      t.events.mint += 1;
      t.governorEvents.nativeMint += 1;
      t.issuance.minted += a.amount;
      t.totalSupply += a.amount;
      return;
    case "burn":
      t.events.burn += 1;
      t.governorEvents.nativeBurn += 1;
      t.issuance.burned += a.amount;
      t.totalSupply -= a.amount;
      return;
    case "bridgeMint":
      t.events.mint += 1;
      t.governorEvents.bridgeMint += 1;
      t.bridge.minted += a.amount;
      t.totalSupply += a.amount;
      return;
    case "bridgeBurn":
      t.events.burn += 1;
      t.governorEvents.bridgeBurn += 1;
      t.bridge.burned += a.amount;
      t.totalSupply -= a.amount;
      return;
    default:
      t.events[a.kind] += 1;
  }
}

/** Ground truth of plan.actions[0, upTo) (default: the whole plan). */
export function computeGroundTruth(plan: Plan, upTo: number = plan.actions.length): GroundTruth {
  const t = emptyTruth();
  // Plan addresses are lower-case (as the database stores them); the governor may come checksummed.
  const governor = plan.governor.toLowerCase() as Address;
  for (const a of plan.actions.slice(0, upTo)) {
    apply(t, a, governor);
    t.txCount += 1;
    t.firstTs ??= a.ts;
    t.lastTs = a.ts;
  }
  return t;
}
