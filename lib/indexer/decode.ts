import { decodeEventLog, type Address, type Hash, type Hex } from "viem";
import type { TokenEventKind } from "@/db/schema";
import {
  FROZEN_FUNDS_REALLOCATED_TOPIC,
  TRANSFER_TOPIC,
  ZERO_ADDRESS,
  frozenFundsReallocatedVariants,
  usd1EventsAbi,
} from "./abi";
import type { RpcLog, TokenEventRow, TransferRow } from "./types";

export class DecodeError extends Error {
  override name = "DecodeError";
}

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
};

/** topic (32 bytes) → lower-case address. Cheap: no checksum, no ABI machinery. */
function topicAddress(topic: Hex): Address {
  return `0x${topic.slice(26).toLowerCase()}` as Address;
}

export type DecodedLogs = { transfers: TransferRow[]; tokenEvents: TokenEventRow[] };

/**
 * Splits raw logs into transfers and admin events. Transfer is the hot path (>99% of logs) and
 * is decoded by slicing; the rare admin events go through viem's decoder.
 */
export function decodeLogs(logs: readonly RpcLog[]): DecodedLogs {
  const transfers: TransferRow[] = [];
  const tokenEvents: TokenEventRow[] = [];
  for (const log of logs) {
    if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null) {
      throw new DecodeError("pending log without block number, tx hash or log index");
    }
    const topic0 = log.topics[0];
    const blockNumber = BigInt(log.blockNumber);
    const txHash = log.transactionHash.toLowerCase() as Hash;
    const logIndex = Number(log.logIndex);
    if (topic0 === TRANSFER_TOPIC) {
      const [, fromTopic, toTopic] = log.topics;
      if (log.topics.length !== 3 || !fromTopic || !toTopic || log.data.length !== 66) {
        throw new DecodeError(`malformed Transfer log ${txHash}:${logIndex}`);
      }
      const from = topicAddress(fromTopic);
      const to = topicAddress(toTopic);
      const kind = from === ZERO_ADDRESS ? "mint" : to === ZERO_ADDRESS ? "burn" : "transfer";
      transfers.push({ blockNumber, txHash, logIndex, from, to, amount: BigInt(log.data), kind });
    } else {
      const emitter = log.address.toLowerCase() as Address;
      tokenEvents.push({ blockNumber, txHash, logIndex, emitter, ...decodeAdminEvent(log) });
    }
  }
  return { transfers, tokenEvents };
}

type AdminFields = Omit<TokenEventRow, "blockNumber" | "txHash" | "logIndex" | "emitter">;

function decodeAdminEvent(log: RpcLog): AdminFields {
  const { eventName, args } = decodeAny(log);
  const kind = EVENT_KIND[eventName];
  if (!kind) throw new DecodeError(`unexpected event ${eventName}`);
  const a = args as Record<string, unknown>;
  const addr = (v: unknown) => (typeof v === "string" ? (v.toLowerCase() as Address) : null);
  const amount = typeof a.amount === "bigint" ? a.amount : null;
  const plain = Object.fromEntries(
    Object.entries(a).map(([k, v]) => [k, typeof v === "string" ? v.toLowerCase() : String(v)]),
  );
  switch (eventName) {
    case "Mint":
      return { kind, actor: addr(a.caller), subject: addr(a.to), counterparty: null, amount, args: plain };
    case "Burn":
      return { kind, actor: addr(a.caller), subject: addr(a.from), counterparty: null, amount, args: plain };
    case "Paused":
    case "Unpaused":
      return { kind, actor: addr(a.account), subject: null, counterparty: null, amount, args: plain };
    case "FrozenFundsReallocated":
      return {
        kind,
        actor: addr(a.caller),
        subject: addr(a.from),
        counterparty: addr(a.to),
        amount,
        args: plain,
      };
    case "OwnershipTransferStarted":
    case "OwnershipTransferred":
      return {
        kind,
        actor: null,
        subject: addr(a.newOwner),
        counterparty: addr(a.previousOwner),
        amount,
        args: plain,
      };
    case "Upgraded":
      return { kind, actor: null, subject: addr(a.implementation), counterparty: null, amount, args: plain };
    case "AdminChanged":
      return {
        kind,
        actor: null,
        subject: addr(a.newAdmin),
        counterparty: addr(a.previousAdmin),
        amount,
        args: plain,
      };
    default:
      return {
        kind,
        actor: addr(a.caller),
        subject: addr(a.account),
        counterparty: null,
        amount,
        args: plain,
      };
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
