// The governor contracts an indexer watches beside its token (DOMAIN.md §1b): read at start, and
// recorded in the batch transaction that first holds their events.
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { chains, watchedGovernors } from "../schema";
import type { NewGovernor } from "@/lib/indexer/types";

export async function listWatchedGovernors(db: Db, chainId: number): Promise<NewGovernor[]> {
  return db
    .select({
      address: watchedGovernors.address,
      source: watchedGovernors.source,
      sinceBlock: watchedGovernors.sinceBlock,
    })
    .from(watchedGovernors)
    .where(eq(watchedGovernors.chainId, chainId))
    .orderBy(watchedGovernors.sinceBlock, watchedGovernors.address);
}

/**
 * Idempotent: a batch written again after a lost commit acknowledgement, or a governor found a
 * second way (owner at start, then named by an OwnershipTransferred), keeps the first row.
 */
export async function insertWatchedGovernors(
  tx: Db,
  p: { chainId: number; governors: readonly NewGovernor[] },
): Promise<void> {
  if (p.governors.length === 0) return;
  await tx
    .insert(watchedGovernors)
    .values(p.governors.map((g) => ({ chainId: p.chainId, ...g })))
    .onConflictDoNothing();
}

/** The block a chain's indexing started at: a newly watched governor's history is read from there. */
export async function getChainStartBlock(db: Db, chainId: number): Promise<bigint | undefined> {
  const [row] = await db
    .select({ startBlock: chains.startBlock })
    .from(chains)
    .where(eq(chains.chainId, chainId));
  return row?.startBlock;
}
