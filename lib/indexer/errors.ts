/**
 * Indexer error taxonomy: a retryable error (RPC hiccup, busy or lagging provider, dropped
 * connection, database connection) is retried with backoff; a fatal one (bad configuration, wrong
 * chain, contract without totalSupply) stops the process with a one-line message. Nothing a busy
 * provider says is fatal: how RPC errors are read is in rpc-errors.ts.
 */
export class FatalIndexerError extends Error {
  override name = "FatalIndexerError";
}

export class RetryableIndexerError extends Error {
  override name = "RetryableIndexerError";
}

/**
 * The provider refused the size of an eth_getLogs request: the log fetcher shrinks the range and
 * asks again. Retryable when it escapes elsewhere (a header batch too big for a small response cap).
 */
export class RangeTooLargeError extends RetryableIndexerError {
  override name = "RangeTooLargeError";
  /** Some providers suggest a range ("Try with this block range [0x.., 0x..]"). */
  readonly suggestedTo: bigint | undefined;
  /** When the response was too big by a known ratio: the share of the range that would fit. */
  readonly fitRatio: number | undefined;
  constructor(message: string, suggestedTo?: bigint, fitRatio?: number) {
    super(message);
    this.suggestedTo = suggestedTo;
    this.fitRatio = fitRatio;
  }
}

/**
 * A provider answered with something that is not the shape JSON-RPC promises (a hash that is not
 * 0x + 64 hex, a missing field): never written, asked again elsewhere.
 */
export class MalformedRpcDataError extends RetryableIndexerError {
  override name = "MalformedRpcDataError";
}

/**
 * A batch named a new governor whose logs the range was fetched without: the pipeline starts over
 * from the checkpoint with the governor in the address list (not a failure, so no backoff).
 */
export class WatchSetChangedError extends RetryableIndexerError {
  override name = "WatchSetChangedError";
}

/** Database connection drops and RPC trouble are worth another try; anything else is a bug or bad input. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof RetryableIndexerError) return true;
  if (err instanceof FatalIndexerError) return false;
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P01|08\d\d\d)$/.test(code);
}

export function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0] ?? msg;
}
