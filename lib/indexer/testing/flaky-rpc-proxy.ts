/**
 * A hostile JSON-RPC provider for indexer tests: an HTTP proxy in front of an anvil node that answers
 * 429/503 (in real providers' rate-limit dialects, with Retry-After), BNB-style "limit exceeded" over
 * HTTP 200, drops or hangs connections, adds latency and returns JSON-RPC errors, like hosted
 * providers do; near the head it can serve eth_getLogs from a lagging backend, or be a whole node
 * that lags (rpc-lag.ts). Random faults come from seeded PRNGs, so a failing run replays with the
 * same seed and the same sequence of requests. Limits (getLogs block range, log count, silent
 * truncation at a cap, response size) are deterministic and always apply, as at a real provider.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import {
  optionsSchema,
  REQUEST_FAULTS,
  type FlakyRpcOptions,
  type Options,
  type RequestFault,
} from "./proxy-options";
import { mulberry32, planFaults } from "./proxy-faults";
import { rateLimitError } from "./rpc-dialects";
import { planLag, type LagPlan } from "./rpc-lag";
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
export { RATE_LIMIT_DIALECTS } from "./rpc-dialects";
export type { FlakyRpcOptions } from "./proxy-options";
export { mulberry32 } from "./proxy-faults";

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

type Ctx = {
  opts: Options;
  rng: () => number;
  /** Lag draws (rpc-lag.ts) come from their own stream: they never shift the other faults. */
  lagRng: () => number;
  stats: Record<string, number>;
  signal: AbortSignal;
  /** Eligible requests seen so far (the position in `firstFaults`). */
  eligibleSeen: number;
};
type UpstreamReply = { status: number; text: string; contentType: string };
type Answer = { ok: true; replies: RpcReply[] } | ({ ok: false } & UpstreamReply);

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
  const wire: RpcRequest[] = [...items];
  const after: Array<LagPlan["after"]> = [];
  for (const [i, original] of items.entries()) {
    if (itemFaults[i]) {
      bump(ctx.stats, "error500Json");
      replies[i] = errorReply(original.id, INTERNAL_ERROR);
      continue;
    }
    const plan = await planLag(ctx, original, (method, params) => callUpstream(ctx, method, params));
    if (plan.reply) {
      replies[i] = plan.reply;
      continue;
    }
    const item = (wire[i] = plan.item);
    after[i] = plan.after;
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
      pending.map((i) => wire[i]!),
      batch,
    );
    if (!forwarded.ok) return forwarded;
    bump(ctx.stats, "forwarded", pending.length);
    pending.forEach((i, k) => {
      const reply = forwarded.replies[k]!;
      replies[i] = applyLimitsAfter(ctx, wire[i]!, after[i]?.(reply) ?? reply, ranges[i] ?? null);
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

async function applyRequestFault(
  ctx: Ctx,
  fault: RequestFault,
  req: IncomingMessage,
  res: ServerResponse,
  parsed: { items: RpcRequest[]; batch: boolean },
) {
  const n = ctx.stats[fault] ?? 0;
  bump(ctx.stats, fault);
  const retryAfter = ctx.opts.retryAfter ?? 0;
  if (fault === "rateLimit429") {
    const body = JSON.stringify(errorReply(null, rateLimitError(ctx.opts.rateLimitBody, n, retryAfter)));
    return send(res, 429, body, "application/json", { "retry-after": String(retryAfter) });
  }
  if (fault === "rateLimitJson") {
    // BNB Chain's public RPC: HTTP 200, one JSON-RPC error per item.
    const replies = parsed.items.map((item) => errorReply(item.id, rateLimitError("bnb", n, retryAfter)));
    return send(res, 200, JSON.stringify(parsed.batch ? replies : replies[0]));
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
  if (plan.requestFault) return applyRequestFault(ctx, plan.requestFault, req, res, parsed);
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
  const counted = ["error500Json", "maxBlockRange", "maxLogs", "maxResponseBytes", "truncateLogsAt"];
  for (const kind of [...REQUEST_FAULTS, ...counted, "lagBlocks", "nodeLagBlocks"]) stats[kind] = 0;
  const seed = opts.seed ?? 1;
  const ctx: Ctx = {
    opts,
    rng: mulberry32(seed),
    lagRng: mulberry32(seed ^ 0x1a6),
    stats,
    signal: abort.signal,
    eligibleSeen: 0,
  };
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
      if (patch.seed !== undefined) {
        ctx.rng = mulberry32(patch.seed);
        ctx.lagRng = mulberry32(patch.seed ^ 0x1a6);
      }
      if (patch.firstFaults !== undefined) ctx.eligibleSeen = 0;
    },
    async close() {
      abort.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
