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

/**
 * `fn` in a read-only transaction that reads one address's slice of transfers through its address
 * index (`transfers_from_idx`/`transfers_to_idx`, address then time): no parallel workers, and
 * random page reads priced as the cached reads they are here (`random_page_cost` 1.1, the usual
 * setting for a database in memory or on SSD, against the default 4 for spinning disks). At the
 * default the planner judged ~1,400 scattered heap fetches dearer than the whole window of the
 * time index, and for the busiest hot wallet on usd1_large read 2 × 104k transfers of 28 days with
 * two workers to keep 2,775 (146 ms on three processes, against 55 ms on one).
 */
export async function addressSlice<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return serial(db, async (tx) => {
    await tx.execute(sql`set local random_page_cost = 1.1`);
    return fn(tx);
  });
}
