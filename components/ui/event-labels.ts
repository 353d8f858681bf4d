// Display names for token and governor event kinds (token_events.kind) and transfer kinds; shared by
// the supply view's admin timeline, the address page and the alert case evidence. No server imports:
// client tables use them too.
import type { TokenEventKind, TransferKind } from "@/db/schema/chain";

export const TOKEN_EVENT_LABELS: Record<TokenEventKind, string> = {
  issuer_mint: "Issuer mint",
  issuer_burn: "Issuer burn",
  freeze: "Account frozen",
  unfreeze: "Account unfrozen",
  pause: "Token paused",
  unpause: "Token unpaused",
  frozen_account_drained: "Frozen account drained",
  frozen_funds_reallocated: "Frozen funds reallocated",
  ownership_transfer_started: "Ownership transfer started",
  ownership_transferred: "Ownership transferred",
  upgraded: "Contract upgraded",
  admin_changed: "Proxy admin changed",
  initialized: "Initialized (upgrade)",
  erc20_recovered: "Tokens recovered",
  authorization_used: "Transfer authorization used (EIP-3009)",
  authorization_canceled: "Transfer authorization canceled (EIP-3009)",
  native_mint: "Issued",
  bridge_mint: "Bridge mint",
  native_burn: "Redeemed",
  bridge_burn: "Bridge burn",
  account_frozen: "Account frozen (governor)",
  account_unfrozen: "Account unfrozen (governor)",
  contract_paused: "Token paused (governor)",
  contract_unpaused: "Token unpaused (governor)",
  governor_account_drained: "Frozen account drained (governor)",
  token_function_executed: "Token function called (governor)",
  role_granted: "Role granted",
  role_revoked: "Role revoked",
  governor_ownership_transferred: "Token ownership handed over (governor)",
  ownership_accepted: "Token ownership accepted (governor)",
  checker_updated: "Checker changed (governor)",
  tokens_recovered: "Tokens recovered from the governor",
  governed_tokens_recovered: "USD1 recovered from the governor",
};

export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  mint: "Mint",
  burn: "Burn",
  transfer: "Transfer",
};

/** ERC20Recovered moving USD1 that sat on the token contract itself (V2 recoverERC20). */
export const OWN_TOKEN_RECOVERY_LABEL = "USD1 recovered from the token contract";

function isKey<T extends string>(labels: Record<T, string>, kind: string): kind is T {
  return Object.hasOwn(labels, kind);
}

/**
 * The label of an event or transfer kind; an unknown kind (a newer indexer) shows as stored.
 * `recoversOwnToken`: an erc20_recovered whose recovered token is the emitting USD1 contract.
 */
export function eventKindLabel(kind: string, opts: { recoversOwnToken?: boolean } = {}): string {
  if (kind === "erc20_recovered" && opts.recoversOwnToken) return OWN_TOKEN_RECOVERY_LABEL;
  if (isKey(TOKEN_EVENT_LABELS, kind)) return TOKEN_EVENT_LABELS[kind];
  if (isKey(TRANSFER_KIND_LABELS, kind)) return TRANSFER_KIND_LABELS[kind];
  return kind;
}

/**
 * The label of an admin action row: an ERC20Recovered whose recovered token (its counterparty) is
 * the contract that logged it recovers USD1 held by the token contract itself.
 */
export function adminEventLabel(e: { kind: string; emitter: string; counterparty: string | null }): string {
  const recoversOwnToken =
    e.counterparty !== null && e.counterparty.toLowerCase() === e.emitter.toLowerCase();
  return eventKindLabel(e.kind, { recoversOwnToken });
}

/** What an admin action called or set beyond its kind: "token function reallocate()", a role, a version. */
export function eventDetail(e: {
  kind: string;
  tokenFunction?: string | null;
  role?: string | null;
  version?: string | null;
}): string | null {
  const parts = [
    e.tokenFunction ? `token function ${e.tokenFunction}()` : null,
    e.role ?? null,
    e.version ? `version ${e.version}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(", ");
}
