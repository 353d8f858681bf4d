import { numberToHex, type Address, type Hash, type Hex } from "viem";
import { RangeTooLargeError, RetryableIndexerError } from "./errors";
import type { RpcPool } from "./rpc";
import { checkLogs } from "./rpc-shapes";
import type { RpcLog } from "./types";

export type LogFetcherOptions = {
  pool: RpcPool;
  /** The token and its watched governors: one call covers them all (see `addresses`). */
  addresses: readonly Address[];
  topics: readonly Hex[];
  initialSpan?: bigint;
  maxSpan?: bigint;
  /** Aim for about this many logs per response; larger responses shrink the next range. */
  targetLogs?: number;
  /**
   * The most logs a provider returns in one answer. Some cut an answer at their cap without an
   * error, so an answer of `logCap` or more logs is suspect and the range is asked again, smaller.
   */
  logCap?: number;
};

export type LogChunk = { fromBlock: bigint; toBlock: bigint; logs: RpcLog[] };

/**
 * eth_getLogs over adaptive block ranges. The range shrinks when the provider refuses it (too
 * many results, range too wide, response too big; taking the provider's suggested range when it
 * gives one) or answers with as many logs as its cap (maybe truncated), and grows again while
 * responses stay small. It never skips a block: the caller advances only past what a chunk returned.
 */
export class LogFetcher {
  span: bigint;
  readonly maxSpan: bigint;
  readonly targetLogs: number;
  readonly logCap: number;
  shrinks = 0;
  /** Answers of `logCap` or more logs, asked again as smaller ranges. */
  suspectCaps = 0;
  /**
   * Mutable: a governor found while indexing joins the list. Every range is asked for all of them
   * in one eth_getLogs, so a governor's logs always arrive in the same response (and the same
   * batch transaction) as the token logs of their transaction.
   */
  addresses: readonly Address[];
  private readonly o: LogFetcherOptions;

  constructor(o: LogFetcherOptions) {
    this.o = o;
    this.addresses = o.addresses;
    this.span = o.initialSpan ?? 2_000n;
    this.maxSpan = o.maxSpan ?? 500_000n;
    this.logCap = o.logCap ?? 10_000;
    // Aiming at the cap would make every full answer suspect.
    this.targetLogs = Math.max(1, Math.min(o.targetLogs ?? 5_000, Math.floor(this.logCap / 2)));
  }

  private filter(): { address: Address[]; topics: Hex[][] } {
    return { address: [...this.addresses], topics: [this.o.topics as Hex[]] };
  }

  /**
   * The logs of one block by its hash (EIP-234): a node that has not imported that block must
   * refuse (geth, erigon, reth and anvil answer "unknown block"), where a range query answers [].
   */
  async fetchBlock(blockHash: Hash): Promise<RpcLog[]> {
    return this.o.pool.requestChecked("eth_getLogs", [{ ...this.filter(), blockHash }], checkLogs);
  }

  async fetch(fromBlock: bigint, limit: bigint): Promise<LogChunk> {
    for (;;) {
      const toBlock = min(limit, fromBlock + this.span - 1n);
      const width = toBlock - fromBlock + 1n;
      let logs: RpcLog[];
      try {
        logs = await this.o.pool.requestChecked(
          "eth_getLogs",
          [{ ...this.filter(), fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) }],
          checkLogs,
        );
      } catch (err) {
        if (!(err instanceof RangeTooLargeError)) throw err;
        this.shrinks++;
        this.span = this.shrunk(fromBlock, toBlock, err);
        continue;
      }
      if (logs.length >= this.logCap) {
        this.suspectCaps++;
        if (width === 1n) {
          // A block cannot hold that many of our logs (gas limits): truncated, or a provider we can't use.
          this.o.pool.rotate();
          throw new RetryableIndexerError(
            `eth_getLogs for block ${fromBlock} returned ${logs.length} logs, the provider's cap: trying another RPC`,
          );
        }
        this.span = max(1n, min(width / 2n, (width * BigInt(this.targetLogs)) / BigInt(logs.length)));
        continue;
      }
      this.adapt(logs.length, width);
      return { fromBlock, toBlock, logs };
    }
  }

  private shrunk(fromBlock: bigint, toBlock: bigint, err: RangeTooLargeError): bigint {
    const width = toBlock - fromBlock + 1n;
    if (width === 1n) {
      // Not fatal: another RPC (or this one, less busy) may answer a single block.
      this.o.pool.rotate();
      throw new RetryableIndexerError(
        `provider refuses eth_getLogs even for block ${fromBlock}: ${err.message}`,
      );
    }
    const suggested =
      err.suggestedTo !== undefined && err.suggestedTo >= fromBlock && err.suggestedTo < toBlock
        ? err.suggestedTo - fromBlock + 1n
        : undefined;
    const fitted =
      err.fitRatio !== undefined ? BigInt(Math.floor(Number(width) * err.fitRatio * 0.8)) : undefined;
    return suggested ?? max(1n, fitted !== undefined && fitted < width ? fitted : width / 2n);
  }

  private adapt(logCount: number, width: bigint): void {
    if (logCount > this.targetLogs) {
      const scaled = (width * BigInt(this.targetLogs)) / BigInt(logCount);
      this.span = max(1n, scaled);
    } else if (logCount < this.targetLogs / 2 && width >= this.span) {
      this.span = min(this.maxSpan, this.span * 2n);
    }
  }
}

export const min = (a: bigint, b: bigint) => (a < b ? a : b);
export const max = (a: bigint, b: bigint) => (a > b ? a : b);
