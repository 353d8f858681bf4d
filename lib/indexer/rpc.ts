import { createPublicClient, http, type PublicClient } from "viem";
import type { Logger } from "@/lib/logger";
import { FatalIndexerError, RangeTooLargeError, RetryableIndexerError, classifyRpcError } from "./errors";

export type RpcPoolOptions = {
  urls: readonly string[];
  logger: Logger;
  timeoutMs?: number;
  /** Attempts per call across all URLs before giving up with a RetryableIndexerError. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
};

/**
 * Several RPC endpoints behind one `request`: retries 429/5xx/timeouts/dropped connections with
 * exponential backoff and jitter, rotating to the next URL on each failure. Range errors are not
 * retried here: they surface as RangeTooLargeError for the log fetcher to shrink its range.
 */
export class RpcPool {
  readonly clients: PublicClient[];
  readonly urls: readonly string[];
  private current = 0;
  private readonly opts: Required<Omit<RpcPoolOptions, "signal" | "logger">>;
  private readonly log: Logger;
  private readonly signal: AbortSignal | undefined;
  errorCount = 0;

  constructor(options: RpcPoolOptions) {
    if (options.urls.length === 0) throw new FatalIndexerError("at least one RPC URL is required");
    this.urls = options.urls;
    this.log = options.logger;
    this.signal = options.signal;
    this.opts = {
      urls: options.urls,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxAttempts: options.maxAttempts ?? 10,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 10_000,
    };
    this.clients = options.urls.map((url) =>
      createPublicClient({
        cacheTime: 0,
        transport: http(url, {
          batch: { batchSize: 100, wait: 0 },
          retryCount: 0,
          timeout: this.opts.timeoutMs,
        }),
      }),
    );
  }

  get client(): PublicClient {
    return this.clients[this.current] as PublicClient;
  }

  get currentUrl(): string {
    return this.urls[this.current] as string;
  }

  /** Moves to the next URL, e.g. when this one lags behind the finalized block. */
  rotate(): void {
    this.current = (this.current + 1) % this.clients.length;
  }

  /** Runs `fn` against the current client with retries and failover. */
  async call<T>(
    what: string,
    fn: (client: PublicClient) => Promise<T>,
    maxAttempts = this.opts.maxAttempts,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.signal?.throwIfAborted();
      try {
        return await fn(this.client);
      } catch (err) {
        if (this.signal?.aborted) throw err;
        const c = classifyRpcError(err);
        this.errorCount++;
        if (c.kind === "range") throw new RangeTooLargeError(c.message, c.suggestedTo, c.fitRatio);
        if (c.kind === "fatal") throw err;
        const url = this.currentUrl;
        if (attempt >= maxAttempts) {
          throw new RetryableIndexerError(
            `${what} failed after ${attempt} attempts (last: ${url}): ${c.message}`,
          );
        }
        const delay = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempt - 1));
        const jittered = Math.round(delay * (0.5 + Math.random() / 2));
        this.log.warn(
          { what, attempt, url: redact(url), err: c.message, delayMs: jittered },
          "rpc call failed, retrying",
        );
        this.rotate();
        await sleep(jittered, this.signal);
      }
    }
  }

  /** Raw JSON-RPC request (hex in, hex out) with retries and failover. */
  request<T>(method: string, params: unknown[], maxAttempts?: number): Promise<T> {
    return this.call(
      method,
      (client) => client.request({ method, params } as never) as Promise<T>,
      maxAttempts,
    );
  }
}

/** Hides API keys in logs: keep scheme, host and port only. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "<invalid url>";
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
