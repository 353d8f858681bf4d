import { numberToHex, type Hash } from "viem";
import { RetryableIndexerError } from "./errors";
import type { RpcPool } from "./rpc";
import type { BlockHeader, RpcBlockHeader } from "./types";

const CONCURRENT = 400;

/** Reads headers (hash, parent, timestamp) once per block; viem batches them into JSON-RPC batches. */
export async function fetchHeaders(
  pool: RpcPool,
  numbers: readonly bigint[],
): Promise<Map<bigint, BlockHeader>> {
  const out = new Map<bigint, BlockHeader>();
  for (let i = 0; i < numbers.length; i += CONCURRENT) {
    const slice = numbers.slice(i, i + CONCURRENT);
    const got = await Promise.all(slice.map((n) => fetchHeader(pool, n)));
    for (const h of got) out.set(h.number, h);
  }
  return out;
}

export async function fetchHeader(pool: RpcPool, n: bigint | "latest" | "finalized"): Promise<BlockHeader> {
  const tag = typeof n === "bigint" ? numberToHex(n) : n;
  const raw = await pool.request<RpcBlockHeader | null>("eth_getBlockByNumber", [tag, false]);
  if (!raw) throw new RetryableIndexerError(`block ${String(n)} not found on ${pool.currentUrl}`);
  return parseHeader(raw);
}

export function parseHeader(raw: RpcBlockHeader): BlockHeader {
  return {
    number: BigInt(raw.number),
    hash: raw.hash.toLowerCase() as Hash,
    parentHash: raw.parentHash.toLowerCase() as Hash,
    timestamp: Number(BigInt(raw.timestamp)),
  };
}
