import type { Logger } from "@/lib/logger";
import { firstLine, isRetryable } from "./errors";
import { sleep } from "./rpc";

export type FollowLoopParams = {
  /** One pass (tail check, second look, indexing, rollups); returns the block it indexed to. */
  step: () => Promise<{ target: bigint }>;
  reconcile: () => Promise<unknown>;
  pollIntervalMs: number;
  reconcileEveryMs: number;
  stallWarnMs: number;
  log: Logger;
  signal: AbortSignal;
};

/**
 * Follows the head until `signal` aborts. Whatever a provider does (rate limits, lagging nodes,
 * refused ranges, malformed answers) surfaces as a retryable error: it is logged and the next
 * poll tries again. Only a bug or a database that refuses our writes ends the loop.
 */
export async function followHead(
  p: FollowLoopParams,
): Promise<{ indexedBlock: bigint; reconciled: boolean }> {
  let lastReconcile = 0;
  let lastHead = -1n;
  let headChangedAt = Date.now();
  let stallWarned = false;
  let indexed = 0n;
  while (!p.signal.aborted) {
    try {
      const { target } = await p.step();
      indexed = target;
      if (target !== lastHead) {
        lastHead = target;
        headChangedAt = Date.now();
        stallWarned = false;
      } else if (!stallWarned && Date.now() - headChangedAt > p.stallWarnMs) {
        stallWarned = true;
        p.log.warn(
          { head: target.toString(), sinceMs: Date.now() - headChangedAt },
          "chain head has stopped moving",
        );
      }
      if (Date.now() - lastReconcile > p.reconcileEveryMs) {
        lastReconcile = Date.now();
        await p.reconcile();
      }
    } catch (err) {
      if (p.signal.aborted) break;
      if (!isRetryable(err)) throw err;
      p.log.warn({ err: firstLine(err) }, "indexer step failed, retrying");
    }
    await sleep(p.pollIntervalMs, p.signal).catch(() => undefined);
  }
  return { indexedBlock: indexed, reconciled: lastReconcile > 0 };
}
