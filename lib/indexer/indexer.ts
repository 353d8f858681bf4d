import type { Address, Hash } from "viem";
import type { DbHandle } from "@/db/client";
import { advanceFinalized, ensureChain, getCheckpoint } from "@/db/queries/indexer";
import { detectBulkMode, writeBatch, type BulkMode } from "@/db/queries/indexer-batch";
import type { Logger } from "@/lib/logger";
import { createMonitorRunner } from "@/lib/monitoring/runner";
import type { IndexerConfig } from "@/lib/validators/indexer";
import { WATCHED_TOPICS } from "./abi";
import { FatalIndexerError, WatchSetChangedError, firstLine, isRetryable } from "./errors";
import { createFinality, type ChainView } from "./finality";
import { followHead } from "./follow-loop";
import { createGovernorTracker } from "./governors";
import { newHeadCheckStats, type Tip } from "./head-check";
import { acquireChainLock } from "./lock";
import { LogFetcher } from "./log-fetcher";
import { buildBatch, runPipeline } from "./pipeline";
import { Progress } from "./progress";
import { recheckBeforeFinal } from "./recheck";
import { reconcileSupply } from "./reconcile";
import { runPreflight } from "./preflight";
import { checkForReorg } from "./reorg";
import { RpcPool, sleep } from "./rpc";
import type { Batch } from "./types";
import { WatchSet } from "./watch-set";

export type IndexerDeps = {
  config: IndexerConfig;
  log: Logger;
  signal: AbortSignal;
  /** Evaluate the monitoring rules after each committed batch (default true). */
  monitor?: boolean;
};
export type RunSummary = { indexedBlock: bigint; reconciled: boolean; matches: boolean | null };

/** A USD1 indexer for one chain: backfill to a target, or follow the head with reorg handling. */
export function createIndexer(deps: IndexerDeps) {
  const { config, log, signal } = deps;
  // Set by run(): preflight must work before any database is opened.
  let handle: DbHandle | undefined;
  const dbOf = () => {
    if (!handle) throw new Error("indexer database not set: call run(handle)");
    return handle.db;
  };
  const pool = new RpcPool({ urls: config.rpcUrls, logger: log, signal });
  const sizing = {
    initialSpan: config.initialSpan,
    maxSpan: config.maxSpan,
    targetLogs: config.targetLogs,
    logCap: config.logCap,
  };
  // The token and its governors, asked for in one eth_getLogs (lockstep: same response, same batch).
  const watch = new WatchSet(config.address);
  const fetcher = new LogFetcher({ ...sizing, pool, addresses: watch.addresses(), topics: WATCHED_TOPICS });
  watch.onChange(() => (fetcher.addresses = watch.addresses()));
  const governors = createGovernorTracker({ pool, chainId: config.chainId, watch, log, fetcher: sizing });
  const finality = createFinality({
    pool,
    log,
    confirmations: config.confirmations,
    verifyDepth: config.verifyDepth,
  });
  const headStats = newHeadCheckStats();
  let bulk: BulkMode = "unnest";
  const monitor = deps.monitor === false ? undefined : createMonitorRunner({ chainId: config.chainId, log });
  const kickMonitor = () => monitor?.kick(dbOf(), bulk === "copy" ? "copy" : "keyset");
  let persistedErrors = 0;
  const errorsDelta = () => {
    const d = pool.errorCount - persistedErrors;
    persistedErrors = pool.errorCount;
    return d;
  };

  /** Checks every RPC, the token and --governor before anything touches the database. */
  const preflight = () => runPreflight({ config, pool, signal, isContract: governors.isContract });

  async function headBlock(): Promise<bigint> {
    return BigInt(await pool.request<string>("eth_blockNumber", []));
  }

  /** Indexes up to `to`; starts over from the checkpoint whenever a batch adds a governor. */
  async function backfill(to: bigint, view: ChainView): Promise<void> {
    const progress = new Progress();
    let started = false;
    for (;;) {
      // Batches in flight when a pipeline stopped were never written: their governors are pending again.
      watch.reset();
      const cp = await getCheckpoint(dbOf(), config.chainId);
      if (!cp) throw new FatalIndexerError(`checkpoint for chain ${config.chainId} vanished`);
      if (!started) progress.record(cp.indexedBlock, 0);
      started = true;
      try {
        return await runBackfillPipeline(
          { number: cp.indexedBlock, hash: cp.indexedBlockHash },
          to,
          view,
          progress,
        );
      } catch (err) {
        if (!(err instanceof WatchSetChangedError)) throw err;
        log.info({ err: err.message }, "watch set changed, refetching");
      }
    }
  }

  async function runBackfillPipeline(
    start: Tip,
    to: bigint,
    view: ChainView,
    progress: Progress,
  ): Promise<void> {
    const { finalized } = view;
    let lastLog = 0;
    // Each batch must descend from the one before it (the first from the stored tip).
    let prev: Tip = start;
    const headChecks = (addresses: readonly Address[]) => ({
      addresses,
      topics: WATCHED_TOPICS,
      fetchBlock: (h: Hash) => fetcher.fetchBlock(h),
      verifyFrom: view.verifyFrom,
      stats: headStats,
    });
    await runPipeline({
      fetcher,
      from: start.number + 1n,
      to,
      depth: 4,
      maxRowsPerWrite: 50_000,
      signal,
      build: async (chunk) => {
        // The address list the chunk was fetched with is the one its blooms are checked against.
        const ctx = {
          pool,
          chainId: config.chainId,
          watch,
          governors,
          log,
          head: headChecks(fetcher.addresses),
        };
        const batch = await buildBatch(ctx, chunk, prev);
        prev = { number: batch.tip.number, hash: batch.tip.hash };
        return batch;
      },
      write: async (batch: Batch) => {
        await writeBatch(dbOf(), {
          bulk,
          batch,
          finalizedBlock: finalized,
          headBlock: view.head,
          rpcErrorsDelta: errorsDelta(),
        });
        watch.committed(batch.newGovernors ?? []);
        kickMonitor();
        progress.record(batch.toBlock, batch.logCount);
        if (Date.now() - lastLog > 5_000 || batch.toBlock === to) {
          lastLog = Date.now();
          log.info(
            {
              indexed: batch.toBlock.toString(),
              target: to.toString(),
              span: fetcher.span.toString(),
              // Near the head: blocks checked one by one, asked again by hash, logs so recovered.
              ...headStats,
              ...progress.snapshot(to),
            },
            "backfill progress",
          );
        }
      },
    });
  }

  /** Reconciles at the last final block: provisional rows may still change, so they never count. */
  async function reconcile(): Promise<boolean | null> {
    const cp = await getCheckpoint(dbOf(), config.chainId);
    if (!cp || cp.rolledUpBlock < config.fromBlock) return null;
    const row = await reconcileSupply({
      db: dbOf(),
      pool,
      chainId: config.chainId,
      token: config.address,
      block: cp.rolledUpBlock,
      log,
    });
    return row?.matches ?? null;
  }

  /**
   * One pass: check the stored tail against the node, look again at what becomes final, index up
   * to the target, roll up finalized blocks. Every run does all of it, one-shot or following.
   */
  async function step(): Promise<{ target: bigint; caughtUp: boolean }> {
    const db = dbOf();
    const head = await headBlock();
    const before = await getCheckpoint(db, config.chainId);
    if (!before) throw new FatalIndexerError(`checkpoint for chain ${config.chainId} vanished`);
    const seen = await finality.view(head, before.rolledUpBlock);
    await checkForReorg({ db, pool, chainId: config.chainId, head, log });
    const rolledBack = await recheckBeforeFinal({
      db,
      pool,
      chainId: config.chainId,
      watch,
      topics: WATCHED_TOPICS,
      ...seen,
      sizing,
      log,
      stats: headStats,
    });
    // Rows indexed again after a failed second look get a second look of their own before they
    // become final: nothing is rolled up in this step.
    const view = rolledBack ? { ...seen, finalized: before.rolledUpBlock } : seen;
    const target = config.toBlock ?? head;
    if (config.toBlock !== undefined && head < config.toBlock) {
      throw new FatalIndexerError(`--to-block ${config.toBlock} is above the chain head ${head}`);
    }
    const cp = await getCheckpoint(db, config.chainId);
    if (!cp) throw new FatalIndexerError(`checkpoint for chain ${config.chainId} vanished`);
    if (cp.indexedBlock < target) await backfill(target, view);
    await advanceFinalized(db, {
      chainId: config.chainId,
      headBlock: head,
      finalizedBlock: view.finalized,
      rpcErrorsDelta: errorsDelta(),
    });
    kickMonitor();
    return { target, caughtUp: true };
  }

  async function run(h: DbHandle): Promise<RunSummary> {
    handle = h;
    const db = h.db;
    bulk = await detectBulkMode(db, h.driver);
    await ensureChain(db, {
      chainId: config.chainId,
      name: config.name,
      tokenAddress: config.address,
      startBlock: config.fromBlock,
      confirmations: config.confirmations ?? 0,
    });
    const release = await acquireChainLock(h, config.chainId);
    try {
      await governors.init(db, { head: await headBlock(), configured: config.governor });
      return config.follow ? await follow() : await once();
    } finally {
      await monitor?.drain();
      await release();
    }
  }

  async function once(): Promise<RunSummary> {
    const { target } = await withRetries(step, 5);
    await monitor?.drain();
    const matches = await reconcile();
    return { indexedBlock: target, reconciled: matches !== null, matches };
  }

  async function follow(): Promise<RunSummary> {
    const { pollIntervalMs, reconcileEveryMs, stallWarnMs } = config;
    const out = await followHead({
      step,
      reconcile,
      pollIntervalMs,
      reconcileEveryMs,
      stallWarnMs,
      log,
      signal,
    });
    return { ...out, matches: null };
  }

  async function withRetries<T>(fn: () => Promise<T>, attempts: number): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (!isRetryable(err) || i >= attempts || signal.aborted) throw err;
        log.warn({ attempt: i, err: firstLine(err) }, "indexer step failed, retrying");
        await sleep(500 * i, signal);
      }
    }
  }

  return { preflight, run, pool, fetcher, watch, headStats };
}

export { firstLine, isRetryable };
export { getCheckpoint };
