import type { Address } from "viem";
import { decodeLogs } from "./decode";
import { WatchSetChangedError, RetryableIndexerError } from "./errors";
import type { GovernorTracker } from "./governors";
import { fetchHeaders } from "./headers";
import type { LogChunk, LogFetcher } from "./log-fetcher";
import type { RpcPool } from "./rpc";
import type { Batch, RpcLog } from "./types";
import type { WatchSet } from "./watch-set";

export type BatchContext = {
  pool: RpcPool;
  chainId: number;
  watch: WatchSet;
  governors: Pick<GovernorTracker, "follow" | "history">;
};

/**
 * Decodes a chunk (token and governor logs of one eth_getLogs) and attaches each block's header,
 * fetched once per block. A token OwnershipTransferred naming an unwatched governor stops here: its
 * logs are missing from this chunk, so the pipeline refetches from the checkpoint with it watched.
 */
export async function buildBatch(ctx: BatchContext, chunk: LogChunk): Promise<Batch> {
  checkLogs(ctx.watch, chunk.logs);
  const decodeCtx = { token: ctx.watch.token, governors: ctx.watch.governors };
  const decoded = decodeLogs(chunk.logs, decodeCtx);
  if (await ctx.governors.follow(decoded.tokenEvents)) {
    throw new WatchSetChangedError(`new governor watched; refetching from block ${chunk.fromBlock}`);
  }
  // Governors watched since the last committed batch: their earlier events ride in this batch.
  const newGovernors = ctx.watch.takePending();
  const historyLogs = await ctx.governors.history(newGovernors, chunk.fromBlock - 1n);
  checkLogs(ctx.watch, historyLogs);
  const history = decodeLogs(historyLogs, decodeCtx);
  const transfers = decoded.transfers;
  const tokenEvents = [...history.tokenEvents, ...decoded.tokenEvents];
  const allLogs = [...historyLogs, ...chunk.logs];
  const numbers = new Set<bigint>([chunk.toBlock]);
  for (const log of allLogs) numbers.add(BigInt(log.blockNumber ?? "0x0"));
  const headers = await fetchHeaders(
    ctx.pool,
    [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // Logs and headers come from separate calls: if a reorg slipped between them, start over.
  for (const log of allLogs) {
    const h = headers.get(BigInt(log.blockNumber ?? "0x0"));
    if (!h || h.hash !== log.blockHash?.toLowerCase()) {
      throw new RetryableIndexerError(`block ${log.blockNumber} changed while fetching; refetching range`);
    }
  }
  const tip = headers.get(chunk.toBlock);
  if (!tip) throw new RetryableIndexerError(`no header for block ${chunk.toBlock}`);
  // Stored headers depend on the rows only (not on dropped logs or batch bounds), so runs agree.
  const withLogs = new Set<bigint>([...transfers, ...tokenEvents].map((r) => r.blockNumber));
  return {
    chainId: ctx.chainId,
    fromBlock: chunk.fromBlock,
    toBlock: chunk.toBlock,
    transfers,
    tokenEvents,
    headers: [...headers.values()].filter((h) => withLogs.has(h.number)),
    tip,
    logCount: allLogs.length,
    newGovernors,
  };
}

function checkLogs(watch: WatchSet, logs: readonly RpcLog[]): void {
  for (const log of logs) {
    if (log.removed) throw new RetryableIndexerError("provider returned a removed log; refetching");
    if (!watch.has(log.address.toLowerCase() as Address))
      throw new RetryableIndexerError(`log from unexpected address ${log.address}`);
  }
}

/** Consecutive batches as one (bigger transactions are cheaper per row). */
export function mergeBatches(batches: readonly Batch[]): Batch {
  const [first] = batches;
  const last = batches[batches.length - 1];
  if (!first || !last) throw new Error("mergeBatches needs at least one batch");
  if (batches.length === 1) return first;
  return {
    chainId: first.chainId,
    fromBlock: first.fromBlock,
    toBlock: last.toBlock,
    transfers: batches.flatMap((b) => b.transfers),
    tokenEvents: batches.flatMap((b) => b.tokenEvents),
    // A governor's history (below its batch) may share a block with an earlier batch's rows.
    headers: [...new Map(batches.flatMap((b) => b.headers).map((h) => [h.number, h])).values()],
    tip: last.tip,
    logCount: batches.reduce((n, b) => n + b.logCount, 0),
    newGovernors: batches.flatMap((b) => b.newGovernors ?? []),
  };
}

/**
 * Fetches ahead of the writer: a producer fills a bounded queue while the consumer writes, so
 * RPC latency and database time overlap. Errors on either side stop both.
 */
export async function runPipeline(p: {
  fetcher: LogFetcher;
  build: (chunk: LogChunk) => Promise<Batch>;
  from: bigint;
  to: bigint;
  depth: number;
  maxRowsPerWrite: number;
  write: (batch: Batch) => Promise<void>;
  signal?: AbortSignal;
}): Promise<void> {
  const queue: Batch[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const wait = () => new Promise<void>((r) => (wake = r));

  const producer = (async () => {
    let next = p.from;
    while (next <= p.to && failure === undefined) {
      p.signal?.throwIfAborted();
      while (queue.length >= p.depth && failure === undefined) await wait();
      const chunk = await p.fetcher.fetch(next, p.to);
      queue.push(await p.build(chunk));
      next = chunk.toBlock + 1n;
      notify();
    }
  })().then(
    () => {
      done = true;
      notify();
    },
    (err: unknown) => {
      failure ??= err;
      notify();
    },
  );

  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (queue.length === 0) {
        if (done) break;
        await wait();
        continue;
      }
      const group: Batch[] = [];
      let rows = 0;
      while (
        queue.length > 0 &&
        (group.length === 0 || rows + (queue[0]?.logCount ?? 0) <= p.maxRowsPerWrite)
      ) {
        const b = queue.shift() as Batch;
        rows += b.logCount;
        group.push(b);
      }
      notify();
      await p.write(mergeBatches(group));
    }
  } catch (err) {
    failure ??= err;
    notify();
    await producer;
    throw err;
  }
  await producer;
}
