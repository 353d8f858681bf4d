// What a provider means by an error, read from viem's error chain: HTTP status and headers, the
// JSON-RPC code, the provider's own message and data. Providers reuse codes for unrelated things
// (-32005 is Infura's "more than 10000 results" and BNB Chain's rate limit "limit exceeded"), so
// the message decides between a range refusal and a busy provider, and HTTP 429 always means busy.
import { MalformedRpcDataError, RetryableIndexerError } from "./errors";

/**
 * range: shrink the eth_getLogs range; rateLimit: back off (Retry-After), try another RPC;
 * retryable: a hiccup or a node that lags, retry elsewhere; fatal: the request itself is wrong.
 */
export type RpcErrorClass = "range" | "rateLimit" | "retryable" | "fatal";

export type RpcErrorReading = {
  kind: RpcErrorClass;
  message: string;
  suggestedTo?: bigint;
  fitRatio?: number;
  /** How long the provider asked us to wait (Retry-After, Infura's backoff_seconds). */
  retryAfterMs?: number;
};

/** A refusal of the request's size: only these shrink a range. */
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
];

/** A busy provider, in the dialects of BNB Chain's public RPC, Infura, Alchemy, QuickNode and others. */
const RATE_LIMIT_PATTERNS = [
  /limit exceeded/i,
  /rate.?limit/i,
  /too many requests/i,
  /request rate/i,
  /exceeded .*(capacity|quota|compute units|credits|allowance)/i,
  /daily request count/i,
  /throttl/i,
  /over rate/i,
];

const RETRYABLE_PATTERNS = [
  /timed? ?out/i,
  /took too long/i,
  /fetch failed/i,
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR/i,
  /socket hang up/i,
  /other side closed/i,
  /network/i,
  /internal error/i,
  /service unavailable|bad gateway|gateway timeout/i,
  /HTTP request failed/i,
  // A node (or the backend behind a load balancer) that has not imported the block yet.
  /header not found/i,
  /unknown block/i,
  /block not found/i,
  /block height is \d+ but requested/i,
  /BlockOutOfRange/i,
  /beyond (the )?(current )?head/i,
  /missing trie node/i,
];

type Facts = { texts: string[]; status?: number; code?: number; retryAfterMs?: number; fitRatio?: number };

/** Walks viem's causes (BaseError → RpcRequestError → the JSON-RPC error object) collecting facts. */
function collect(err: unknown): Facts {
  const facts: Facts = { texts: [] };
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 10; depth++) {
    if (typeof cur !== "object") {
      facts.texts.push(String(cur));
      break;
    }
    const o = cur as Record<string, unknown>;
    if (typeof o.message === "string") facts.texts.push(o.message);
    if (typeof o.details === "string") facts.texts.push(o.details);
    if (typeof o.status === "number") facts.status ??= o.status;
    if (typeof o.code === "number") facts.code ??= o.code;
    facts.retryAfterMs ??= retryAfterFromHeaders(o.headers) ?? backoffFromData(o.data);
    // viem's ResponseBodyTooLargeError carries both sizes: shrink in one step, not by halving.
    if (typeof o.size === "number" && typeof o.maxSize === "number" && o.size > o.maxSize)
      facts.fitRatio = o.maxSize / o.size;
    cur = o.cause;
  }
  return facts;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function retryAfterFromHeaders(headers: unknown): number | undefined {
  const get = (headers as { get?: unknown } | undefined)?.get;
  if (typeof get !== "function") return undefined;
  return parseRetryAfter((get as (n: string) => string | null).call(headers, "retry-after"));
}

/** Infura's 429 body: error.data.rate.backoff_seconds (older: error.data.backoff_seconds). */
function backoffFromData(data: unknown): number | undefined {
  const d = data as { backoff_seconds?: unknown; rate?: { backoff_seconds?: unknown } } | undefined;
  const s = d?.rate?.backoff_seconds ?? d?.backoff_seconds;
  return typeof s === "number" && s >= 0 ? Math.round(s * 1000) : undefined;
}

/** Classifies anything an RPC call threw. */
export function classifyRpcError(err: unknown): RpcErrorReading {
  const message = firstLineOf(err);
  if (err instanceof MalformedRpcDataError || err instanceof RetryableIndexerError)
    return { kind: "retryable", message };
  const f = collect(err);
  const text = f.texts.join(" | ");
  const wait = f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {};
  if (f.status === 429 || f.code === 429) return { kind: "rateLimit", message, ...wait };
  if (RANGE_PATTERNS.some((p) => p.test(text)) || f.fitRatio !== undefined) {
    const m = /\[(0x[0-9a-f]+),\s*(0x[0-9a-f]+)\]/i.exec(text);
    return {
      kind: "range",
      message,
      ...(m?.[2] ? { suggestedTo: BigInt(m[2]) } : {}),
      ...(f.fitRatio !== undefined ? { fitRatio: f.fitRatio } : {}),
    };
  }
  if (RATE_LIMIT_PATTERNS.some((p) => p.test(text))) return { kind: "rateLimit", message, ...wait };
  if (f.status !== undefined && f.status >= 500) return { kind: "retryable", message };
  if (RETRYABLE_PATTERNS.some((p) => p.test(text))) return { kind: "retryable", message };
  // -32005 is EIP-1474's "limit exceeded": with no range wording, the provider is busy.
  if (f.code === -32005) return { kind: "rateLimit", message, ...wait };
  return { kind: "fatal", message };
}

/** The provider's own words when viem wrapped them ("Details: limit exceeded"), else the first line. */
function firstLineOf(err: unknown): string {
  const details = (err as { details?: unknown })?.details;
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split("\n")[0] ?? msg;
  return typeof details === "string" && details && !first.includes(details) ? `${first} (${details})` : first;
}
