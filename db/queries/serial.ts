// Reads that stop after a bounded number of rows run without parallel workers. Under a Limit that
// stops after a few thousand rows, the Gather's start-up and each worker's hash tables over the
// registry cost more than the scan (10M seed: a country count 230 ms with two workers, 13 ms
// without), and a view serves many requests at once, which parallel plans only slow down.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";

/** No parallel workers for the rest of the transaction `tx`. */
export async function withoutParallelWorkers(tx: Tx): Promise<void> {
  await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
}

/** `fn` in a read-only transaction without parallel workers (a page or a capped count). */
export async function serial<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await withoutParallelWorkers(tx);
      return fn(tx);
    },
    { accessMode: "read only" },
  );
}
