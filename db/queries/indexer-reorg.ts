// Reorg handling: the stored headers a tip check walks, and the rollback to a common ancestor.
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Hash } from "viem";
import type { Db } from "../client";
import { blocks, indexedRanges, indexerCheckpoints, tokenEvents, transfers } from "../schema";
import { withdrawAlertsAbove } from "./monitoring-alerts";
import { deleteSuppressedAbove } from "./monitoring-exemptions";
import { CheckpointConflictError } from "./indexer";

/** Stored headers above `above`, newest first: the provisional tail a reorg check walks. */
export async function listStoredHeaders(db: Db, p: { chainId: number; above: bigint; limit: number }) {
  return db
    .select({ number: blocks.number, hash: blocks.hash })
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), gt(blocks.number, p.above)))
    .orderBy(sql`${blocks.number} desc`)
    .limit(p.limit);
}

/** Newest stored header at or below `block` (the final boundary a node must agree with). */
export async function getNewestStoredHeaderAtOrBelow(db: Db, p: { chainId: number; block: bigint }) {
  const [b] = await db
    .select({ number: blocks.number, hash: blocks.hash })
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), lte(blocks.number, p.block)))
    .orderBy(sql`${blocks.number} desc`)
    .limit(1);
  return b;
}

export async function getStoredHeader(db: Db, p: { chainId: number; number: bigint }) {
  const [b] = await db
    .select()
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), eq(blocks.number, p.number)));
  return b;
}

/**
 * The stored rows of blocks (above, upTo] as `block:tx:logIndex` keys (transfers and token events),
 * and the stored headers there: what a second look at the provisional tail compares with the node.
 */
export async function listStoredLogKeys(db: Db, p: { chainId: number; above: bigint; upTo: bigint }) {
  const inRange = (col: typeof transfers.blockNumber | typeof tokenEvents.blockNumber) =>
    and(gt(col, p.above), lte(col, p.upTo));
  const t = await db
    .select({ b: transfers.blockNumber, tx: transfers.txHash, i: transfers.logIndex })
    .from(transfers)
    .where(and(eq(transfers.chainId, p.chainId), inRange(transfers.blockNumber)));
  const e = await db
    .select({ b: tokenEvents.blockNumber, tx: tokenEvents.txHash, i: tokenEvents.logIndex })
    .from(tokenEvents)
    .where(and(eq(tokenEvents.chainId, p.chainId), inRange(tokenEvents.blockNumber)));
  const headers = await db
    .select({ number: blocks.number, hash: blocks.hash })
    .from(blocks)
    .where(and(eq(blocks.chainId, p.chainId), gt(blocks.number, p.above), lte(blocks.number, p.upTo)));
  return { keys: [...t, ...e].map((r) => `${r.b}:${r.tx}:${r.i}`), headers };
}

export type RollbackParams = {
  chainId: number;
  ancestor: bigint;
  /** Null when the ancestor's hash is unknown (not stored, not read from the node). */
  ancestorHash: Hash | null;
  depth: number;
  /**
   * reorg: the node's chain changed (recorded as the last reorg). recheck: a second look before
   * the blocks became final found rows missing or extra (a provider answered wrong the first time).
   */
  reason?: "reorg" | "recheck";
};

/**
 * Drops everything above the common ancestor after a reorg. Rollups never cover provisional
 * blocks, so only raw rows go; the caller has refused any ancestor below the rolled-up block.
 */
export async function rollbackToBlock(db: Db, p: RollbackParams): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select()
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, p.chainId))
      .for("update");
    if (!cp) throw new CheckpointConflictError(`no checkpoint for chain ${p.chainId}`);
    if (p.ancestor < cp.rolledUpBlock) {
      throw new CheckpointConflictError(
        `refusing rollback of chain ${p.chainId} to ${p.ancestor}: blocks up to ${cp.rolledUpBlock} are final`,
      );
    }
    const above = (
      col: typeof transfers.blockNumber | typeof tokenEvents.blockNumber | typeof blocks.number,
    ) => gt(col, p.ancestor);
    await tx.delete(transfers).where(and(eq(transfers.chainId, p.chainId), above(transfers.blockNumber)));
    await tx
      .delete(tokenEvents)
      .where(and(eq(tokenEvents.chainId, p.chainId), above(tokenEvents.blockNumber)));
    await tx.delete(blocks).where(and(eq(blocks.chainId, p.chainId), above(blocks.number)));
    await tx
      .delete(indexedRanges)
      .where(and(eq(indexedRanges.chainId, p.chainId), gt(indexedRanges.fromBlock, p.ancestor)));
    await tx
      .update(indexedRanges)
      .set({ toBlock: p.ancestor })
      .where(and(eq(indexedRanges.chainId, p.chainId), gt(indexedRanges.toBlock, p.ancestor)));
    const reason = p.reason ?? "reorg";
    await tx
      .update(indexerCheckpoints)
      .set({
        indexedBlock: p.ancestor,
        indexedBlockHash: p.ancestorHash,
        ...(reason === "reorg" ? { lastReorgAt: sql`now()`, lastReorgDepth: p.depth } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, p.chainId));
    // Alerts resting on the dropped blocks are withdrawn (visibly), not deleted; the monitor
    // reinstates those whose evidence is indexed again.
    await withdrawAlertsAbove(tx, { chainId: p.chainId, ancestor: p.ancestor, reason });
    // Suppressed-hit counts are derived data: those above the ancestor are counted again.
    await deleteSuppressedAbove(tx, { chainId: p.chainId, ancestor: p.ancestor });
  });
}
