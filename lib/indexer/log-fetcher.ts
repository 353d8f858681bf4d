import { numberToHex, type Address, type Hex } from "viem";
import { FatalIndexerError, RangeTooLargeError } from "./errors";
import type { RpcPool } from "./rpc";
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
};

export type LogChunk = { fromBlock: bigint; toBlock: bigint; logs: RpcLog[] };

/**
 * eth_getLogs over adaptive block ranges. The range shrinks when the provider refuses it (too
 * many results, range too wide, response too big; taking the provider's suggested range when it
 * gives one) and grows again while responses stay small. It never skips a block: the caller
 * advances only past what a chunk returned.
 */
export class LogFetcher {
  span: bigint;
  readonly maxSpan: bigint;
  readonly targetLogs: number;
  shrinks = 0;
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
    this.targetLogs = o.targetLogs ?? 10_000;
  }

  async fetch(fromBlock: bigint, limit: bigint): Promise<LogChunk> {
    for (;;) {
      const toBlock = min(limit, fromBlock + this.span - 1n);
      try {
        const logs = await this.o.pool.request<RpcLog[]>("eth_getLogs", [
          {
            address: [...this.addresses],
            topics: [this.o.topics as Hex[]],
            fromBlock: numberToHex(fromBlock),
            toBlock: numberToHex(toBlock),
          },
        ]);
        this.adapt(logs.length, toBlock - fromBlock + 1n);
        return { fromBlock, toBlock, logs };
      } catch (err) {
        if (!(err instanceof RangeTooLargeError)) throw err;
        this.shrinks++;
        const width = toBlock - fromBlock + 1n;
        if (width === 1n) {
          throw new FatalIndexerError(
            `provider refuses eth_getLogs even for block ${fromBlock}: ${err.message}`,
          );
        }
        const suggested =
          err.suggestedTo !== undefined && err.suggestedTo >= fromBlock && err.suggestedTo < toBlock
            ? err.suggestedTo - fromBlock + 1n
            : undefined;
        const fitted =
          err.fitRatio !== undefined ? BigInt(Math.floor(Number(width) * err.fitRatio * 0.8)) : undefined;
        this.span = suggested ?? max(1n, fitted !== undefined && fitted < width ? fitted : width / 2n);
      }
    }
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
