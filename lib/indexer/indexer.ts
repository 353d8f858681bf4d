import type { DbHandle } from "@/db/client";
import { advanceFinalized, ensureChain, getCheckpoint } from "@/db/queries/indexer";
import { detectBulkMode, writeBatch, type BulkMode } from "@/db/queries/indexer-batch";
import type { Logger } from "@/lib/logger";
import { createMonitorRunner } from "@/lib/monitoring/runner";
import type { IndexerConfig } from "@/lib/validators/indexer";
import { WATCHED_TOPICS } from "./abi";
import { FatalIndexerError, WatchSetChangedError, firstLine, isRetryable } from "./errors";
import { createGovernorTracker } from "./governors";
import { fetchHeader } from "./headers";
import { acquireChainLock } from "./lock";
import { LogFetcher } from "./log-fetcher";
import { buildBatch, runPipeline } from "./pipeline";
import { Progress } from "./progress";
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
  const sizing = { initialSpan: config.initialSpan, maxSpan: config.maxSpan, targetLogs: config.targetLogs };
  // The token and its governors, asked for in one eth_getLogs (lockstep: same response, same batch).
  const watch = new WatchSet(config.address);
  const fetcher = new LogFetcher({ ...sizing, pool, addresses: watch.addresses(), topics: WATCHED_TOPICS });
  watch.onChange(() => (fetcher.addresses = watch.addresses()));
  const governors = createGovernorTracker({ pool, chainId: config.chainId, watch, log, fetcher: sizing });
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

  async function finalizedFor(head: bigint): Promise<bigint> {
    if (config.confirmations !== undefined)
      return head > BigInt(config.confirmations) ? head - BigInt(config.confirmations) : 0n;
    const f = await fetchHeader(pool, "finalized").catch(() => undefined);
    if (f) return f.number;
    return head > 12n ? head - 12n : 0n;
  }

  async function headBlock(): Promise<bigint> {
    return BigInt(await pool.request<string>("eth_blockNumber", []));
  }

  /** Indexes `from`..`to`; starts over from the checkpoint whenever a batch adds a governor. */
  async function backfill(from: bigint, to: bigint, head: bigint, finalized: bigint): Promise<void> {
    const progress = new Progress();
    progress.record(from - 1n, 0);
    for (let next = from; ;) {
      // Batches in flight when a pipeline stopped were never written: their governors are pending again.
      watch.reset();
      try {
        return await runBackfillPipeline(next, to, head, finalized, progress);
      } catch (err) {
        if (!(err instanceof WatchSetChangedError)) throw err;
        log.info({ err: err.message }, "watch set changed, refetching");
        const cp = await getCheckpoint(dbOf(), config.chainId);
        if (!cp) throw new FatalIndexerError(`checkpoint for chain ${config.chainId} vanished`);
        next = cp.indexedBlock + 1n;
      }
    }
  }

  async function runBackfillPipeline(
    from: bigint,
    to: bigint,
    head: bigint,
    finalized: bigint,
    progress: Progress,
  ): Promise<void> {
    let lastLog = 0;
    await runPipeline({
      fetcher,
      from,
      to,
      depth: 4,
      maxRowsPerWrite: 50_000,
      signal,
      build: (chunk) => buildBatch({ pool, chainId: config.chainId, watch, governors }, chunk),
      write: async (batch: Batch) => {
        await writeBatch(dbOf(), {
          bulk,
          batch,
          finalizedBlock: finalized,
          headBlock: head,
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
              ...progress.snapshot(to),
            },
            "backfill progress",
          );
        }
      },
    });
  }

  async function reconcile(block: bigint) {
    const row = await reconcileSupply({
      db: dbOf(),
      pool,
      chainId: config.chainId,
      token: config.address,
      block,
      log,
    });
    return row?.matches ?? null;
  }

  /** One pass: reorg check, index up to the target, roll up finalized blocks. Returns the target. */
  async function step(): Promise<{ target: bigint; caughtUp: boolean }> {
    const head = await headBlock();
    const finalized = await finalizedFor(head);
    const db = dbOf();
    if (config.follow) await checkForReorg({ db, pool, chainId: config.chainId, head, log });
    const target = config.toBlock ?? head;
    const cp = await getCheckpoint(db, config.chainId);
    if (!cp) throw new FatalIndexerError(`checkpoint for chain ${config.chainId} vanished`);
    if (config.toBlock !== undefined && head < config.toBlock) {
      throw new FatalIndexerError(`--to-block ${config.toBlock} is above the chain head ${head}`);
    }
    if (cp.indexedBlock < target) await backfill(cp.indexedBlock + 1n, target, head, finalized);
    await advanceFinalized(db, {
      chainId: config.chainId,
      headBlock: head,
      finalizedBlock: finalized,
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
    const matches = await reconcile(target);
    return { indexedBlock: target, reconciled: true, matches };
  }

  async function follow(): Promise<RunSummary> {
    let lastReconcile = 0;
    let lastHead = -1n;
    let headChangedAt = Date.now();
    let stallWarned = false;
    let indexed = 0n;
    while (!signal.aborted) {
      try {
        const { target } = await step();
        indexed = target;
        if (target !== lastHead) {
          lastHead = target;
          headChangedAt = Date.now();
          stallWarned = false;
        } else if (!stallWarned && Date.now() - headChangedAt > config.stallWarnMs) {
          stallWarned = true;
          log.warn(
            { head: target.toString(), sinceMs: Date.now() - headChangedAt },
            "chain head has stopped moving",
          );
        }
        if (Date.now() - lastReconcile > config.reconcileEveryMs) {
          lastReconcile = Date.now();
          await reconcile(target);
        }
      } catch (err) {
        if (signal.aborted) break;
        if (!isRetryable(err)) throw err;
        log.warn({ err: firstLine(err) }, "indexer step failed, retrying");
      }
      await sleep(config.pollIntervalMs, signal).catch(() => undefined);
    }
    return { indexedBlock: indexed, reconciled: lastReconcile > 0, matches: null };
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

  return { preflight, run, pool, fetcher, watch };
}

export { firstLine, isRetryable };
export { getCheckpoint };
