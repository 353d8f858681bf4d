import { decodeEventLog, decodeFunctionData, type Hex } from "viem";
import type { TokenEventKind } from "@/db/schema";
import { GOVERNOR_ROLES, governorEventsAbi, tokenAdminFunctionsAbi } from "./abi";
import { addr, amountOf, plainArgs, type AdminFields } from "./event-fields";
import type { RpcLog } from "./types";

type GovernorEventName = (typeof governorEventsAbi)[number]["name"];
type TokenAdminFunction = (typeof tokenAdminFunctionsAbi)[number]["name"];

const GOVERNOR_KIND = {
  NativeMint: "native_mint",
  BridgeMint: "bridge_mint",
  NativeBurn: "native_burn",
  BridgeBurn: "bridge_burn",
  AccountFrozen: "account_frozen",
  AccountUnfrozen: "account_unfrozen",
  ContractPaused: "contract_paused",
  ContractUnpaused: "contract_unpaused",
  FrozenAccountDrained: "governor_account_drained",
  TokenFunctionExecuted: "token_function_executed",
  RoleGranted: "role_granted",
  RoleRevoked: "role_revoked",
  OwnershipTransferred: "governor_ownership_transferred",
  OwnershipAccepted: "ownership_accepted",
  CheckerUpdated: "checker_updated",
  TokensRecovered: "tokens_recovered",
  GovernedTokensRecovered: "governed_tokens_recovered",
} as const satisfies Record<GovernorEventName, TokenEventKind>;

/**
 * Which argument of a token function called through the governor is the account acted upon, and
 * which the second party, so a reallocation reads like the token's own FrozenFundsReallocated.
 */
const CALL_PARTIES: Partial<Record<TokenAdminFunction, { subject: string; counterparty?: string }>> = {
  reallocate: { subject: "from", counterparty: "to" },
  drain: { subject: "account" },
  freeze: { subject: "account" },
  unfreeze: { subject: "account" },
  recoverERC20: { subject: "recipient", counterparty: "token" },
  transferOwnership: { subject: "newOwner" },
  transfer: { subject: "to" },
};

/**
 * A log emitted at a watched governor's address (DOMAIN.md §1b): the real actor behind the token's
 * admin event of the same transaction. The caller has checked that topic0 is a governor event.
 */
export function decodeGovernorEvent(log: RpcLog): AdminFields {
  const topics = log.topics as [Hex, ...Hex[]];
  const ev = decodeEventLog({ abi: governorEventsAbi, data: log.data, topics, strict: true });
  const kind = GOVERNOR_KIND[ev.eventName];
  const args = plainArgs(ev.args);
  const row = (actor: unknown, subject: unknown, counterparty: unknown, amount: unknown): AdminFields => ({
    kind,
    actor: addr(actor),
    subject: addr(subject),
    counterparty: addr(counterparty),
    amount: amountOf(amount),
    args,
  });
  switch (ev.eventName) {
    case "NativeMint":
    case "BridgeMint":
      return row(ev.args.caller, ev.args.recipient, null, ev.args.amount);
    case "NativeBurn":
    case "BridgeBurn":
      return row(ev.args.caller, ev.args.from, null, ev.args.amount);
    case "AccountFrozen":
    case "AccountUnfrozen":
    case "FrozenAccountDrained":
      return row(ev.args.caller, ev.args.account, null, null);
    case "ContractPaused":
    case "ContractUnpaused":
    case "OwnershipAccepted":
      return row(ev.args.caller, null, null, null);
    case "OwnershipTransferred":
      return row(ev.args.caller, ev.args.newOwner, null, null);
    case "RoleGranted":
    case "RoleRevoked": {
      const role = ev.args.role.toLowerCase() as Hex;
      args.roleName = GOVERNOR_ROLES.get(role) ?? role;
      return row(ev.args.sender, ev.args.account, null, null);
    }
    case "CheckerUpdated":
      return row(null, ev.args.newChecker, ev.args.previousChecker, null);
    case "TokensRecovered":
      return row(ev.args.caller, ev.args.recipient, ev.args.token, ev.args.amount);
    case "GovernedTokensRecovered":
      return row(ev.args.caller, ev.args.recipient, null, ev.args.amount);
    case "TokenFunctionExecuted": {
      const call = decodeTokenCall(ev.args.data);
      Object.assign(args, call.args);
      return row(ev.args.caller, call.subject, call.counterparty, call.amount);
    }
  }
}

type DecodedCall = {
  args: Record<string, string>;
  subject: unknown;
  counterparty: unknown;
  amount: unknown;
};

/** The token function the admin called through the governor; an unknown one keeps its selector. */
function decodeTokenCall(data: Hex): DecodedCall {
  let call;
  try {
    call = decodeFunctionData({ abi: tokenAdminFunctionsAbi, data });
  } catch {
    // Not a function we know (or truncated calldata): still a fact worth a row, so keep the selector.
    return {
      args: { function: "unknown", selector: data.slice(0, 10).toLowerCase() },
      subject: null,
      counterparty: null,
      amount: null,
    };
  }
  const inputs = tokenAdminFunctionsAbi.find((f) => f.name === call.functionName)?.inputs ?? [];
  const values = (call.args ?? []) as readonly unknown[];
  const named: Record<string, unknown> = Object.fromEntries(
    inputs.map((input, i) => [input.name, values[i]]),
  );
  const parties = CALL_PARTIES[call.functionName];
  return {
    args: { function: call.functionName, ...plainArgs(named) },
    subject: parties ? named[parties.subject] : null,
    counterparty: parties?.counterparty ? named[parties.counterparty] : null,
    amount: named.amount,
  };
}
