// Options of the flaky RPC proxy (flaky-rpc-proxy.ts): random faults, deterministic provider limits,
// and the ways real providers misbehave near the head (rate-limit dialects, a lagging backend, a
// lagging failover node, silent truncation at the result cap).
import { z } from "zod";
import { RATE_LIMIT_DIALECTS } from "./rpc-dialects";

/** Whole-HTTP-request faults, drawn in this order from one uniform number (probabilities add up). */
export const REQUEST_FAULTS = [
  "rateLimit429",
  "error503",
  "dropConnection",
  "timeout",
  "rateLimitJson",
] as const;
export type RequestFault = (typeof REQUEST_FAULTS)[number];

/** A probability in [0, 1]. */
const chance = z.number().min(0).max(1).optional();
const blocks = z.number().int().positive().optional();

export const optionsSchema = z
  .object({
    /** Upstream JSON-RPC URL, e.g. http://127.0.0.1:8545. */
    upstream: z.url(),
    /** PRNG seed; the same seed and request sequence give the same faults. Default 1. */
    seed: z.number().int().optional(),
    /** 0/undefined = a free port. */
    port: z.number().int().min(0).max(65_535).optional(),
    /** HTTP 429 instead of forwarding, with a `rateLimitBody` JSON-RPC body and `retryAfter`. */
    rateLimit429: chance,
    /** The 429's JSON-RPC body: a provider's dialect, or "rotate" through bnb, infura, alchemy. */
    rateLimitBody: z
      .enum([...(Object.keys(RATE_LIMIT_DIALECTS) as [string, ...string[]]), "rotate"])
      .optional(),
    /** Retry-After on 429s, in seconds (also Infura's backoff_seconds). Default 0. */
    retryAfter: z.number().min(0).optional(),
    /** BNB Chain's public RPC: HTTP 200 with JSON-RPC {code: -32005, message: "limit exceeded"} per item. */
    rateLimitJson: chance,
    /** HTTP 503. */
    error503: chance,
    /** Per JSON-RPC item: HTTP 200 with {code:-32603, message:"internal error"}. */
    error500Json: chance,
    /** The socket is destroyed without a response. */
    dropConnection: chance,
    /** Random latency range [min, max] in ms. */
    delayMs: z
      .tuple([z.number().min(0), z.number().min(0)])
      .refine(([lo, hi]) => lo <= hi, "delayMs must be [min, max]")
      .optional(),
    /** Hang for `hangMs` (default 30 000), then drop the socket. */
    timeout: chance,
    hangMs: z.number().int().min(0).optional(),
    /** eth_getLogs spanning more blocks (inclusive) gets a block-range error. */
    maxBlockRange: z.number().int().positive().optional(),
    /** eth_getLogs whose upstream result has more logs gets "query returned more than N results". */
    maxLogs: z.number().int().nonnegative().optional(),
    /** eth_getLogs results longer than this are cut to it, without an error (a silent result cap). */
    truncateLogsAt: z.number().int().positive().optional(),
    /** Any JSON-RPC reply item larger than this (bytes of JSON) becomes "response size exceeded". */
    maxResponseBytes: z.number().int().positive().optional(),
    /**
     * A lagging backend behind a load balancer: with probability `lagRate` (default 1) an eth_getLogs
     * is served by a backend `lagBlocks` behind the head, which answers [] for the newest blocks
     * while headers still come from an up-to-date one.
     */
    lagBlocks: blocks,
    lagRate: chance,
    /** How that backend answers eth_getLogs by a block hash it lacks: geth's "unknown block", or []. */
    lagByHash: z.enum(["error", "empty"]).optional(),
    /** A whole node `nodeLagBlocks` behind the chain (a failover RPC that lags): heads, blocks, logs, calls. */
    nodeLagBlocks: blocks,
    /** Only these methods get random faults (default: all). Limits apply to every method. */
    methods: z.array(z.string()).optional(),
    /**
     * Faults forced on the first eligible requests, in order, before the random draws decide: a test
     * that asserts a fault kind happened cannot then depend on how many requests the run made.
     */
    firstFaults: z.array(z.enum(REQUEST_FAULTS)).optional(),
  })
  .refine(
    (o) => REQUEST_FAULTS.reduce((sum, kind) => sum + (o[kind] ?? 0), 0) <= 1,
    "rateLimit429 + error503 + dropConnection + timeout + rateLimitJson must be <= 1",
  );
export type FlakyRpcOptions = z.input<typeof optionsSchema>;
export type Options = z.infer<typeof optionsSchema>;
