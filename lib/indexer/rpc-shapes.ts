// The shape of what a provider sends, checked before anything reaches COPY, an array literal or a
// comparison: a hash is 0x + 64 hex, an address 0x + 40 hex, a quantity 0x + hex digits. A wrong
// shape is the provider's fault (MalformedRpcDataError): the call is asked again, elsewhere.
import type { Address, Hash, Hex } from "viem";
import { MalformedRpcDataError } from "./errors";
import type { ChainHeader, RpcLog } from "./types";

const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
const DATA = /^0x([0-9a-fA-F]{2})*$/;
const BLOOM = /^0x[0-9a-fA-F]{512}$/;

function need(ok: boolean, what: string, value: unknown): void {
  if (!ok)
    throw new MalformedRpcDataError(`malformed ${what} from RPC: ${JSON.stringify(value)?.slice(0, 120)}`);
}

const isString = (v: unknown): v is string => typeof v === "string";

/** One eth_getLogs item; pending logs (null block fields) are refused too: we never ask for them. */
function checkLog(raw: unknown): RpcLog {
  const l = (raw ?? {}) as Record<string, unknown>;
  need(isString(l.address) && ADDRESS.test(l.address), "log address", l.address);
  need(isString(l.blockHash) && HASH.test(l.blockHash), "log blockHash", l.blockHash);
  need(isString(l.transactionHash) && HASH.test(l.transactionHash), "log transactionHash", l.transactionHash);
  need(isString(l.blockNumber) && QUANTITY.test(l.blockNumber), "log blockNumber", l.blockNumber);
  need(isString(l.logIndex) && QUANTITY.test(l.logIndex), "log logIndex", l.logIndex);
  need(isString(l.data) && DATA.test(l.data), "log data", l.data);
  const topics = l.topics;
  need(
    Array.isArray(topics) && topics.length <= 4 && topics.every((t) => isString(t) && HASH.test(t)),
    "log topics",
    topics,
  );
  need(l.removed === undefined || typeof l.removed === "boolean", "log removed flag", l.removed);
  return raw as RpcLog;
}

export function checkLogs(raw: unknown): RpcLog[] {
  need(Array.isArray(raw), "eth_getLogs result", raw);
  return (raw as unknown[]).map(checkLog);
}

/** An eth_getBlockByNumber/Hash answer; null (not found) is the caller's to judge. */
export function checkHeader(raw: unknown): ChainHeader | null {
  if (raw === null) return null;
  const b = (raw ?? {}) as Record<string, unknown>;
  need(isString(b.number) && QUANTITY.test(b.number), "block number", b.number);
  need(isString(b.hash) && HASH.test(b.hash), "block hash", b.hash);
  need(isString(b.parentHash) && HASH.test(b.parentHash), "block parentHash", b.parentHash);
  need(isString(b.timestamp) && QUANTITY.test(b.timestamp), "block timestamp", b.timestamp);
  need(isString(b.logsBloom) && BLOOM.test(b.logsBloom), "block logsBloom", b.logsBloom);
  return {
    number: BigInt(b.number as string),
    hash: (b.hash as string).toLowerCase() as Hash,
    parentHash: (b.parentHash as string).toLowerCase() as Hash,
    timestamp: Number(BigInt(b.timestamp as string)),
    logsBloom: (b.logsBloom as string).toLowerCase() as Hex,
  };
}

export const isHash = (v: string): v is Hash => HASH.test(v);
export const isAddress40 = (v: string): v is Address => ADDRESS.test(v);
