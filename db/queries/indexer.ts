// A chain's registration and checkpoint: first run and resume, the finalized boundary moving on
// without new logs, and RPC error counts. Batches: indexer-batch.ts; reorgs: indexer-reorg.ts.
import { eq, sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../client";
import { chains, indexerCheckpoints } from "../schema";
import { advanceRollups } from "./rollups";

export type EnsureChainParams = {
  chainId: number;
  name: string;
  tokenAddress: Address;
  startBlock: bigint;
  confirmations: number;
};

export type Checkpoint = typeof indexerCheckpoints.$inferSelect;

/**
 * Registers a chain and its checkpoint on first run; on later runs checks that the settings
 * still describe the same deployment and returns the stored checkpoint (resume point).
 */
export async function ensureChain(db: Db, p: EnsureChainParams): Promise<Checkpoint> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(chains).where(eq(chains.chainId, p.chainId)).for("update");
    if (existing) {
      if (existing.tokenAddress !== p.tokenAddress) {
        throw new ChainConfigError(
          `chain ${p.chainId} is already indexed for token ${existing.tokenAddress}, not ${p.tokenAddress}`,
        );
      }
      if (p.startBlock < existing.startBlock) {
        throw new ChainConfigError(
          `chain ${p.chainId} was indexed from block ${existing.startBlock}; --from-block ${p.startBlock} is earlier (use a fresh database)`,
        );
      }
      if (existing.confirmations !== p.confirmations || existing.name !== p.name) {
        await tx
          .update(chains)
          .set({ confirmations: p.confirmations, name: p.name })
          .where(eq(chains.chainId, p.chainId));
      }
    } else {
      await tx.insert(chains).values({
        chainId: p.chainId,
        name: p.name,
        tokenAddress: p.tokenAddress,
        startBlock: p.startBlock,
        confirmations: p.confirmations,
      });
      await tx.insert(indexerCheckpoints).values({
        chainId: p.chainId,
        indexedBlock: p.startBlock - 1n,
        rolledUpBlock: p.startBlock - 1n,
      });
    }
    const [cp] = await tx.select().from(indexerCheckpoints).where(eq(indexerCheckpoints.chainId, p.chainId));
    if (!cp) throw new ChainConfigError(`checkpoint for chain ${p.chainId} is missing`);
    return cp;
  });
}

export class ChainConfigError extends Error {
  override name = "ChainConfigError";
}

export class CheckpointConflictError extends Error {
  override name = "CheckpointConflictError";
}

/** How transfers are bulk-loaded: COPY on Postgres (measured fastest), unnest on PGlite. */
export type AdvanceCheckpointParams = {
  chainId: number;
  headBlock: bigint;
  finalizedBlock: bigint;
  rpcErrorsDelta: number;
};

/** Follow mode with no new logs: rolls finalized blocks into the rollups and records the head. */
export async function advanceFinalized(db: Db, p: AdvanceCheckpointParams): Promise<void> {
  await db.transaction(async (tx) => {
    const [cp] = await tx
      .select()
      .from(indexerCheckpoints)
      .where(eq(indexerCheckpoints.chainId, p.chainId))
      .for("update");
    if (!cp) throw new CheckpointConflictError(`no checkpoint for chain ${p.chainId}`);
    const target = p.finalizedBlock < cp.indexedBlock ? p.finalizedBlock : cp.indexedBlock;
    if (target > cp.rolledUpBlock)
      await advanceRollups(tx, { chainId: p.chainId, from: cp.rolledUpBlock, to: target });
    await tx
      .update(indexerCheckpoints)
      .set({
        rolledUpBlock: target > cp.rolledUpBlock ? target : cp.rolledUpBlock,
        headBlock: p.headBlock,
        finalizedBlock: p.finalizedBlock,
        headSeenAt: sql`now()`,
        rpcErrors: sql`${indexerCheckpoints.rpcErrors} + ${p.rpcErrorsDelta}`,
        updatedAt: sql`now()`,
      })
      .where(eq(indexerCheckpoints.chainId, p.chainId));
  });
}

export async function getCheckpoint(db: Db, chainId: number): Promise<Checkpoint | undefined> {
  const [cp] = await db.select().from(indexerCheckpoints).where(eq(indexerCheckpoints.chainId, chainId));
  return cp;
}

export async function recordRpcErrors(db: Db, p: { chainId: number; rpcErrorsDelta: number }): Promise<void> {
  await db
    .update(indexerCheckpoints)
    .set({ rpcErrors: sql`${indexerCheckpoints.rpcErrors} + ${p.rpcErrorsDelta}` })
    .where(eq(indexerCheckpoints.chainId, p.chainId));
}
