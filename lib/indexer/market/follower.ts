// The market follower (issue #17): reserve feeds' and peg pools' logs on one chain, beside the
// token's indexer and with the same guarantees, each source or pool on its own checkpoint so one
// configured later is backfilled from its start block alone.
//
// Per target and step: a node whose head is below our checkpoint is lagging (refused, next RPC);
// the checkpoint's hash is compared with the node's (a mismatch is a reorg: the stored rows' block
// hashes are walked down to the newest the node still has, and everything above it is dropped);
// then adaptive eth_getLogs chunks, each bound to the node's headers by checkChunk (parent links
// from the stored tip, log block hashes, blooms near the head), written with the checkpoint in one
// transaction. Log filters never report removed logs, so hashes are the only reorg signal.
import type { Hash } from "viem";
import type { Db } from "@/db/client";
import {
  ensureMarketCheckpoint,
  listMarketRowBlocks,
  listMarketTargets,
  rollbackMarketTarget,
  writeMarketChunk,
  type MarketTargetRow,
} from "@/db/queries/market-indexer";
import type { Logger } from "@/lib/logger";
import { RetryableIndexerError, firstLine, isRetryable } from "../errors";
import { checkChunk, type Tip } from "../head-check";
import { fetchHeader, fetchHeaders } from "../headers";
import { LogFetcher } from "../log-fetcher";
import { sleep, type RpcPool } from "../rpc";
import {
  RESERVE_TOPICS,
  SWAP_TOPICS,
  decodeReserveLog,
  decodeSwapLog,
  type PoolSwapRow,
  type ReserveReportRow,
} from "./events";

export type MarketFollowerParams = {
  pool: RpcPool;
  chainId: number;
  log: Logger;
  /** Blocks below the head checked one by one (parent links, blooms), as the token indexer does. */
  verifyDepth?: number;
  initialSpan?: bigint;
  maxSpan?: bigint;
  /** The last block to index (the CLI's --to-block); the node's head otherwise. */
  toBlock?: bigint;
  /** Called after a step that stored or rolled back rows (the market monitor's kick). */
  onChange?: (db: Db) => void;
};

export type MarketStepResult = { head: bigint; targets: number; rows: number; reorgs: number };

export function createMarketFollower(p: MarketFollowerParams) {
  const verifyDepth = BigInt(p.verifyDepth ?? 128);
  const fetchers = new Map<string, LogFetcher>();
  const topicOf = (t: MarketTargetRow) =>
    t.target === "reserve_source" ? RESERVE_TOPICS[t.kind] : SWAP_TOPICS[t.dex];
  const fetcherOf = (t: MarketTargetRow) => {
    const key = `${t.target}:${t.id}`;
    let f = fetchers.get(key);
    if (!f) {
      f = new LogFetcher({
        pool: p.pool,
        addresses: [t.address],
        topics: [topicOf(t)],
        initialSpan: p.initialSpan,
        maxSpan: p.maxSpan,
      });
      fetchers.set(key, f);
    }
    return f;
  };

  /** Rolls the target back to the newest stored row block the node still has; true on a reorg. */
  async function checkReorg(db: Db, t: MarketTargetRow, cp: { indexedBlock: bigint; indexedBlockHash: Hash | null }) {
    if (!cp.indexedBlockHash) return false;
    const now = await fetchHeader(p.pool, cp.indexedBlock);
    if (now.hash === cp.indexedBlockHash) return false;
    const stored = await listMarketRowBlocks(db, {
      target: t.target,
      targetId: t.id,
      above: t.startBlock - 1n,
      limit: 10_000,
    });
    const onChain = await fetchHeaders(
      p.pool,
      stored.map((s) => s.number),
    );
    const match = stored.find((s) => onChain.get(s.number)?.hash === s.hash);
    const ancestor = match?.number ?? t.startBlock - 1n;
    const depth = Number(cp.indexedBlock - ancestor);
    p.log.warn(
      { chainId: p.chainId, target: t.target, id: t.id, ancestor: ancestor.toString(), depth },
      "market reorg detected, rolling back to the newest row the node still has",
    );
    await rollbackMarketTarget(db, {
      target: t.target,
      targetId: t.id,
      ancestor,
      ancestorHash: match?.hash ?? null,
      depth,
    });
    return true;
  }

  /** `head`: the node's; `to`: where this step stops (the head, or toBlock below it). */
  async function stepTarget(db: Db, t: MarketTargetRow, head: bigint, to: bigint): Promise<{ rows: number; reorged: boolean }> {
    const key = { target: t.target, targetId: t.id };
    let cp = await ensureMarketCheckpoint(db, { ...key, chainId: p.chainId, startBlock: t.startBlock });
    if (head < cp.indexedBlock) {
      p.pool.rotate();
      throw new RetryableIndexerError(
        `node head ${head} is below ${t.target} ${t.id}'s checkpoint ${cp.indexedBlock}: lagging node`,
      );
    }
    const reorged = await checkReorg(db, t, cp);
    if (reorged) cp = await ensureMarketCheckpoint(db, { ...key, chainId: p.chainId, startBlock: t.startBlock });
    const fetcher = fetcherOf(t);
    let prev: Tip = { number: cp.indexedBlock, hash: cp.indexedBlockHash };
    let rows = 0;
    while (prev.number < to) {
      const chunk = await fetcher.fetch(prev.number + 1n, to);
      const checked = await checkChunk(
        {
          pool: p.pool,
          addresses: [t.address],
          topics: [topicOf(t)],
          fetchBlock: (h) => fetcher.fetchBlock(h),
          verifyFrom: head > verifyDepth ? head - verifyDepth : 0n,
        },
        chunk,
        prev,
      );
      const reports: ReserveReportRow[] = [];
      const swaps: PoolSwapRow[] = [];
      for (const log of checked.logs) {
        if (log.removed) throw new RetryableIndexerError("provider returned a removed log; refetching");
        if (log.address.toLowerCase() !== t.address) throw new RetryableIndexerError(`log from unexpected address ${log.address}`);
        if (t.target === "reserve_source") {
          const r = decodeReserveLog(log, t);
          if (r) reports.push(r);
        } else {
          const s = decodeSwapLog(log, t.dex);
          if (s) swaps.push(s);
        }
      }
      const tip = checked.headers.get(chunk.toBlock);
      if (!tip) throw new RetryableIndexerError(`no header for block ${chunk.toBlock}`);
      const blockTimes = new Map([...checked.headers.values()].map((h) => [h.number, h.timestamp]));
      await writeMarketChunk(db, {
        ...key,
        chainId: p.chainId,
        fromBlock: chunk.fromBlock,
        toBlock: chunk.toBlock,
        tipHash: tip.hash,
        blockTimes,
        reports,
        swaps,
      });
      rows += reports.length + swaps.length;
      prev = { number: tip.number, hash: tip.hash };
    }
    return { rows, reorged };
  }

  /** One pass over every configured source and pool of the chain, up to the node's head (or toBlock). */
  async function step(db: Db): Promise<MarketStepResult> {
    const head = BigInt(await p.pool.request<string>("eth_blockNumber", []));
    const to = p.toBlock !== undefined && p.toBlock < head ? p.toBlock : head;
    const targets = await listMarketTargets(db, p.chainId);
    let rows = 0;
    let reorgs = 0;
    for (const t of targets) {
      const r = await stepTarget(db, t, head, to);
      rows += r.rows;
      if (r.reorged) reorgs++;
    }
    if (rows > 0 || reorgs > 0) p.onChange?.(db);
    return { head, targets: targets.length, rows, reorgs };
  }

  /** Follows the head until `signal` aborts; retryable errors are logged and the step tried again. */
  async function follow(db: Db, o: { signal: AbortSignal; pollIntervalMs: number }): Promise<void> {
    while (!o.signal.aborted) {
      try {
        await step(db);
      } catch (err) {
        if (!isRetryable(err) || o.signal.aborted) throw err;
        p.log.warn({ chainId: p.chainId, err: firstLine(err) }, "market step failed, retrying");
      }
      await sleep(o.pollIntervalMs, o.signal).catch(() => undefined);
    }
  }

  return { step, follow };
}
