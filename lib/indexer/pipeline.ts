import type { Address } from "viem";
import { decodeLogs } from "./decode";
import { fetchHeaders } from "./headers";
import type { LogChunk, LogFetcher } from "./log-fetcher";
import { RetryableIndexerError } from "./errors";
import type { RpcPool } from "./rpc";
import type { Batch } from "./types";

/** Decodes a chunk and attaches each block's header, fetched once per block. */
export async function buildBatch(
  pool: RpcPool,
  chainId: number,
  token: Address,
  chunk: LogChunk,
): Promise<Batch> {
  for (const log of chunk.logs) {
    if (log.removed) throw new RetryableIndexerError("provider returned a removed log; refetching");
    if (log.address.toLowerCase() !== token)
      throw new RetryableIndexerError(`log from unexpected address ${log.address}`);
  }
  const { transfers, tokenEvents } = decodeLogs(chunk.logs);
  const numbers = new Set<bigint>([chunk.toBlock]);
  for (const t of transfers) numbers.add(t.blockNumber);
  for (const e of tokenEvents) numbers.add(e.blockNumber);
  const headers = await fetchHeaders(
    pool,
    [...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // Logs and headers come from separate calls: if a reorg slipped between them, start over.
  for (const log of chunk.logs) {
    const h = headers.get(BigInt(log.blockNumber ?? "0x0"));
    if (!h || h.hash !== log.blockHash?.toLowerCase()) {
      throw new RetryableIndexerError(`block ${log.blockNumber} changed while fetching; refetching range`);
    }
  }
  const tip = headers.get(chunk.toBlock);
  if (!tip) throw new RetryableIndexerError(`no header for block ${chunk.toBlock}`);
  const withLogs = new Set<bigint>([...transfers, ...tokenEvents].map((r) => r.blockNumber));
  return {
    chainId,
    fromBlock: chunk.fromBlock,
    toBlock: chunk.toBlock,
    transfers,
    tokenEvents,
    headers: [...headers.values()].filter((h) => withLogs.has(h.number)),
    tip,
    logCount: chunk.logs.length,
  };
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
    headers: batches.flatMap((b) => b.headers),
    tip: last.tip,
    logCount: batches.reduce((n, b) => n + b.logCount, 0),
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
