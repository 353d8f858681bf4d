import type { Db } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import {
  getNewestStoredHeaderAtOrBelow,
  listStoredHeaders,
  rollbackToBlock,
} from "@/db/queries/indexer-reorg";
import type { Logger } from "@/lib/logger";
import { RetryableIndexerError } from "./errors";
import { fetchHeader, fetchHeaders } from "./headers";
import type { RpcPool } from "./rpc";

export type ReorgCheck = { reorged: false } | { reorged: true; ancestor: bigint; depth: number };

/**
 * Compares our provisional tail with the node's chain, before every run or poll extends it or
 * rolls it up. The tip hash decides cheaply (a hash commits to every ancestor, and every stored
 * provisional block was linked to the tip by parent hashes when it was indexed); on a mismatch we
 * walk our stored headers down to the newest one the node still has, and roll the database back to
 * it. A node whose head is below our indexed block is behind us, not on another chain: we refuse
 * it and move to the next RPC rather than roll back to it. So is a node that disagrees with a
 * rolled-up (final) block: we never unpick final data.
 */
export async function checkForReorg(p: {
  db: Db;
  pool: RpcPool;
  chainId: number;
  head: bigint;
  log: Logger;
}): Promise<ReorgCheck> {
  const cp = await getCheckpoint(p.db, p.chainId);
  if (!cp || cp.indexedBlock <= cp.rolledUpBlock) return { reorged: false };
  if (p.head < cp.indexedBlock) {
    p.pool.rotate();
    throw new RetryableIndexerError(
      `node head ${p.head} is below our indexed block ${cp.indexedBlock}: lagging node, trying another RPC`,
    );
  }
  if (cp.indexedBlockHash) {
    const now = await fetchHeader(p.pool, cp.indexedBlock);
    if (now.hash === cp.indexedBlockHash) return { reorged: false };
  }
  const stored = await listStoredHeaders(p.db, {
    chainId: p.chainId,
    above: cp.rolledUpBlock,
    limit: 100_000,
  });
  const onChain = await fetchHeaders(
    p.pool,
    stored.map((s) => s.number),
  );
  const match = stored.find((s) => onChain.get(s.number)?.hash === s.hash);
  if (!match) {
    const final = await getNewestStoredHeaderAtOrBelow(p.db, { chainId: p.chainId, block: cp.rolledUpBlock });
    if (final && (await fetchHeader(p.pool, final.number)).hash !== final.hash) {
      p.pool.rotate();
      throw new RetryableIndexerError(
        `node disagrees with final block ${final.number}: lagging or forked node, trying another RPC`,
      );
    }
  }
  const ancestor = match?.number ?? cp.rolledUpBlock;
  const depth = Number(cp.indexedBlock - ancestor);
  p.log.warn(
    { chainId: p.chainId, ancestor: ancestor.toString(), depth, indexed: cp.indexedBlock.toString() },
    "reorg detected, rolling back to the common ancestor",
  );
  // The ancestor's hash becomes the tip the next batch must descend from.
  const ancestorHash = match?.hash ?? (ancestor >= 0n ? (await fetchHeader(p.pool, ancestor)).hash : null);
  await rollbackToBlock(p.db, { chainId: p.chainId, ancestor, ancestorHash, depth });
  return { reorged: true, ancestor, depth };
}
