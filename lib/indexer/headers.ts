import { numberToHex } from "viem";
import { RetryableIndexerError } from "./errors";
import type { RpcPool } from "./rpc";
import { checkHeader } from "./rpc-shapes";
import type { ChainHeader } from "./types";

const CONCURRENT = 400;

/** Reads headers (hash, parent, timestamp, bloom) once per block; viem batches them into JSON-RPC batches. */
export async function fetchHeaders(
  pool: RpcPool,
  numbers: readonly bigint[],
): Promise<Map<bigint, ChainHeader>> {
  const out = new Map<bigint, ChainHeader>();
  for (let i = 0; i < numbers.length; i += CONCURRENT) {
    const slice = numbers.slice(i, i + CONCURRENT);
    const got = await Promise.all(slice.map((n) => fetchHeader(pool, n)));
    for (const h of got) out.set(h.number, h);
  }
  return out;
}

/**
 * A missing block (a node behind the one that told us the head) counts against that URL inside
 * the attempt, so the pool asks another node rather than giving up.
 */
export async function fetchHeader(
  pool: RpcPool,
  n: bigint | "latest" | "finalized",
  maxAttempts?: number,
): Promise<ChainHeader> {
  const tag = typeof n === "bigint" ? numberToHex(n) : n;
  const check = (raw: unknown) => {
    const h = checkHeader(raw);
    if (!h) throw new RetryableIndexerError(`block ${String(n)} not found`);
    if (typeof n === "bigint" && h.number !== n)
      throw new RetryableIndexerError(`asked for block ${n}, got ${h.number}`);
    return h;
  };
  return pool.requestChecked("eth_getBlockByNumber", [tag, false], check, maxAttempts);
}
