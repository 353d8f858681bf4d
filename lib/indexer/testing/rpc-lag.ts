// Nodes that lag behind the chain, for the flaky RPC proxy. Two shapes, both seen at real providers:
// - a lagging backend: a load balancer sends eth_getLogs to a backend that has not imported the
//   newest blocks, which answers [] for them (a range past its head is cut, not refused), while
//   headers come from an up-to-date backend;
// - a lagging node: a failover RPC whose whole view (head, blocks, logs, calls) is some blocks behind.
import { z } from "zod";
import { bump, errorReply, type RpcReply, type RpcRequest, type Upstream } from "./rpc-limits";

export type LagCtx = {
  opts: {
    lagBlocks?: number | undefined;
    lagRate?: number | undefined;
    lagByHash?: "error" | "empty" | undefined;
    nodeLagBlocks?: number | undefined;
  };
  /** A PRNG of its own, so lag draws never shift the proxy's other fault sequences. */
  lagRng: () => number;
  stats: Record<string, number>;
};

/** The item to forward (maybe rewritten), or the answer itself; `after` edits the forwarded answer. */
export type LagPlan = { item: RpcRequest; reply?: RpcReply; after?: (reply: RpcReply) => RpcReply };

const UNKNOWN_BLOCK = { code: -32000, message: "unknown block" };
const HEADER_NOT_FOUND = { code: -32000, message: "header not found" };
const hex = (n: bigint) => `0x${n.toString(16)}`;
const numberOf = z.object({ number: z.string() }).nullable();
/** Methods whose last parameter is a block tag or number. */
const STATE_METHODS = new Set([
  "eth_call",
  "eth_getCode",
  "eth_getBalance",
  "eth_getStorageAt",
  "eth_getTransactionCount",
]);

export async function planLag(ctx: LagCtx, item: RpcRequest, upstream: Upstream): Promise<LagPlan> {
  const { lagBlocks, lagRate, nodeLagBlocks } = ctx.opts;
  const isLogs = item.method === "eth_getLogs";
  // One draw per eth_getLogs whatever the outcome, so a run replays with the same seed.
  const backendLags = isLogs && lagBlocks !== undefined && ctx.lagRng() < (lagRate ?? 1);
  if (!backendLags && nodeLagBlocks === undefined) return { item };
  const realHead = BigInt(z.string().parse(await upstream("eth_blockNumber", [])));
  const behind = Math.max(backendLags ? (lagBlocks ?? 0) : 0, nodeLagBlocks ?? 0);
  const height = realHead - BigInt(behind);
  if (isLogs)
    return logsAt(ctx, item, { height, realHead }, upstream, backendLags ? "lagBlocks" : "nodeLagBlocks");
  return nodeAt(ctx, item, height, upstream);
}

async function blockNumberOfHash(upstream: Upstream, hash: unknown): Promise<bigint | null> {
  const b = numberOf.parse(await upstream("eth_getBlockByHash", [hash, false]));
  return b ? BigInt(b.number) : null;
}

/** eth_getLogs as a node at `height` answers it: the range cut at its head, unknown hashes refused. */
async function logsAt(
  ctx: LagCtx,
  item: RpcRequest,
  { height, realHead }: { height: bigint; realHead: bigint },
  upstream: Upstream,
  stat: string,
): Promise<LagPlan> {
  const params = Array.isArray(item.params) ? item.params : [];
  const filter = (params[0] ?? {}) as Record<string, unknown>;
  if (typeof filter.blockHash === "string") {
    const n = await blockNumberOfHash(upstream, filter.blockHash);
    if (n === null || n <= height) return { item };
    bump(ctx.stats, stat);
    const empty = ctx.opts.lagByHash === "empty" && stat === "lagBlocks";
    return {
      item,
      reply: empty ? { jsonrpc: "2.0", id: item.id ?? null, result: [] } : errorReply(item.id, UNKNOWN_BLOCK),
    };
  }
  const to = await resolveTag(filter.toBlock ?? "latest", realHead, upstream);
  if (to === null || to <= height) return { item };
  bump(ctx.stats, stat);
  const from = await resolveTag(filter.fromBlock ?? "latest", realHead, upstream);
  if (from !== null && from > height)
    return { item, reply: { jsonrpc: "2.0", id: item.id ?? null, result: [] } };
  const fromBlock = from !== null ? hex(from) : filter.fromBlock;
  return { item: { ...item, params: [{ ...filter, fromBlock, toBlock: hex(height) }, ...params.slice(1)] } };
}

/** A block tag or number as a number; "latest" is `latest` (the real head, or a lagging node's). */
async function resolveTag(tag: unknown, latest: bigint, upstream: Upstream): Promise<bigint | null> {
  if (typeof tag === "number") return BigInt(tag);
  if (typeof tag !== "string") return null;
  if (tag === "latest" || tag === "pending") return latest;
  if (tag === "earliest") return 0n;
  if (tag === "safe" || tag === "finalized") {
    const b = numberOf.parse(await upstream("eth_getBlockByNumber", [tag, false]));
    return b ? BigInt(b.number) : null;
  }
  return /^0x[0-9a-f]+$/i.test(tag) ? BigInt(tag) : null;
}

/** Anything else a lagging node serves: its head, its blocks, state at its blocks. */
async function nodeAt(ctx: LagCtx, item: RpcRequest, height: bigint, upstream: Upstream): Promise<LagPlan> {
  const params = Array.isArray(item.params) ? item.params : [];
  const answer = (result: unknown): LagPlan => ({
    item,
    reply: { jsonrpc: "2.0", id: item.id ?? null, result },
  });
  if (item.method === "eth_blockNumber") return answer(hex(height));
  if (item.method === "eth_getBlockByNumber") {
    const n = await resolveTag(params[0], height, upstream);
    if (n === null) return { item };
    if (n > height) {
      bump(ctx.stats, "nodeLagBlocks");
      return answer(null);
    }
    const at = n < height ? n : height;
    return { item: { ...item, params: [hex(at), ...params.slice(1)] } };
  }
  if (item.method === "eth_getBlockByHash") {
    return {
      item,
      after: (reply) => {
        const b = numberOf.safeParse(reply.result);
        return b.success && b.data && BigInt(b.data.number) > height ? { ...reply, result: null } : reply;
      },
    };
  }
  if (STATE_METHODS.has(item.method) && params.length > 0) {
    const n = await resolveTag(params[params.length - 1], height, upstream);
    if (n === null) return { item };
    if (n > height) return { item, reply: errorReply(item.id, HEADER_NOT_FOUND) };
    return { item: { ...item, params: [...params.slice(0, -1), hex(n)] } };
  }
  return { item };
}
