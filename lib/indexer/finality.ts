import type { Logger } from "@/lib/logger";
import { firstLine } from "./errors";
import { fetchHeader } from "./headers";
import type { RpcPool } from "./rpc";

/** What one step knows about the chain: its head, the finalized block, where block checks start. */
export type ChainView = { head: bigint; finalized: bigint; verifyFrom: bigint };

/**
 * The finalized block, from `--confirmations` or the node's `finalized` tag. When the tag fails
 * transiently the last finalized block we were told stands (finality never moves back), not a
 * guess like head − 12; before the first answer nothing new becomes final. A lower answer from a
 * lagging node does not move it back either.
 */
export function createFinality(o: {
  pool: RpcPool;
  log: Logger;
  confirmations: number | undefined;
  /** Blocks this close to the head are checked one by one even when final (head-check.ts). */
  verifyDepth: number;
}) {
  let known: bigint | undefined;
  let failing = false;

  /** The finalized block, or undefined while the node has never told us. */
  async function finalized(head: bigint, rolledUp: bigint): Promise<bigint | undefined> {
    if (o.confirmations !== undefined) {
      const c = BigInt(o.confirmations);
      return head > c ? head - c : 0n;
    }
    try {
      const f = await fetchHeader(o.pool, "finalized", 3);
      if (known === undefined || f.number > known) known = f.number;
      failing = false;
    } catch (err) {
      if (!failing) {
        o.log.warn(
          { err: firstLine(err), keeping: (known ?? rolledUp).toString() },
          "cannot read the finalized block: keeping the last one known",
        );
      }
      failing = true;
    }
    return known;
  }

  async function view(head: bigint, rolledUp: bigint): Promise<ChainView> {
    const f = await finalized(head, rolledUp);
    const deep = head - BigInt(o.verifyDepth);
    // Unknown finality checks the usual window (not the whole backfill) and rolls nothing up.
    const verifyFrom = (f !== undefined && f < deep ? f : deep) + 1n;
    return { head, finalized: f ?? rolledUp, verifyFrom: verifyFrom > 0n ? verifyFrom : 0n };
  }

  return { view };
}
