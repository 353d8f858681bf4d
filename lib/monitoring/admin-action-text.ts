// Plain words for token and governor events, shared by R10's alert text and the admin-action
// timeline (db/queries/supply-events.ts): what the actor did, phrased to take the account acted
// upon (or nothing) after it.
import type { TokenEventKind } from "@/db/schema/chain";
import { formatUsd1 } from "@/lib/format";
import { shortAddress } from "./address-book";

export const ADMIN_ACTION_TEXT: Record<TokenEventKind, string> = {
  issuer_mint: "minted",
  issuer_burn: "burned",
  freeze: "froze the account",
  unfreeze: "unfroze the account",
  pause: "paused all transfers",
  unpause: "resumed transfers",
  frozen_account_drained: "drained the frozen account",
  frozen_funds_reallocated: "reallocated funds out of the frozen account",
  ownership_transfer_started: "started an ownership transfer to",
  ownership_transferred: "transferred ownership to",
  upgraded: "upgraded the token contract to implementation",
  admin_changed: "changed the proxy admin to",
  initialized: "initialized the token implementation",
  erc20_recovered: "recovered tokens held by the token contract to",
  authorization_used: "used a transfer authorization (EIP-3009)",
  authorization_canceled: "canceled a transfer authorization (EIP-3009)",
  native_mint: "issued (governor NativeMint) to",
  bridge_mint: "bridge-minted (governor BridgeMint) to",
  native_burn: "redeemed (governor NativeBurn) from",
  bridge_burn: "bridge-burned (governor BridgeBurn) from",
  account_frozen: "froze the account",
  account_unfrozen: "unfroze the account",
  contract_paused: "paused all transfers",
  contract_unpaused: "resumed transfers",
  governor_account_drained: "drained the frozen account",
  token_function_executed: "executed a token function",
  role_granted: "granted a governor role to",
  role_revoked: "revoked a governor role from",
  governor_ownership_transferred: "handed the token's ownership to",
  ownership_accepted: "accepted the token's ownership for the governor",
  checker_updated: "changed the governor's checker to",
  tokens_recovered: "recovered tokens held by the governor to",
  governed_tokens_recovered: "recovered USD1 held by the governor to",
};

/** The verb phrase, with the details only some kinds carry (role, token function, version). */
export function actionPhrase(
  kind: TokenEventKind,
  d: { role?: string | null; tokenFunction?: string | null; version?: string | null },
): string {
  if (kind === "role_granted" && d.role) return `granted the governor role ${d.role} to`;
  if (kind === "role_revoked" && d.role) return `revoked the governor role ${d.role} from`;
  if (kind === "token_function_executed" && d.tokenFunction)
    return `called the token function ${d.tokenFunction}()`;
  if (kind === "initialized" && d.version)
    return `initialized the token implementation at version ${d.version}`;
  return ADMIN_ACTION_TEXT[kind];
}

export type AdminActionFacts = {
  kind: TokenEventKind;
  actor: string | null;
  via: string | null;
  tokenFunction: string | null;
  role?: string | null;
  version?: string | null;
  subject: string | null;
  amount: bigint | null;
};

/**
 * "0x12ab…cdef froze the account 0x9f00…0001 (through governor 0xee9b…61c2, token function
 * reallocate())": addresses shortened, the path named when the action went through a governor.
 */
export function describeAdminAction(a: AdminActionFacts): string {
  const who = a.actor ? shortAddress(a.actor) : "The contract";
  const target = a.subject ? ` ${shortAddress(a.subject)}` : "";
  const amount = a.amount !== null ? ` (${formatUsd1(a.amount)})` : "";
  const fn =
    a.tokenFunction && a.kind !== "token_function_executed" ? `, token function ${a.tokenFunction}()` : "";
  const path = a.via ? ` (through governor ${shortAddress(a.via)}${fn})` : "";
  return `${who} ${actionPhrase(a.kind, a)}${target}${amount}${path}`;
}
