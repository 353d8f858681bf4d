import type { Address } from "viem";
import type { Db } from "@/db/client";
import { getChainStartBlock, listWatchedGovernors } from "@/db/queries/indexer-governors";
import type { Logger } from "@/lib/logger";
import { GOVERNOR_TOPICS, ZERO_ADDRESS, erc20ReadAbi } from "./abi";
import { FatalIndexerError, RetryableIndexerError } from "./errors";
import { LogFetcher, type LogFetcherOptions } from "./log-fetcher";
import type { RpcPool } from "./rpc";
import type { NewGovernor, RpcLog, TokenEventRow } from "./types";
import type { WatchSet } from "./watch-set";

export type GovernorTrackerOptions = {
  pool: RpcPool;
  chainId: number;
  watch: WatchSet;
  log: Logger;
  /** Range sizing for reading a new governor's history (the main fetcher's settings). */
  fetcher: Pick<LogFetcherOptions, "initialSpan" | "maxSpan" | "targetLogs">;
};

export type GovernorTracker = ReturnType<typeof createGovernorTracker>;

/**
 * Keeps the watch set on the token's owner(s) (DOMAIN.md §1b): on a real chain every token-level
 * admin event names the governor as caller, and only the governor's own events say who acted and
 * whether a mint or burn was issuance or bridge.
 */
export function createGovernorTracker(o: GovernorTrackerOptions) {
  const { pool, watch, log } = o;
  let startBlock: bigint | undefined;

  async function isContract(address: Address): Promise<boolean> {
    const code = await pool.call("getCode", (c) => c.getCode({ address }));
    return code !== undefined && code !== "0x";
  }

  /** owner() at `block`; undefined when the token has none (not Ownable) or renounced it. */
  async function readOwner(block: bigint): Promise<Address | undefined> {
    try {
      const owner = await pool.call("owner", (c) =>
        c.readContract({
          address: watch.token,
          abi: erc20ReadAbi,
          functionName: "owner",
          blockNumber: block,
        }),
      );
      const a = owner.toLowerCase() as Address;
      return a === ZERO_ADDRESS ? undefined : a;
    } catch (err) {
      if (err instanceof RetryableIndexerError) throw err;
      log.warn(
        { token: watch.token },
        "token has no owner(): watching no governor unless --governor is given",
      );
      return undefined;
    }
  }

  /**
   * The watch set at start: governors stored by earlier runs (their history is in the database),
   * then --governor and the token's owner at the head, whose history the first batch will carry.
   */
  async function init(db: Db, p: { head: bigint; configured?: Address | undefined }): Promise<void> {
    startBlock = await getChainStartBlock(db, o.chainId);
    if (startBlock === undefined) throw new FatalIndexerError(`chain ${o.chainId} is not registered`);
    for (const g of await listWatchedGovernors(db, o.chainId)) watch.addCovered(g.address);
    if (p.configured) watch.addPending({ address: p.configured, source: "configured", sinceBlock: p.head });
    const owner = await readOwner(p.head);
    if (owner && !watch.has(owner)) {
      if (await isContract(owner)) {
        watch.addPending({ address: owner, source: "owner_at_start", sinceBlock: p.head });
      } else {
        watch.notContracts.add(owner);
        log.info({ owner }, "token owner is not a contract (an EOA emits no logs): no governor to watch");
      }
    }
    log.info({ governors: [...watch.governors] }, "watching the token and its governors");
  }

  /**
   * Adds every contract a token OwnershipTransferred names (new owner, and previous owner when the
   * indexing started after it took over) that is not watched yet. True when one was added: the
   * range was fetched without its logs and must be fetched again.
   */
  async function follow(events: readonly TokenEventRow[]): Promise<boolean> {
    let added = false;
    for (const e of events) {
      if (e.kind !== "ownership_transferred" || e.emitter !== watch.token) continue;
      for (const a of [e.subject, e.counterparty]) {
        if (!a || a === ZERO_ADDRESS || watch.has(a) || watch.notContracts.has(a)) continue;
        if (!(await isContract(a))) {
          watch.notContracts.add(a);
          log.info(
            { owner: a, block: e.blockNumber.toString() },
            "token owner is not a contract: not watched",
          );
          continue;
        }
        watch.addPending({ address: a, source: "ownership_transferred", sinceBlock: e.blockNumber });
        log.info(
          { governor: a, block: e.blockNumber.toString() },
          "token owner changed: watching its governor",
        );
        added = true;
      }
    }
    return added;
  }

  /** Governor events of `governors` from the chain's start block through `toBlock`. */
  async function history(governors: readonly NewGovernor[], toBlock: bigint): Promise<RpcLog[]> {
    if (governors.length === 0 || startBlock === undefined || toBlock < startBlock) return [];
    const fetcher = new LogFetcher({
      ...o.fetcher,
      pool,
      addresses: governors.map((g) => g.address),
      topics: GOVERNOR_TOPICS,
    });
    const logs: RpcLog[] = [];
    for (let next = startBlock; next <= toBlock;) {
      const chunk = await fetcher.fetch(next, toBlock);
      for (const l of chunk.logs) logs.push(l);
      next = chunk.toBlock + 1n;
    }
    log.info(
      {
        governors: governors.map((g) => g.address),
        from: startBlock.toString(),
        to: toBlock.toString(),
        logs: logs.length,
      },
      "read the earlier events of newly watched governors",
    );
    return logs;
  }

  return { init, follow, history, isContract };
}
