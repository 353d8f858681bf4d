import type { DbHandle } from "@/db/client";
import { FatalIndexerError } from "./errors";

/** Advisory-lock namespace ("USD1" in ASCII); the second key is the chain id. */
const LOCK_NAMESPACE = 0x55534431;

/**
 * Holds a session-level Postgres advisory lock on a dedicated connection for the life of the
 * process, so two indexers never write the same chain. PGlite is single-process: its data
 * folder lock (db/client.ts) already guarantees one writer.
 */
export async function acquireChainLock(
  handle: DbHandle,
  chainId: number,
  waitMs = 10_000,
): Promise<() => Promise<void>> {
  if (!handle.pool) return async () => {};
  const client = await handle.pool.connect();
  try {
    // A predecessor killed with SIGKILL holds the lock until its backend notices the dead
    // socket, usually within moments: wait a little before calling it a second indexer.
    const deadline = Date.now() + waitMs;
    for (;;) {
      const res = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, $2) as ok", [
        LOCK_NAMESPACE,
        chainId,
      ]);
      if (res.rows[0]?.ok) break;
      if (Date.now() > deadline) {
        throw new FatalIndexerError(
          `another indexer is already writing chain ${chainId} (advisory lock held)`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    client.release();
    throw err;
  }
  return async () => {
    try {
      await client.query("select pg_advisory_unlock($1, $2)", [LOCK_NAMESPACE, chainId]);
    } finally {
      client.release();
    }
  };
}
