// A token-level admin event and its TokenGovernor companion (DOMAIN.md §1b). With a governor as
// the token's owner, every token event names the governor as caller; the governor's own event in
// the same transaction names the real actor (the freezer, the minter, the pool). One table of
// pairs serves the SQL readers (db/queries/governor-actions.ts) and the monitoring rules (below).
import { GOVERNOR_EVENT_KINDS, type TokenEventKind } from "@/db/schema/chain";

/** How a token event and a governor event of the same transaction are matched beyond their kinds. */
export type PairMatch =
  /** The same account acted upon, where both events name one (freeze, drain, owner hand-over). */
  | "subject"
  /** The same amount (the token's Mint/Burn name the governor as account; the governor names the recipient). */
  | "amount"
  /** The kinds alone (pause: neither names an account). */
  | "kind";

export type GovernorPair = {
  token: TokenEventKind;
  /** Governor kinds that carry the real actor of this token event (its dedicated function). */
  governor: readonly TokenEventKind[];
  /**
   * The token function that emits it: an admin may also call it through the governor's generic
   * executeTokenFunction, whose TokenFunctionExecuted names it in args.function.
   */
  tokenFunction: string;
  match: PairMatch;
};

/**
 * Token kind → governor companion. Ownership follows the governor's functions: its
 * transferTokenOwnership starts the token's two-step transfer (token OwnershipTransferStarted +
 * governor OwnershipTransferred), its acceptTokenOwnership completes one (token OwnershipTransferred
 * + governor OwnershipAccepted). Reallocation and ERC20 recovery have no dedicated governor function.
 */
export const GOVERNOR_PAIRS: readonly GovernorPair[] = [
  { token: "issuer_mint", governor: ["native_mint", "bridge_mint"], tokenFunction: "mint", match: "amount" },
  { token: "issuer_burn", governor: ["native_burn", "bridge_burn"], tokenFunction: "burn", match: "amount" },
  { token: "freeze", governor: ["account_frozen"], tokenFunction: "freeze", match: "subject" },
  { token: "unfreeze", governor: ["account_unfrozen"], tokenFunction: "unfreeze", match: "subject" },
  { token: "pause", governor: ["contract_paused"], tokenFunction: "pause", match: "kind" },
  { token: "unpause", governor: ["contract_unpaused"], tokenFunction: "unpause", match: "kind" },
  {
    token: "frozen_account_drained",
    governor: ["governor_account_drained"],
    tokenFunction: "drain",
    match: "subject",
  },
  { token: "frozen_funds_reallocated", governor: [], tokenFunction: "reallocate", match: "subject" },
  { token: "erc20_recovered", governor: [], tokenFunction: "recoverERC20", match: "subject" },
  {
    token: "ownership_transfer_started",
    governor: ["governor_ownership_transferred"],
    tokenFunction: "transferOwnership",
    match: "subject",
  },
  {
    token: "ownership_transferred",
    governor: ["ownership_accepted"],
    tokenFunction: "acceptOwnership",
    match: "kind",
  },
];

const GOVERNOR_KINDS = new Set<TokenEventKind>(GOVERNOR_EVENT_KINDS);

export function isGovernorKind(kind: TokenEventKind): boolean {
  return GOVERNOR_KINDS.has(kind);
}

const PAIR_BY_TOKEN = new Map(GOVERNOR_PAIRS.map((p) => [p.token, p]));

/** What pairing needs of an event (a MonitorEvent has it). */
export type PairableEvent = {
  logIndex: number;
  kind: TokenEventKind;
  subject: string | null;
  amount: bigint | null;
  /** Decoded arguments as strings (token_function_executed: args.function names the token function). */
  args?: Readonly<Record<string, string>> | undefined;
};

export function pairsWith(token: PairableEvent, governor: PairableEvent): boolean {
  const pair = PAIR_BY_TOKEN.get(token.kind);
  if (!pair) return false;
  const viaCall = governor.kind === "token_function_executed" && governor.args?.function === pair.tokenFunction;
  if (!viaCall && !pair.governor.includes(governor.kind)) return false;
  switch (pair.match) {
    case "subject":
      return token.subject === null || governor.subject === null || token.subject === governor.subject;
    case "amount":
      return token.amount !== null && token.amount === governor.amount;
    case "kind":
      return true;
  }
}

/**
 * The governor event carrying the real actor of a token event, among the events of its
 * transaction: the matching one nearest in log order (the governor emits it right after the call).
 */
export function companionOf<E extends PairableEvent>(token: E, inTx: readonly E[]): E | undefined {
  let best: E | undefined;
  for (const g of inTx) {
    if (g === token || !isGovernorKind(g.kind) || !pairsWith(token, g)) continue;
    if (!best || Math.abs(g.logIndex - token.logIndex) < Math.abs(best.logIndex - token.logIndex)) best = g;
  }
  return best;
}

/** True when a governor event is the companion of a token event of its transaction (one action, not two). */
export function isCompanion<E extends PairableEvent>(governor: E, inTx: readonly E[]): boolean {
  return isGovernorKind(governor.kind) && inTx.some((t) => t !== governor && pairsWith(t, governor));
}
