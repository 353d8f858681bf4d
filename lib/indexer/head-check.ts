// Near the head a provider's eth_getLogs may come from a backend that has not imported the newest
// blocks (it answers [] for them) while headers come from one that has, and a reorg may slip between
// the logs call and the headers call. This binds a chunk's logs to headers the node vouches for.
import type { Address, Hash, Hex } from "viem";
import { bloomMayMatch } from "./bloom";
import { RetryableIndexerError } from "./errors";
import { fetchHeaders } from "./headers";
import type { LogChunk } from "./log-fetcher";
import type { ChainHeader, RpcLog } from "./types";
import type { RpcPool } from "./rpc";

/** The last block before a chunk, as far as we know it (its hash is null before the first batch). */
export type Tip = { number: bigint; hash: Hash | null };

export type HeadCheckContext = {
  pool: RpcPool;
  /** What the logs call asked for: the bloom is checked against these. */
  addresses: readonly Address[];
  topics: readonly Hex[];
  /** eth_getLogs by block hash with the same filter (LogFetcher.fetchBlock). */
  fetchBlock: (hash: Hash) => Promise<RpcLog[]>;
  /** Blocks from here on are checked one by one: header, parent link, bloom. */
  verifyFrom: bigint;
  /** Counters for logs and tests. */
  stats?: HeadCheckStats;
};

export type HeadCheckStats = { verifiedBlocks: number; refetchedByHash: number; recovered: number };

export const newHeadCheckStats = (): HeadCheckStats => ({
  verifiedBlocks: 0,
  refetchedByHash: 0,
  recovered: 0,
});

/** `recovered`: logs the range answer lacked and a by-hash query found (a lagging backend). */
export type CheckedChunk = { logs: RpcLog[]; headers: Map<bigint, ChainHeader>; recovered: number };

const BY_HASH_CONCURRENCY = 100;

/**
 * The chunk's logs, completed, with the headers of every block with a log, of the chunk's last
 * block and of every block in the verified window. In that window:
 * - each header's parentHash is the previous block's hash (and the first one's is `prev`'s), so the
 *   chunk and the batch before it lie on one chain;
 * - every log's blockHash is its block's header hash (a reorg between the two calls refetches);
 * - a block with no log in the answer, and no later log proving the backend had imported it,
 *   whose bloom still admits a watched address and topic, is asked for again by its hash.
 */
export async function checkChunk(
  ctx: HeadCheckContext,
  chunk: LogChunk,
  prev: Tip | undefined,
): Promise<CheckedChunk> {
  const windowFrom = chunk.fromBlock > ctx.verifyFrom ? chunk.fromBlock : ctx.verifyFrom;
  const inWindow = chunk.toBlock >= windowFrom;
  const numbers = new Set<bigint>([chunk.toBlock]);
  for (const log of chunk.logs) numbers.add(BigInt(log.blockNumber ?? "0x0"));
  if (inWindow) {
    // The block before the window anchors its first parent link when the chunk starts earlier.
    for (let n = windowFrom > chunk.fromBlock ? windowFrom - 1n : windowFrom; n <= chunk.toBlock; n++)
      numbers.add(n);
  }
  const headers = await fetchHeaders(ctx.pool, [...numbers].sort(ascending));
  if (inWindow) checkLinks(headers, windowFrom, chunk, prev);
  matchLogHashes(chunk.logs, headers);
  if (!inWindow) return { logs: chunk.logs, headers, recovered: 0 };
  if (ctx.stats) ctx.stats.verifiedBlocks += Number(chunk.toBlock - windowFrom + 1n);
  const recovered = await refetchSuspects(ctx, chunk, headers, windowFrom);
  const logs = recovered.length === 0 ? chunk.logs : [...chunk.logs, ...recovered];
  return { logs, headers, recovered: recovered.length };
}

function checkLinks(
  headers: Map<bigint, ChainHeader>,
  windowFrom: bigint,
  chunk: LogChunk,
  prev: Tip | undefined,
) {
  for (let n = windowFrom; n <= chunk.toBlock; n++) {
    const h = headers.get(n);
    const parent =
      n > chunk.fromBlock ? headers.get(n - 1n)?.hash : prev?.number === n - 1n ? prev.hash : null;
    if (!h) throw new RetryableIndexerError(`no header for block ${n}`);
    if (parent && h.parentHash !== parent) {
      throw new RetryableIndexerError(
        `block ${n} does not descend from the block before it: chain changed, refetching`,
      );
    }
  }
}

/** Logs and headers come from separate calls: if a reorg slipped between them, start over. */
export function matchLogHashes(logs: readonly RpcLog[], headers: Map<bigint, ChainHeader>): void {
  for (const log of logs) {
    const h = headers.get(BigInt(log.blockNumber ?? "0x0"));
    if (!h || h.hash !== log.blockHash?.toLowerCase()) {
      throw new RetryableIndexerError(`block ${log.blockNumber} changed while fetching; refetching range`);
    }
  }
}

/**
 * A log at block L in the answer shows the backend had imported L, hence every block before it on
 * that chain (L's hash matched our header): their empty answers are true. Past the last log,
 * only the bloom or a query bound to the block's hash can tell "none" from "not imported yet".
 */
async function refetchSuspects(
  ctx: HeadCheckContext,
  chunk: LogChunk,
  headers: Map<bigint, ChainHeader>,
  windowFrom: bigint,
): Promise<RpcLog[]> {
  let proven = windowFrom - 1n;
  for (const log of chunk.logs) {
    const n = BigInt(log.blockNumber ?? "0x0");
    if (n > proven) proven = n;
  }
  const suspects: ChainHeader[] = [];
  for (let n = proven + 1n; n <= chunk.toBlock; n++) {
    const h = headers.get(n);
    if (h && bloomMayMatch(h.logsBloom, ctx.addresses, ctx.topics)) suspects.push(h);
  }
  const found: RpcLog[] = [];
  for (let i = 0; i < suspects.length; i += BY_HASH_CONCURRENCY) {
    const part = suspects.slice(i, i + BY_HASH_CONCURRENCY);
    const answers = await Promise.all(part.map((h) => ctx.fetchBlock(h.hash)));
    answers.forEach((logs, k) => {
      const h = part[k] as ChainHeader;
      matchLogHashes(logs, new Map([[h.number, h]]));
      for (const log of logs) found.push(log);
    });
  }
  if (ctx.stats) {
    ctx.stats.refetchedByHash += suspects.length;
    ctx.stats.recovered += found.length;
  }
  return found;
}

const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
