// Indexed supply at a block and its reconciliation against on-chain totalSupply().
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { supplyReconciliations } from "../schema";
import { rowsOf } from "./sql-arrays";

/** Σmint − Σburn up to and including `block`: rollups up to rolled_up_block plus raw rows above it. */
export async function getIndexedSupply(db: Db, p: { chainId: number; block: bigint }): Promise<bigint> {
  const res = await db.execute(sql`
    with cp as (select rolled_up_block from indexer_checkpoints where chain_id = ${p.chainId})
    select
      coalesce((select sum(minted - burned) from daily_supply where chain_id = ${p.chainId}), 0)
      + coalesce((select sum(case when kind = 'mint' then amount else -amount end)
          from transfers, cp
          where chain_id = ${p.chainId} and kind <> 'transfer'
            and block_number > cp.rolled_up_block and block_number <= ${p.block}), 0) as supply,
      (select rolled_up_block from cp) as rolled_up_block`);
  const [row] = rowsOf<{ supply: string; rolled_up_block: string }>(res);
  if (!row) throw new Error(`no checkpoint for chain ${p.chainId}`);
  if (BigInt(row.rolled_up_block) > p.block) {
    throw new Error(
      `cannot compute supply at ${p.block}: rollups already cover block ${row.rolled_up_block}`,
    );
  }
  return BigInt(row.supply);
}

export type InsertReconciliationParams = {
  chainId: number;
  blockNumber: bigint;
  indexedSupply: bigint;
  onchainSupply: bigint;
};

export async function insertReconciliation(db: Db, p: InsertReconciliationParams) {
  const difference = p.indexedSupply - p.onchainSupply;
  const [row] = await db
    .insert(supplyReconciliations)
    .values({ ...p, difference, matches: difference === 0n })
    .onConflictDoUpdate({
      target: [supplyReconciliations.chainId, supplyReconciliations.blockNumber],
      set: {
        indexedSupply: p.indexedSupply,
        onchainSupply: p.onchainSupply,
        difference,
        matches: difference === 0n,
        checkedAt: sql`now()`,
      },
    })
    .returning();
  return row;
}
