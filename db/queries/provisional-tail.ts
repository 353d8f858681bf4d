// The provisional tail: raw transfers above each chain's rolled-up block (not yet in the rollups).
// A join such as `left join cp ... where t.block_number > coalesce(cp.rolled_up_block, -1)` cannot
// use an index (the bound is another row's column), so the planner scans every transfer. Reading
// the bounds first, in the same snapshot, and writing one (chain_id, block_number) range per chain
// keeps each tail read on transfers_chain_block_idx: a few blocks, whatever the table's size.
// Each range is closed above by the chain's indexed block (no transfer lies beyond it: writeBatch
// moves the checkpoint with its rows). Open above, the planner judged `block_number > N` by the
// whole column's histogram: with two chains whose block numbers differ fourfold it expected 2.1M
// rows for an empty tail and scanned all 10M transfers (seconds per overview request at 10M);
// closed, it expects the few rows of (rolled, indexed] and reads the index (6.5 ms).
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { rowsOf } from "./sql-arrays";

/** `above` null: no checkpoint yet, the whole chain is tail. `upTo`: the chain's indexed block. */
export type TailRange = { chainId: number; above: bigint | null; upTo: bigint | null };

/**
 * Every chain registered or checkpointed, with its rolled-up block. Call inside the reading
 * transaction (repeatable read) so the bounds and the rollups are one snapshot.
 */
export async function readTailRanges(db: Db | Tx, chainId?: number): Promise<TailRange[]> {
  const rows = rowsOf<{ chain_id: number; above: string | null; up_to: string | null }>(
    await db.execute(sql`
      select c.chain_id, cp.rolled_up_block::text as above, cp.indexed_block::text as up_to
      from (select chain_id from chains union select chain_id from indexer_checkpoints) c
      left join indexer_checkpoints cp on cp.chain_id = c.chain_id
      where ${chainId === undefined ? sql`true` : sql`c.chain_id = ${chainId}`}
      order by c.chain_id`),
  );
  return rows.map((r) => ({
    chainId: Number(r.chain_id),
    above: r.above === null ? null : BigInt(r.above),
    upTo: r.up_to === null ? null : BigInt(r.up_to),
  }));
}

/** `(t.chain_id = 1 and t.block_number > 900) or (…)` over the transfers alias; false when empty. */
export function tailWhere(alias: string, ranges: readonly TailRange[]): SQL {
  if (ranges.length === 0) return sql`false`;
  const t = sql.raw(alias);
  const parts = ranges.map((r) =>
    r.above === null
      ? sql`${t}.chain_id = ${r.chainId}`
      : r.upTo === null
        ? sql`(${t}.chain_id = ${r.chainId} and ${t}.block_number > ${r.above.toString()}::bigint)`
        : sql`(${t}.chain_id = ${r.chainId} and ${t}.block_number > ${r.above.toString()}::bigint
            and ${t}.block_number <= ${r.upTo.toString()}::bigint)`,
  );
  return sql`(${sql.join(parts, sql` or `)})`;
}
