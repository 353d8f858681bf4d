import type { Address } from "viem";
import type { PoolDeployment, ReserveFeedDeployment } from "../market/types";

/** Why a transfer is in the plan (for tests and for telling the story; never written on chain). */
export type TransferPurpose =
  | "distribution" // treasury → VASP (issuance to a client)
  | "remittance" // foreign VASP → PK VASP or PK customer
  | "cashout" // PK VASP → customer wallet
  | "deposit" // customer → PK VASP (selling USD1 for PKR)
  | "p2p" // customer → customer
  | "intra" // between hot wallets of one entity
  | "redemption" // VASP → treasury
  | "planted"; // part of a planted suspicious pattern (or its funding)

export type TransferAction = {
  kind: "transfer";
  ts: number;
  from: Address;
  to: Address;
  amount: bigint;
  purpose: TransferPurpose;
};

/**
 * Issuance and redemption by the treasury (minter and burner on the governor): governor.mint(treasury,
 * amount) credits, governor.burn(treasury, amount) debits the treasury's balance, each passing through
 * the governor in the same transaction.
 */
export type SupplyAction = { kind: "mint" | "burn"; ts: number; from: Address; amount: bigint };

/**
 * Compliance actions, sent by the issuer admin through the governor. For a drain, `amount` is the
 * planned balance moved to the token's owner (the governor).
 */
export type AccountAction =
  | { kind: "freeze" | "unfreeze"; ts: number; from: Address; account: Address }
  | { kind: "drain"; ts: number; from: Address; account: Address; amount: bigint };

export type PauseAction = { kind: "pause" | "unpause"; ts: number; from: Address };

/**
 * Bridge pool actions (the pool is the sender, holding the governor's bridge role): bridgeBurn burns
 * from the pool's own balance (the source side of a cross-chain move); bridgeMint mints to the
 * recipient (the destination side).
 */
export type BridgeAction =
  | { kind: "bridgeBurn"; ts: number; from: Address; amount: bigint }
  | { kind: "bridgeMint"; ts: number; from: Address; to: Address; amount: bigint };

/**
 * Market actions (issue #17), sent to the demo's pool router or reserve feed, never to the token.
 * A sell pays exactly `usd1Amount` into the pool (exact input); a buy takes exactly `usd1Amount`
 * out of it (exact output): either way one USD1 Transfer of a planned amount. A liquidity burn
 * without collect moves no token; a reserve report moves none either.
 */
export type MarketAction =
  | {
      kind: "swap";
      ts: number;
      from: Address;
      router: Address;
      pool: Address;
      side: "sell" | "buy";
      usd1IsToken0: boolean;
      usd1Amount: bigint;
    }
  | {
      kind: "liquidityBurn";
      ts: number;
      from: Address;
      router: Address;
      pool: Address;
      tickLower: number;
      tickUpper: number;
      liquidity: bigint;
    }
  | { kind: "reserveReport"; ts: number; from: Address; feed: Address; reservesWei: bigint };

/** One transaction of the plan. `from` is always the sender. */
export type PlannedAction =
  | TransferAction
  | SupplyAction
  | AccountAction
  | PauseAction
  | BridgeAction
  | MarketAction;
export type ActionKind = PlannedAction["kind"];

/** Monitoring rules (DOMAIN.md section 4) whose red flags the plan plants on purpose. */
export type PlantedRule = "R1" | "R2" | "R3" | "R4";

export type PlantedPattern = {
  rule: PlantedRule;
  /** Evidence: indices into plan.actions. */
  actionIndices: number[];
  description: string;
};

export type Plan = {
  seed: string;
  /** First second of the simulated period (UTC midnight). */
  startTs: number;
  /** End of the period (exclusive; UTC midnight). Every action has startTs <= ts < endTs. */
  endTs: number;
  days: number;
  scale: number;
  /** The registry treasury: minter and burner on the governor, the issuer's distribution wallet. */
  owner: Address;
  /** The governor's admin: sends freeze, unfreeze, drain, pause and unpause. */
  admin: Address;
  /** The TokenGovernor that owns the token: every action but a transfer is sent to it. */
  governor: Address;
  /** Ordered by ts (non-decreasing); valid when executed in this order. */
  actions: PlannedAction[];
  planted: PlantedPattern[];
  /** The pause window [pausedAt, unpausedAt]: no transfer is planned inside it. */
  pause: { pausedAt: number; unpausedAt: number } | null;
  /** The chain's market contracts (issue #17), deployed by startDemoChain before the plan runs. */
  market?: { pool: PoolDeployment; reserveFeed: ReserveFeedDeployment | null };
};

export const WEI_PER_USD = 10n ** 18n;
export const WEI_PER_CENT = 10n ** 16n;
export const DAY_SECONDS = 86_400;

/** USD (float, from a distribution) to integer wei, rounded to whole cents. */
export function usdToWei(usd: number): bigint {
  if (!Number.isFinite(usd) || usd < 0) throw new Error(`usdToWei: invalid amount ${usd}`);
  return BigInt(Math.round(usd * 100)) * WEI_PER_CENT;
}
