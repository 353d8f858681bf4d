import type { Db } from "@/db/client";
import { getCheckpoint, listStoredHeaders, rollbackToBlock } from "@/db/queries/indexer";
import type { Logger } from "@/lib/logger";
import { RetryableIndexerError } from "./errors";
import { fetchHeader, fetchHeaders } from "./headers";
import type { RpcPool } from "./rpc";

export type ReorgCheck = { reorged: false } | { reorged: true; ancestor: bigint; depth: number };

/**
 * Compares our stored provisional headers with the node's chain. On a mismatch, rolls the
 * database back to the newest stored block the node still agrees with. A node that disagrees
 * with a rolled-up (final) block is lagging or on another fork: we refuse it and move to the
 * next RPC rather than unpick final data.
 */
export async function checkForReorg(p: { db: Db; pool: RpcPool; chainId: number; head: bigint; log: Logger }): Promise<ReorgCheck> {
  const cp = await getCheckpoint(p.db, p.chainId);
  if (!cp || cp.indexedBlock <= cp.rolledUpBlock) return { reorged: false };
  if (p.head < cp.rolledUpBlock) {
    p.pool.rotate();
    throw new RetryableIndexerError(`node head ${p.head} is below final block ${cp.rolledUpBlock}: lagging node, trying another RPC`);
  }
  const stored = await listStoredHeaders(p.db, { chainId: p.chainId, above: cp.rolledUpBlock - 1n, limit: 50_000 });
  const [tip] = stored;
  if (!tip) return { reorged: false };
  if (tip.number <= p.head) {
    const now = await fetchHeader(p.pool, tip.number);
    if (now.hash === tip.hash) return { reorged: false };
  }
  const onChain = await fetchHeaders(
    p.pool,
    stored.filter((s) => s.number <= p.head).map((s) => s.number),
  );
  let ancestor: bigint | undefined;
  for (const s of stored) {
    if (onChain.get(s.number)?.hash === s.hash) {
      ancestor = s.number;
      break;
    }
    if (s.number <= cp.rolledUpBlock) {
      p.pool.rotate();
      throw new RetryableIndexerError(
        `node disagrees with final block ${s.number}: lagging or forked node, trying another RPC`,
      );
    }
  }
  const commonAncestor = ancestor ?? cp.rolledUpBlock;
  const depth = Number(cp.indexedBlock - commonAncestor);
  p.log.warn({ chainId: p.chainId, ancestor: commonAncestor.toString(), depth, indexed: cp.indexedBlock.toString() }, "reorg detected, rolling back");
  await rollbackToBlock(p.db, { chainId: p.chainId, ancestor: commonAncestor, depth });
  return { reorged: true, ancestor: commonAncestor, depth };
}
