import { createPublicClient, http, type PublicClient } from "viem";
import type { Logger } from "@/lib/logger";
import { FatalIndexerError, RangeTooLargeError, RetryableIndexerError } from "./errors";
import { classifyRpcError } from "./rpc-errors";

export type RpcPoolOptions = {
  urls: readonly string[];
  logger: Logger;
  timeoutMs?: number;
  /** Attempts per call across all URLs before giving up with a RetryableIndexerError. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we honour; a provider asking for more is set aside that long at most. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
};

/**
 * Several RPC endpoints behind one `request`. Retries hiccups (5xx, timeouts, dropped connections,
 * a node that has not imported a block yet) with exponential backoff and jitter, rotating to the
 * next URL on each failure. A rate limit (429, or a JSON-RPC "limit exceeded" over HTTP 200) also
 * sets that URL aside for the Retry-After it asked for, so the next call goes to a URL that is not
 * cooling down, and waits only when all are. Range refusals of eth_getLogs are not retried here:
 * they surface as RangeTooLargeError for the log fetcher to shrink its range.
 */
export class RpcPool {
  readonly clients: PublicClient[];
  readonly urls: readonly string[];
  private current = 0;
  private readonly opts: Required<Omit<RpcPoolOptions, "signal" | "logger">>;
  private readonly log: Logger;
  private readonly signal: AbortSignal | undefined;
  /** Per URL: epoch ms before which it is not asked again (its Retry-After). */
  private readonly coolUntil: number[];
  errorCount = 0;
  rateLimited = 0;

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
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    };
    this.coolUntil = options.urls.map(() => 0);
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
      await this.waitForUsableUrl();
      // Calls run concurrently (header batches): blame and rotate away from the URL this attempt used.
      const used = this.current;
      try {
        return await fn(this.clients[used] as PublicClient);
      } catch (err) {
        if (this.signal?.aborted) throw err;
        const c = classifyRpcError(err);
        this.errorCount++;
        // Only eth_getLogs can ask for less; any other call refused for size is a hiccup.
        if (c.kind === "range" && what === "eth_getLogs")
          throw new RangeTooLargeError(c.message, c.suggestedTo, c.fitRatio);
        if (c.kind === "fatal") throw err;
        const url = this.urls[used] as string;
        if (attempt >= maxAttempts) {
          throw new RetryableIndexerError(
            `${what} failed after ${attempt} attempts (last: ${redact(url)}): ${c.message}`,
          );
        }
        const delay = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempt - 1));
        const jittered = Math.round(delay * (0.5 + Math.random() / 2));
        this.log.warn(
          { what, attempt, url: redact(url), kind: c.kind, err: c.message, delayMs: jittered },
          "rpc call failed, retrying",
        );
        if (this.current === used) this.rotate();
        if (c.kind === "rateLimit") {
          // Set this URL aside for as long as it asked; waitForUsableUrl fails over or waits.
          this.rateLimited++;
          const wait = Math.min(this.opts.maxRetryAfterMs, Math.max(jittered, c.retryAfterMs ?? 0));
          this.coolUntil[used] = Math.max(this.coolUntil[used] ?? 0, Date.now() + wait);
        } else {
          await sleep(jittered, this.signal);
        }
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

  /**
   * Like `request`, but `check` reads the raw answer inside the attempt: an answer of the wrong
   * shape (MalformedRpcDataError) or a missing block counts against this URL and is asked again.
   */
  requestChecked<T>(
    method: string,
    params: unknown[],
    check: (raw: unknown) => T,
    maxAttempts?: number,
  ): Promise<T> {
    return this.call(
      method,
      async (client) => check(await client.request({ method, params } as never)),
      maxAttempts,
    );
  }

  /** Prefers a URL that is not cooling down after a rate limit; sleeps only when all are. */
  private async waitForUsableUrl(): Promise<void> {
    this.signal?.throwIfAborted();
    const now = Date.now();
    for (let i = 0; i < this.urls.length; i++) {
      if ((this.coolUntil[this.current] ?? 0) <= now) return;
      this.rotate();
    }
    const soonest = Math.min(...this.coolUntil);
    let best = this.coolUntil.indexOf(soonest);
    if (best < 0) best = 0;
    this.current = best;
    await sleep(Math.max(0, soonest - now), this.signal);
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
