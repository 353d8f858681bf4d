// What a hosted provider enforces on eth_getLogs and on reply size, for the flaky RPC proxy: the
// block range (with the wordings real providers use), the log count (Infura-style, with a
// suggested range, or cut silently at the cap) and the response size. Deterministic: limits always apply.
import { z } from "zod";

export type RpcError = { code: number; message: string };
export const INTERNAL_ERROR: RpcError = { code: -32603, message: "internal error" };
export const RESPONSE_SIZE_ERROR: RpcError = { code: -32005, message: "response size exceeded" };
/** Block-range rejections as real providers word them; the proxy rotates through them in order. */
export const BLOCK_RANGE_ERRORS: ReadonlyArray<(max: number) => RpcError> = [
  (max) => ({ code: -32005, message: `block range too large, max ${max} blocks` }),
  () => ({ code: -32005, message: "query returned more than 10000 results" }),
  () => ({ code: -32600, message: "block range is too wide" }),
  (max) => ({ code: -32000, message: `exceed maximum block range: ${max}` }),
  (max) => ({
    code: -32602,
    message: `Log response size exceeded. You can make eth_getLogs requests with up to a ${max} block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response.`,
  }),
];

export const rpcRequestSchema = z.looseObject({
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string(),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;
export const rpcBodySchema = z.union([rpcRequestSchema, z.array(rpcRequestSchema).min(1)]);
/** Upstream replies pass through untouched apart from the id. */
export const rpcReplySchema = z.looseObject({
  id: z.unknown(),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
});
export type RpcReply = z.infer<typeof rpcReplySchema>;
const blockTagSchema = z.union([z.string(), z.number().int().nonnegative()]);
const logFilterSchema = z.looseObject({
  fromBlock: blockTagSchema.optional(),
  toBlock: blockTagSchema.optional(),
  blockHash: z.string().optional(),
});
const logsSchema = z.array(z.looseObject({ blockNumber: z.string().nullable() }));

export const bump = (stats: Record<string, number>, key: string, by = 1) => {
  stats[key] = (stats[key] ?? 0) + by;
};
export const errorReply = (id: RpcRequest["id"], error: RpcError): RpcReply => ({
  jsonrpc: "2.0",
  id: id ?? null,
  error,
});
const toHex = (n: bigint) => `0x${n.toString(16)}`;

/** The part of the proxy's state the limits read and count into. */
export type LimitCtx = {
  opts: {
    maxLogs?: number | undefined;
    maxResponseBytes?: number | undefined;
    truncateLogsAt?: number | undefined;
  };
  stats: Record<string, number>;
};

/** One upstream JSON-RPC call: the result, or an error thrown. */
export type Upstream = (method: string, params: unknown[]) => Promise<unknown>;

/** Resolves getLogs block tags to numbers, asking the upstream at most once per tag and request. */
export function blockResolver(callUpstream: Upstream): (tag: string | number) => Promise<bigint | null> {
  const cache = new Map<string, Promise<bigint | null>>();
  const lookup = async (tag: string): Promise<bigint | null> => {
    if (tag === "latest" || tag === "pending")
      return BigInt(z.string().parse(await callUpstream("eth_blockNumber", [])));
    if (tag !== "safe" && tag !== "finalized") return null; // not a tag: the upstream rejects it itself
    const block = await callUpstream("eth_getBlockByNumber", [tag, false]);
    const parsed = z.object({ number: z.string() }).nullable().parse(block);
    return parsed ? BigInt(parsed.number) : null;
  };
  return async (tag) => {
    if (typeof tag === "number") return BigInt(tag);
    if (/^0x[0-9a-f]+$/i.test(tag)) return BigInt(tag);
    if (tag === "earliest") return 0n;
    let hit = cache.get(tag);
    if (!hit) cache.set(tag, (hit = lookup(tag)));
    return hit;
  };
}

export async function logsRange(
  item: RpcRequest,
  resolve: ReturnType<typeof blockResolver>,
): Promise<[bigint, bigint] | null> {
  const filter = logFilterSchema.safeParse(Array.isArray(item.params) ? item.params[0] : undefined);
  if (!filter.success || filter.data.blockHash !== undefined) return null;
  const from = await resolve(filter.data.fromBlock ?? "latest");
  const to = await resolve(filter.data.toBlock ?? "latest");
  return from === null || to === null ? null : [from, to];
}

export function rangeError(ctx: LimitCtx, max: number): RpcError {
  const variant = BLOCK_RANGE_ERRORS[(ctx.stats.maxBlockRange ?? 0) % BLOCK_RANGE_ERRORS.length]!;
  bump(ctx.stats, "maxBlockRange");
  return variant(max);
}

/** Infura-style: suggests the widest range from `from` whose logs fit, cut before the first excess log's block. */
function tooManyLogsError(max: number, from: bigint | undefined, blocks: bigint[]): RpcError {
  const first = from ?? blocks[0] ?? 0n;
  const cut = blocks[max] ?? first;
  const end = cut > first ? cut - 1n : first;
  return {
    code: -32005,
    message: `query returned more than ${max} results. Try with this block range [${toHex(first)}, ${toHex(end)}].`,
  };
}

export function applyLimitsAfter(
  ctx: LimitCtx,
  item: RpcRequest,
  reply: RpcReply,
  range: [bigint, bigint] | null,
): RpcReply {
  const { maxLogs, maxResponseBytes, truncateLogsAt } = ctx.opts;
  if (item.method === "eth_getLogs" && truncateLogsAt !== undefined && Array.isArray(reply.result)) {
    // Some providers cut at their cap and say nothing: exactly `truncateLogsAt` logs come back.
    if (reply.result.length > truncateLogsAt) {
      bump(ctx.stats, "truncateLogsAt");
      return { ...reply, result: reply.result.slice(0, truncateLogsAt) };
    }
  }
  if (item.method === "eth_getLogs" && maxLogs !== undefined) {
    const logs = logsSchema.safeParse(reply.result);
    if (logs.success && logs.data.length > maxLogs) {
      bump(ctx.stats, "maxLogs");
      const blocks = logs.data.map((log) => BigInt(log.blockNumber ?? 0));
      return errorReply(item.id, tooManyLogsError(maxLogs, range?.[0], blocks));
    }
  }
  if (maxResponseBytes !== undefined && Buffer.byteLength(JSON.stringify(reply)) > maxResponseBytes) {
    bump(ctx.stats, "maxResponseBytes");
    return errorReply(item.id, RESPONSE_SIZE_ERROR);
  }
  return reply;
}
