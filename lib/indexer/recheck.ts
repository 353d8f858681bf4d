import type { Address, Hash, Hex } from "viem";
import type { Db } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import { listStoredLogKeys, rollbackToBlock } from "@/db/queries/indexer-reorg";
import type { Logger } from "@/lib/logger";
import { decodeLogs } from "./decode";
import { RetryableIndexerError } from "./errors";
import { fetchHeader, fetchHeaders } from "./headers";
import { checkChunk, type HeadCheckStats } from "./head-check";
import { LogFetcher, type LogFetcherOptions } from "./log-fetcher";
import type { RpcPool } from "./rpc";
import type { WatchSet } from "./watch-set";

export type RecheckParams = {
  db: Db;
  pool: RpcPool;
  chainId: number;
  watch: WatchSet;
  topics: readonly Hex[];
  /** Blocks up to here become final in this step. */
  finalized: bigint;
  /** As for indexing: blocks from here on are checked one by one (head-check.ts). */
  verifyFrom: bigint;
  sizing: Pick<LogFetcherOptions, "initialSpan" | "maxSpan" | "targetLogs" | "logCap">;
  log: Logger;
  stats?: HeadCheckStats;
};

/**
 * The second look: before provisional blocks are rolled up (become final), their logs are fetched
 * again, later and through the same checks, and compared with the stored rows and block hashes.
 * - a stored block hash the node no longer has: a reorg the tip check missed; roll back;
 * - rows the node has and we lack (a lagging backend's [] the first look could not disprove):
 *   roll back to the last final block and index again;
 * - rows we have (on blocks whose hashes still match) that this look lacks: this look is the
 *   incomplete one; roll nothing up now, look again next time.
 * Returns whether it rolled back; the caller then rolls nothing up in this step, so the rows
 * indexed again are looked at once more before they become final.
 */
export async function recheckBeforeFinal(p: RecheckParams): Promise<boolean> {
  const cp = await getCheckpoint(p.db, p.chainId);
  if (!cp) return false;
  const upTo = p.finalized < cp.indexedBlock ? p.finalized : cp.indexedBlock;
  if (upTo <= cp.rolledUpBlock) return false;
  const from = cp.rolledUpBlock + 1n;
  const fresh = await lookAgain(p, from, upTo);
  const stored = await listStoredLogKeys(p.db, { chainId: p.chainId, above: cp.rolledUpBlock, upTo });
  const storedKeys = new Set(stored.keys);
  const missing = [...fresh.keys].filter((k) => !storedKeys.has(k));
  const extra = stored.keys.filter((k) => !fresh.keys.has(k));
  // Stored blocks whose logs this look did not return: is that block still the node's?
  const unseen = stored.headers.filter((h) => !fresh.hashes.has(h.number)).map((h) => h.number);
  for (const [n, h] of await fetchHeaders(p.pool, unseen)) fresh.hashes.set(n, h.hash);
  const moved = stored.headers.filter((h) => fresh.hashes.get(h.number) !== h.hash);
  if (missing.length === 0 && extra.length === 0 && moved.length === 0) return false;
  const fields = {
    from: from.toString(),
    to: upTo.toString(),
    missing: missing.length,
    extra: extra.length,
    moved: moved.length,
    example: missing[0] ?? extra[0] ?? moved[0]?.number.toString(),
  };
  if (missing.length === 0 && moved.length === 0) {
    throw new RetryableIndexerError(
      `second look at blocks ${from}..${upTo} lacks ${extra.length} stored rows of unchanged blocks: looking again before they become final`,
    );
  }
  p.log.warn(
    fields,
    "stored provisional rows differ from the node before becoming final: indexing them again",
  );
  const ancestor = cp.rolledUpBlock;
  await rollbackToBlock(p.db, {
    chainId: p.chainId,
    ancestor,
    ancestorHash: ancestor >= 0n ? (await fetchHeader(p.pool, ancestor)).hash : null,
    depth: Number(cp.indexedBlock - ancestor),
    reason: "recheck",
  });
  return true;
}

/**
 * The rows (as `block:tx:logIndex`) and block hashes of `from`..`to` as the node gives them now,
 * for the token and the covered governors, through the same checks as indexing.
 */
async function lookAgain(p: RecheckParams, from: bigint, to: bigint) {
  const addresses = p.watch.coveredAddresses();
  const fetcher = new LogFetcher({ ...p.sizing, pool: p.pool, addresses, topics: p.topics });
  const head = {
    pool: p.pool,
    addresses,
    topics: p.topics,
    fetchBlock: (h: Hash) => fetcher.fetchBlock(h),
    verifyFrom: p.verifyFrom,
    ...(p.stats ? { stats: p.stats } : {}),
  };
  const keys = new Set<string>();
  const hashes = new Map<bigint, string>();
  const ctx = { token: p.watch.token, governors: new Set(addresses.slice(1) as Address[]) };
  for (let next = from; next <= to;) {
    const chunk = await fetcher.fetch(next, to);
    const checked = await checkChunk(head, chunk, undefined);
    const rows = decodeLogs(checked.logs, ctx);
    for (const r of [...rows.transfers, ...rows.tokenEvents])
      keys.add(`${r.blockNumber}:${r.txHash}:${r.logIndex}`);
    for (const [n, h] of checked.headers) hashes.set(n, h.hash);
    next = chunk.toBlock + 1n;
  }
  return { keys, hashes };
}
