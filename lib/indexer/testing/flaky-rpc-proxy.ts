/**
 * A hostile JSON-RPC provider for indexer tests: an HTTP proxy in front of an anvil node that answers
 * 429/503, drops or hangs connections, adds latency and returns JSON-RPC errors, like hosted providers do.
 * Random faults come from a seeded PRNG, so a failing run replays with the same seed and the same
 * sequence of requests. Limits (getLogs block range, log count, response size) are deterministic and
 * always apply, as at a real provider.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import {
  applyLimitsAfter,
  blockResolver,
  bump,
  errorReply,
  INTERNAL_ERROR,
  logsRange,
  rangeError,
  rpcBodySchema,
  rpcReplySchema,
  type RpcReply,
  type RpcRequest,
} from "./rpc-limits";

export { BLOCK_RANGE_ERRORS, INTERNAL_ERROR, RESPONSE_SIZE_ERROR } from "./rpc-limits";

export type FlakyRpcProxy = {
  url: string;
  port: number;
  /** Counts per fault kind (option names), `requests`, `items`, `forwarded`, and `method:<name>`. */
  stats: Record<string, number>;
  /** Changes options for later requests; a `seed` in the patch restarts the PRNG. `port` is ignored. */
  setOptions(patch: Partial<FlakyRpcOptions>): void;
  /** Destroys every open socket (hanging ones too) and stops listening. */
  close(): Promise<void>;
};

/** Whole-HTTP-request faults, drawn in this order from one uniform number (probabilities add up). */
const REQUEST_FAULTS = ["rateLimit429", "error503", "dropConnection", "timeout"] as const;
type RequestFault = (typeof REQUEST_FAULTS)[number];

/** A probability in [0, 1]. */
const chance = z.number().min(0).max(1).optional();
const optionsSchema = z
  .object({
    /** Upstream JSON-RPC URL, e.g. http://127.0.0.1:8545. */
    upstream: z.url(),
    /** PRNG seed; the same seed and request sequence give the same faults. Default 1. */
    seed: z.number().int().optional(),
    /** 0/undefined = a free port. */
    port: z.number().int().min(0).max(65_535).optional(),
    /** HTTP 429 (Retry-After: 0) instead of forwarding. */
    rateLimit429: chance,
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
    /** Any JSON-RPC reply item larger than this (bytes of JSON) becomes "response size exceeded". */
    maxResponseBytes: z.number().int().positive().optional(),
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
    "rateLimit429 + error503 + dropConnection + timeout must be <= 1",
  );
export type FlakyRpcOptions = z.input<typeof optionsSchema>;
type Options = z.infer<typeof optionsSchema>;

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Ctx = {
  opts: Options;
  rng: () => number;
  stats: Record<string, number>;
  signal: AbortSignal;
  /** Eligible requests seen so far (the position in `firstFaults`). */
  eligibleSeen: number;
};
type Plan = { requestFault: RequestFault | null; delayMs: number; itemFaults: boolean[] };
type UpstreamReply = { status: number; text: string; contentType: string };
type Answer = { ok: true; replies: RpcReply[] } | ({ ok: false } & UpstreamReply);

function planFaults(ctx: Ctx, items: RpcRequest[]): Plan {
  const { rng, opts } = ctx;
  // A fixed number of draws per request whatever the outcome, so one fault never shifts the rest.
  const requestDraw = rng();
  const delayDraw = rng();
  const itemDraws = items.map(() => rng());
  const eligible = (method: string) => opts.methods === undefined || opts.methods.includes(method);
  if (!items.some((item) => eligible(item.method))) {
    return { requestFault: null, delayMs: 0, itemFaults: items.map(() => false) };
  }
  let acc = 0;
  let requestFault: RequestFault | null = opts.firstFaults?.[ctx.eligibleSeen++] ?? null;
  for (const kind of requestFault ? [] : REQUEST_FAULTS) {
    acc += opts[kind] ?? 0;
    if (requestDraw < acc) {
      requestFault = kind;
      break;
    }
  }
  const [lo, hi] = opts.delayMs ?? [0, 0];
  const itemFaults = items.map(
    (item, i) => eligible(item.method) && (itemDraws[i] ?? 1) < (opts.error500Json ?? 0),
  );
  return { requestFault, delayMs: Math.round(lo + delayDraw * (hi - lo)), itemFaults };
}

async function postUpstream(ctx: Ctx, body: string): Promise<UpstreamReply> {
  const res = await fetch(ctx.opts.upstream, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: ctx.signal,
  });
  return {
    status: res.status,
    text: await res.text(),
    contentType: res.headers.get("content-type") ?? "application/json",
  };
}

async function callUpstream(ctx: Ctx, method: string, params: unknown[]): Promise<unknown> {
  const raw = await postUpstream(ctx, JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }));
  const reply = rpcReplySchema.parse(JSON.parse(raw.text));
  if (reply.error !== undefined) throw new Error(`upstream ${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

/** Forwards items with their ids swapped for positions, so null or duplicate client ids map back exactly. */
async function forward(ctx: Ctx, items: RpcRequest[], batch: boolean): Promise<Answer> {
  const wire = items.map((item, i) => ({ ...item, id: i }));
  const raw = await postUpstream(ctx, JSON.stringify(batch ? wire : wire[0]));
  const json = tryJson(raw.text);
  const parsed = z.array(rpcReplySchema).safeParse(Array.isArray(json) ? json : [json]);
  const byPosition = new Map(parsed.success ? parsed.data.map((reply) => [reply.id, reply]) : []);
  const replies = items.map((item, i) => {
    const reply = byPosition.get(i);
    return reply && { ...reply, id: item.id ?? null };
  });
  if (raw.status !== 200 || replies.some((reply) => reply === undefined)) return { ok: false, ...raw };
  return { ok: true, replies: replies.filter((reply) => reply !== undefined) };
}

async function answerItems(
  ctx: Ctx,
  items: RpcRequest[],
  batch: boolean,
  itemFaults: boolean[],
): Promise<Answer> {
  const { maxBlockRange, maxLogs } = ctx.opts;
  const resolve = blockResolver((method, params) => callUpstream(ctx, method, params));
  const replies: RpcReply[] = [];
  const ranges: Array<[bigint, bigint] | null> = [];
  const pending: number[] = [];
  for (const [i, item] of items.entries()) {
    if (itemFaults[i]) {
      bump(ctx.stats, "error500Json");
      replies[i] = errorReply(item.id, INTERNAL_ERROR);
      continue;
    }
    const limited = item.method === "eth_getLogs" && (maxBlockRange !== undefined || maxLogs !== undefined);
    const range = limited ? await logsRange(item, resolve) : null;
    ranges[i] = range;
    if (range && maxBlockRange !== undefined && range[1] - range[0] + 1n > BigInt(maxBlockRange)) {
      replies[i] = errorReply(item.id, rangeError(ctx, maxBlockRange));
      continue;
    }
    pending.push(i);
  }
  if (pending.length > 0) {
    const forwarded = await forward(
      ctx,
      pending.map((i) => items[i]!),
      batch,
    );
    if (!forwarded.ok) return forwarded;
    bump(ctx.stats, "forwarded", pending.length);
    pending.forEach((i, k) => {
      replies[i] = applyLimitsAfter(ctx, items[i]!, forwarded.replies[k]!, ranges[i] ?? null);
    });
  }
  return { ok: true, replies };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = "application/json",
  headers = {},
) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // callers treat it as "not JSON-RPC" and pass the text through
  }
}

function parseBody(raw: string): { items: RpcRequest[]; batch: boolean } | null {
  const body = rpcBodySchema.safeParse(tryJson(raw));
  if (!body.success) return null;
  return Array.isArray(body.data) ? { items: body.data, batch: true } : { items: [body.data], batch: false };
}

async function applyRequestFault(ctx: Ctx, fault: RequestFault, req: IncomingMessage, res: ServerResponse) {
  bump(ctx.stats, fault);
  if (fault === "rateLimit429") {
    const body = JSON.stringify(errorReply(null, { code: 429, message: "Too Many Requests" }));
    return send(res, 429, body, "application/json", { "retry-after": "0" });
  }
  if (fault === "error503") return send(res, 503, "Service Unavailable", "text/plain");
  if (fault === "timeout") await sleep(ctx.opts.hangMs ?? 30_000, undefined, { signal: ctx.signal });
  req.socket.destroy();
}

async function handle(ctx: Ctx, req: IncomingMessage, res: ServerResponse) {
  const raw = await readBody(req);
  bump(ctx.stats, "requests");
  const parsed = parseBody(raw);
  if (!parsed) {
    // Not JSON-RPC we understand: let the upstream answer it, as a transparent proxy would.
    const upstream = await postUpstream(ctx, raw);
    return send(res, upstream.status, upstream.text, upstream.contentType);
  }
  const { items, batch } = parsed;
  bump(ctx.stats, "items", items.length);
  for (const item of items) bump(ctx.stats, `method:${item.method}`);
  const plan = planFaults(ctx, items);
  if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: ctx.signal });
  if (plan.requestFault) return applyRequestFault(ctx, plan.requestFault, req, res);
  const answer = await answerItems(ctx, items, batch, plan.itemFaults);
  if (!answer.ok) {
    bump(ctx.stats, "upstreamError");
    return send(res, answer.status, answer.text, answer.contentType);
  }
  send(res, 200, JSON.stringify(batch ? answer.replies : answer.replies[0]));
}

export async function startFlakyRpcProxy(input: FlakyRpcOptions): Promise<FlakyRpcProxy> {
  const opts = optionsSchema.parse(input);
  const abort = new AbortController();
  const stats: Record<string, number> = { requests: 0, items: 0, forwarded: 0 };
  for (const kind of [...REQUEST_FAULTS, "error500Json", "maxBlockRange", "maxLogs", "maxResponseBytes"])
    stats[kind] = 0;
  const ctx: Ctx = { opts, rng: mulberry32(opts.seed ?? 1), stats, signal: abort.signal, eligibleSeen: 0 };
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (abort.signal.aborted) return; // closing: the socket is destroyed anyway
      bump(stats, "proxyError");
      send(res, 502, JSON.stringify(errorReply(null, { code: -32603, message: `proxy: ${String(err)}` })));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    setOptions(patch) {
      ctx.opts = optionsSchema.parse({ ...ctx.opts, ...patch });
      if (patch.seed !== undefined) ctx.rng = mulberry32(patch.seed);
      if (patch.firstFaults !== undefined) ctx.eligibleSeen = 0;
    },
    async close() {
      abort.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
