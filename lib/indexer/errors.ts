/**
 * Indexer error taxonomy: a retryable error (RPC hiccup, dropped connection, database
 * connection) is retried with backoff; a fatal one (bad configuration, wrong chain, contract
 * without totalSupply, refused reorg with no other RPC) stops the process with a one-line message.
 */
export class FatalIndexerError extends Error {
  override name = "FatalIndexerError";
}

export class RetryableIndexerError extends Error {
  override name = "RetryableIndexerError";
}

/** The provider refused the size of an eth_getLogs request: shrink the range and ask again. */
export class RangeTooLargeError extends Error {
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

export type RpcErrorClass = "range" | "retryable" | "fatal";

const RANGE_PATTERNS = [
  /more than \d+ results/i,
  /block range/i,
  /range is too (wide|large)/i,
  /exceed(s|ed)? (the )?max(imum)? (block )?range/i,
  /response size/i,
  /exceeded the size limit/i,
  /response (is )?too (large|big)/i,
  /too many (results|logs)/i,
  /log response size exceeded/i,
  /query timeout exceeded/i,
  /limit exceeded/i,
];

const RETRYABLE_PATTERNS = [
  /timed? ?out/i,
  /fetch failed/i,
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR/i,
  /socket hang up/i,
  /other side closed/i,
  /network/i,
  /internal error/i,
  /header not found/i,
  /rate limit/i,
  /too many requests/i,
  /service unavailable|bad gateway|gateway timeout/i,
  /HTTP request failed/i,
];

/** Classifies anything an RPC call threw, walking viem's error causes. */
export function classifyRpcError(err: unknown): {
  kind: RpcErrorClass;
  message: string;
  suggestedTo?: bigint;
  fitRatio?: number;
} {
  const parts: string[] = [];
  let status: number | undefined;
  let fitRatio: number | undefined;
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (cur instanceof Error) {
      parts.push(cur.message);
      const s = (cur as { status?: unknown }).status;
      if (typeof s === "number") status = s;
      // viem's ResponseBodyTooLargeError carries both sizes: shrink in one step, not by halving.
      const { size, maxSize } = cur as { size?: unknown; maxSize?: unknown };
      if (typeof size === "number" && typeof maxSize === "number" && size > maxSize)
        fitRatio = maxSize / size;
      cur = cur.cause;
    } else {
      parts.push(String(cur));
      break;
    }
  }
  const text = parts.join(" | ");
  const message = (parts[0] ?? "unknown error").split("\n")[0] ?? "unknown error";
  if (RANGE_PATTERNS.some((p) => p.test(text))) {
    const m = /\[(0x[0-9a-f]+),\s*(0x[0-9a-f]+)\]/i.exec(text);
    return {
      kind: "range",
      message,
      ...(m?.[2] ? { suggestedTo: BigInt(m[2]) } : {}),
      ...(fitRatio !== undefined ? { fitRatio } : {}),
    };
  }
  if (status === 429 || (status !== undefined && status >= 500)) return { kind: "retryable", message };
  if (RETRYABLE_PATTERNS.some((p) => p.test(text))) return { kind: "retryable", message };
  return { kind: "fatal", message };
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
