// The market follower as `npm run indexer` runs it beside the token's indexer (issue #17): the
// chain's configured reserve sources and peg pools (rows of reserve_sources and peg_pools, as the
// demo seeds them in lib/demo/market/seed.ts), with the market monitor (R13, R14) kicked after
// every step that stored or rolled back rows, as the demo does (lib/demo/run-demo.ts). Following,
// it is also kicked when the native supply R13 compares with moves (a token indexer committed a
// batch): the follower is usually ahead of the token's indexer, so a report is first judged
// against a supply still missing its mints, and nothing else would judge it again.
import type { Db } from "@/db/client";
import { nativeSupplyStamp } from "@/db/queries/market-monitor";
import type { Logger } from "@/lib/logger";
import { createMarketMonitorRunner } from "@/lib/monitoring/market/runner";
import { firstLine, isRetryable } from "../errors";
import { RpcPool, sleep } from "../rpc";
import { createMarketFollower, type MarketStepResult } from "./follower";

export type MarketRunParams = {
  rpcUrls: string[];
  chainId: number;
  /** Follow the head until `signal` aborts; else one pass, up to toBlock or the head. */
  follow: boolean;
  toBlock?: bigint | undefined;
  pollIntervalMs: number;
  /** The follower's defaults when absent. */
  verifyDepth?: number | undefined;
  initialSpan?: bigint | undefined;
  maxSpan?: bigint | undefined;
  log: Logger;
  signal: AbortSignal;
};

/** One pass: the last step's result; following: null once `signal` aborts. */
export async function runMarketFollower(db: Db, p: MarketRunParams): Promise<MarketStepResult | null> {
  const log = p.log.child({ market: true });
  const pool = new RpcPool({ urls: p.rpcUrls, logger: log, signal: p.signal });
  const monitor = createMarketMonitorRunner({ log });
  const follower = createMarketFollower({
    pool,
    chainId: p.chainId,
    log,
    ...(p.verifyDepth !== undefined ? { verifyDepth: p.verifyDepth } : {}),
    ...(p.initialSpan !== undefined ? { initialSpan: p.initialSpan } : {}),
    ...(p.maxSpan !== undefined ? { maxSpan: p.maxSpan } : {}),
    ...(p.toBlock !== undefined ? { toBlock: p.toBlock } : {}),
    onChange: monitor.kick,
  });
  try {
    if (p.follow) {
      await Promise.all([
        follower.follow(db, { signal: p.signal, pollIntervalMs: p.pollIntervalMs }),
        watchSupply(db, () => monitor.kick(db), p),
      ]);
      return null;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await follower.step(db);
        log.info(
          { targets: r.targets, rows: r.rows, reorgs: r.reorgs, head: r.head.toString() },
          "market follower done",
        );
        return r;
      } catch (err) {
        if (!isRetryable(err) || attempt >= 5 || p.signal.aborted) throw err;
        log.warn({ attempt, err: firstLine(err) }, "market step failed, retrying");
        await sleep(500 * attempt, p.signal);
      }
    }
  } finally {
    await monitor.drain();
  }
}

/** Kicks when the native supply's stamp changes, polling until `signal` aborts; errors are retried. */
async function watchSupply(db: Db, kick: () => void, p: MarketRunParams): Promise<void> {
  let last: string | undefined;
  while (!p.signal.aborted) {
    try {
      const stamp = await nativeSupplyStamp(db);
      if (last !== undefined && stamp !== last) kick();
      last = stamp;
    } catch (err) {
      if (p.signal.aborted) break;
      p.log.warn({ err: firstLine(err) }, "native supply check failed, retrying");
    }
    await sleep(p.pollIntervalMs, p.signal).catch(() => undefined);
  }
}
