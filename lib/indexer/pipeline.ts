import type { Address } from "viem";
import type { Logger } from "@/lib/logger";
import { decodeLogs } from "./decode";
import { WatchSetChangedError, RetryableIndexerError } from "./errors";
import type { GovernorTracker } from "./governors";
import { checkChunk, matchLogHashes, type HeadCheckContext, type Tip } from "./head-check";
import { fetchHeaders } from "./headers";
import type { LogChunk, LogFetcher } from "./log-fetcher";
import type { RpcPool } from "./rpc";
import type { Batch, ChainHeader, NewGovernor, RpcLog } from "./types";
import type { WatchSet } from "./watch-set";

export type BatchContext = {
  pool: RpcPool;
  chainId: number;
  watch: WatchSet;
  governors: Pick<GovernorTracker, "follow" | "history">;
  head: Omit<HeadCheckContext, "pool">;
  log?: Logger;
};

/**
 * Checks a chunk (token and governor logs of one eth_getLogs) against the node's headers (see
 * head-check.ts), decodes it and attaches each block's header. A token OwnershipTransferred naming
 * an unwatched governor stops here: its logs are missing from this chunk, so the pipeline
 * refetches from the checkpoint with it watched. `prev` is the tip the batch must descend from.
 */
export async function buildBatch(ctx: BatchContext, chunk: LogChunk, prev?: Tip): Promise<Batch> {
  const checked = await checkChunk({ ...ctx.head, pool: ctx.pool }, chunk, prev);
  if (checked.recovered > 0) {
    ctx.log?.warn(
      { from: chunk.fromBlock.toString(), to: chunk.toBlock.toString(), recovered: checked.recovered },
      "eth_getLogs answered without logs the block hash query found (lagging backend): recovered",
    );
  }
  checkLogs(ctx.watch, checked.logs);
  const decodeCtx = { token: ctx.watch.token, governors: ctx.watch.governors };
  const decoded = decodeLogs(checked.logs, decodeCtx);
  if (await ctx.governors.follow(decoded.tokenEvents)) {
    throw new WatchSetChangedError(`new governor watched; refetching from block ${chunk.fromBlock}`);
  }
  // Governors watched since the last committed batch: their earlier events ride in this batch.
  const newGovernors = ctx.watch.takePending();
  const history = await governorHistory(ctx, newGovernors, chunk.fromBlock - 1n, checked.headers);
  const transfers = decoded.transfers;
  const tokenEvents = [...history.rows, ...decoded.tokenEvents];
  const tip = checked.headers.get(chunk.toBlock);
  if (!tip) throw new RetryableIndexerError(`no header for block ${chunk.toBlock}`);
  // Stored headers depend on the rows only (not on dropped logs or batch bounds), so runs agree.
  const withLogs = new Set<bigint>([...transfers, ...tokenEvents].map((r) => r.blockNumber));
  return {
    chainId: ctx.chainId,
    fromBlock: chunk.fromBlock,
    toBlock: chunk.toBlock,
    transfers,
    tokenEvents,
    headers: [...checked.headers.values()].filter((h) => withLogs.has(h.number)).map(stripBloom),
    tip: stripBloom(tip),
    logCount: history.logCount + checked.logs.length,
    newGovernors,
  };
}

/** New governors' events up to `toBlock`, their blocks' headers added to `headers` and matched. */
async function governorHistory(
  ctx: BatchContext,
  governors: NewGovernor[],
  toBlock: bigint,
  headers: Map<bigint, ChainHeader>,
) {
  const logs = await ctx.governors.history(governors, toBlock);
  checkLogs(ctx.watch, logs);
  const missing = new Set<bigint>();
  for (const log of logs) {
    const n = BigInt(log.blockNumber ?? "0x0");
    if (!headers.has(n)) missing.add(n);
  }
  for (const [n, h] of await fetchHeaders(ctx.pool, [...missing])) headers.set(n, h);
  matchLogHashes(logs, headers);
  const rows = decodeLogs(logs, { token: ctx.watch.token, governors: ctx.watch.governors }).tokenEvents;
  return { rows, logCount: logs.length };
}

/** A batch carries what is stored: the bloom (512 hex characters a header) stays behind. */
const stripBloom = ({ number, hash, parentHash, timestamp }: Batch["tip"]) => ({
  number,
  hash,
  parentHash,
  timestamp,
});

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
