import { decodeEventLog, type Address, type Hash, type Hex } from "viem";
import type { TokenEventKind } from "@/db/schema";
import {
  FROZEN_FUNDS_REALLOCATED_TOPIC,
  GOVERNOR_TOPICS,
  TOKEN_TOPICS,
  TRANSFER_TOPIC,
  ZERO_ADDRESS,
  frozenFundsReallocatedVariants,
  usd1EventsAbi,
} from "./abi";
import { DecodeError, addr, amountOf, plainArgs, type AdminFields } from "./event-fields";
import { decodeGovernorEvent } from "./governor-events";
import type { RpcLog, TokenEventRow, TransferRow } from "./types";

export { DecodeError };

const EVENT_KIND: Record<string, TokenEventKind> = {
  Mint: "issuer_mint",
  Burn: "issuer_burn",
  Freeze: "freeze",
  Unfreeze: "unfreeze",
  Paused: "pause",
  Unpaused: "unpause",
  FrozenAccountDrained: "frozen_account_drained",
  FrozenFundsReallocated: "frozen_funds_reallocated",
  OwnershipTransferStarted: "ownership_transfer_started",
  OwnershipTransferred: "ownership_transferred",
  Upgraded: "upgraded",
  AdminChanged: "admin_changed",
  Initialized: "initialized",
  ERC20Recovered: "erc20_recovered",
  AuthorizationUsed: "authorization_used",
  AuthorizationCanceled: "authorization_canceled",
};

const TOKEN_TOPIC_SET: ReadonlySet<Hex> = new Set(TOKEN_TOPICS);
const GOVERNOR_TOPIC_SET: ReadonlySet<Hex> = new Set(GOVERNOR_TOPICS);

/** topic (32 bytes) → lower-case address. Cheap: no checksum, no ABI machinery. */
function topicAddress(topic: Hex): Address {
  return `0x${topic.slice(26).toLowerCase()}` as Address;
}

export type DecodedLogs = { transfers: TransferRow[]; tokenEvents: TokenEventRow[] };

/** The addresses whose logs we index, lower-case: the token and the governors that own(ed) it. */
export type DecodeContext = { token: Address; governors: ReadonlySet<Address> };

/**
 * Splits raw logs into transfers and admin events, each emitter decoded with its own ABI. The
 * eth_getLogs filter is one topic list over the token and its governors, so either may return a
 * topic that is only the other's: such a log is not an event of that emitter and is dropped (a
 * Transfer from a governor is never a USD1 transfer). Transfer is the hot path (>99% of logs) and
 * is decoded by slicing; the rare admin events go through viem's decoder.
 */
export function decodeLogs(logs: readonly RpcLog[], ctx: DecodeContext): DecodedLogs {
  const transfers: TransferRow[] = [];
  const tokenEvents: TokenEventRow[] = [];
  for (const log of logs) {
    if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null) {
      throw new DecodeError("pending log without block number, tx hash or log index");
    }
    const topic0 = log.topics[0];
    const emitter = log.address.toLowerCase() as Address;
    const blockNumber = BigInt(log.blockNumber);
    const txHash = log.transactionHash.toLowerCase() as Hash;
    const logIndex = Number(log.logIndex);
    if (emitter === ctx.token) {
      if (topic0 === TRANSFER_TOPIC) {
        transfers.push({ blockNumber, txHash, logIndex, ...decodeTransfer(log, `${txHash}:${logIndex}`) });
      } else if (topic0 !== undefined && TOKEN_TOPIC_SET.has(topic0)) {
        tokenEvents.push({ blockNumber, txHash, logIndex, emitter, ...decodeTokenEvent(log) });
      }
    } else if (ctx.governors.has(emitter)) {
      if (topic0 !== undefined && GOVERNOR_TOPIC_SET.has(topic0)) {
        tokenEvents.push({ blockNumber, txHash, logIndex, emitter, ...decodeGovernorEvent(log) });
      }
    } else {
      throw new DecodeError(`log ${txHash}:${logIndex} from unexpected address ${emitter}`);
    }
  }
  return { transfers, tokenEvents };
}

function decodeTransfer(
  log: RpcLog,
  where: string,
): Omit<TransferRow, "blockNumber" | "txHash" | "logIndex"> {
  const [, fromTopic, toTopic] = log.topics;
  if (log.topics.length !== 3 || !fromTopic || !toTopic || log.data.length !== 66) {
    throw new DecodeError(`malformed Transfer log ${where}`);
  }
  const from = topicAddress(fromTopic);
  const to = topicAddress(toTopic);
  const kind = from === ZERO_ADDRESS ? "mint" : to === ZERO_ADDRESS ? "burn" : "transfer";
  return { from, to, amount: BigInt(log.data), kind };
}

function decodeTokenEvent(log: RpcLog): AdminFields {
  const { eventName, args } = decodeAny(log);
  const kind = EVENT_KIND[eventName];
  if (!kind) throw new DecodeError(`unexpected event ${eventName}`);
  const a = args as Record<string, unknown>;
  const row = (actor: unknown, subject: unknown, counterparty: unknown): AdminFields => ({
    kind,
    actor: addr(actor),
    subject: addr(subject),
    counterparty: addr(counterparty),
    amount: amountOf(a.amount),
    args: plainArgs(a),
  });
  switch (eventName) {
    case "Mint":
      return row(a.caller, a.to, null);
    case "Burn":
      return row(a.caller, a.from, null);
    case "Paused":
    case "Unpaused":
      return row(a.account, null, null);
    case "FrozenFundsReallocated":
      return row(a.caller, a.from, a.to);
    case "OwnershipTransferStarted":
    case "OwnershipTransferred":
      return row(null, a.newOwner, a.previousOwner);
    case "Upgraded":
      return row(null, a.implementation, null);
    case "AdminChanged":
      return row(null, a.newAdmin, a.previousAdmin);
    case "Initialized":
      return row(null, null, null);
    case "ERC20Recovered":
      return row(a.caller, a.recipient, a.token);
    case "AuthorizationUsed":
    case "AuthorizationCanceled":
      return row(a.authorizer, null, null);
    default:
      return row(a.caller, a.account, null);
  }
}

function decodeAny(log: RpcLog): { eventName: string; args: unknown } {
  const topics = log.topics as [Hex, ...Hex[]];
  if (log.topics[0] === FROZEN_FUNDS_REALLOCATED_TOPIC) {
    const variant = frozenFundsReallocatedVariants[log.topics.length - 1];
    if (!variant) throw new DecodeError("FrozenFundsReallocated with unexpected topic count");
    return decodeEventLog({ abi: variant, data: log.data, topics, strict: true });
  }
  return decodeEventLog({ abi: usd1EventsAbi, data: log.data, topics, strict: true });
}
