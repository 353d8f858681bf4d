import { describe, expect, it } from "vitest";
import { RangeTooLargeError, RetryableIndexerError } from "./errors";
import { classifyRpcError } from "./rpc-errors";
import { LogFetcher } from "./log-fetcher";
import type { RpcPool } from "./rpc";
import type { RpcLog } from "./types";

/** A provider that refuses ranges wider than `maxRange` and returns `perBlock` logs per block. */
function fakePool(opts: { maxRange?: bigint; perBlock: number; suggest?: boolean }) {
  const calls: [bigint, bigint][] = [];
  let rotations = 0;
  const pool = {
    rotate: () => rotations++,
    requestChecked: async (_m: string, params: [{ fromBlock: string; toBlock: string }]) => {
      const from = BigInt(params[0].fromBlock);
      const to = BigInt(params[0].toBlock);
      calls.push([from, to]);
      if (opts.maxRange !== undefined && to - from + 1n > opts.maxRange) {
        throw opts.suggest
          ? new RangeTooLargeError("query returned more than 10000 results", from + opts.maxRange - 1n)
          : new RangeTooLargeError("block range too large");
      }
      return Array.from({ length: Number(to - from + 1n) * opts.perBlock }, () => ({}) as RpcLog);
    },
  } as unknown as RpcPool;
  return { pool, calls, rotations: () => rotations };
}

async function fetchAll(f: LogFetcher, from: bigint, to: bigint) {
  const chunks: [bigint, bigint][] = [];
  for (let next = from; next <= to;) {
    const c = await f.fetch(next, to);
    chunks.push([c.fromBlock, c.toBlock]);
    next = c.toBlock + 1n;
  }
  return chunks;
}

const base = { addresses: ["0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d"], topics: [] } as const;

describe("LogFetcher", () => {
  it("covers every block exactly once while shrinking on range errors", async () => {
    const { pool } = fakePool({ maxRange: 7n, perBlock: 1 });
    const f = new LogFetcher({ ...base, pool, initialSpan: 100n, targetLogs: 1_000 });
    const chunks = await fetchAll(f, 10n, 200n);
    expect(chunks[0]?.[0]).toBe(10n);
    expect(chunks[chunks.length - 1]?.[1]).toBe(200n);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.[0]).toBe((chunks[i - 1]?.[1] ?? 0n) + 1n);
    expect(chunks.every(([a, b]) => b - a + 1n <= 7n)).toBe(true);
    expect(f.shrinks).toBeGreaterThan(0);
  });

  it("takes the provider's suggested range in one step", async () => {
    const { pool, calls } = fakePool({ maxRange: 37n, perBlock: 1, suggest: true });
    const f = new LogFetcher({ ...base, pool, initialSpan: 1_000n, targetLogs: 100_000 });
    const c = await f.fetch(0n, 5_000n);
    expect([c.fromBlock, c.toBlock]).toEqual([0n, 36n]);
    expect(calls).toEqual([
      [0n, 999n],
      [0n, 36n],
    ]);
  });

  it("sizes the next range by the logs returned, and grows again when responses are small", async () => {
    const { pool } = fakePool({ perBlock: 50 });
    const f = new LogFetcher({ ...base, pool, initialSpan: 1_000n, targetLogs: 5_000 });
    await f.fetch(0n, 1_000_000n);
    expect(f.span).toBe(100n); // 1,000 blocks gave 50,000 logs: aim at 5,000
    const sparse = fakePool({ perBlock: 0 });
    const g = new LogFetcher({
      ...base,
      pool: sparse.pool,
      initialSpan: 10n,
      targetLogs: 5_000,
      maxSpan: 40n,
    });
    await fetchAll(g, 0n, 200n);
    expect(g.span).toBe(40n);
  });

  it("shrinks straight to what fits when the response was too big by a known ratio", async () => {
    let calls = 0;
    const pool = {
      requestChecked: async () => {
        if (calls++ === 0)
          throw new RangeTooLargeError("HTTP response body exceeded the size limit.", undefined, 0.1);
        return [];
      },
    } as unknown as RpcPool;
    const f = new LogFetcher({ ...base, pool, initialSpan: 1_000n });
    const c = await f.fetch(0n, 10_000n);
    expect([c.fromBlock, c.toBlock]).toEqual([0n, 79n]); // 1,000 × 0.1 × 0.8 blocks
  });

  it("asks for the token and every governor in one call, and follows changes to the list", async () => {
    const seen: unknown[] = [];
    const pool = {
      requestChecked: async (_m: string, params: [{ address: unknown }]) => {
        seen.push(params[0].address);
        return [];
      },
    } as unknown as RpcPool;
    const f = new LogFetcher({ ...base, pool, initialSpan: 10n });
    await f.fetch(0n, 100n);
    f.addresses = [...base.addresses, "0x3333333333333333333333333333333333333333"];
    await f.fetch(10n, 100n);
    expect(seen).toEqual([
      [base.addresses[0]],
      [base.addresses[0], "0x3333333333333333333333333333333333333333"],
    ]);
  });

  it("gives up on the call, not the process, when even one block is refused: another RPC is next", async () => {
    const { pool, rotations } = fakePool({ maxRange: 0n, perBlock: 1 });
    const f = new LogFetcher({ ...base, pool, initialSpan: 4n });
    await expect(f.fetch(0n, 10n)).rejects.toThrow(RetryableIndexerError);
    expect(rotations()).toBe(1);
  });

  it("treats an answer as long as the provider's cap as truncated: asks again, smaller, never skips", async () => {
    // A provider that silently cuts every answer at 10 logs; 3 logs a block.
    const seen: [bigint, bigint][] = [];
    const pool = {
      rotate: () => undefined,
      requestChecked: async (_m: string, params: [{ fromBlock: string; toBlock: string }]) => {
        const from = BigInt(params[0].fromBlock);
        const to = BigInt(params[0].toBlock);
        seen.push([from, to]);
        return Array.from({ length: Math.min(10, Number(to - from + 1n) * 3) }, () => ({}) as RpcLog);
      },
    } as unknown as RpcPool;
    const f = new LogFetcher({ ...base, pool, initialSpan: 8n, logCap: 10, targetLogs: 100 });
    const chunks = await fetchAll(f, 0n, 20n);
    expect(f.suspectCaps).toBeGreaterThan(0);
    expect(chunks.every(([a, b]) => (b - a + 1n) * 3n < 10n)).toBe(true);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.[0]).toBe((chunks[i - 1]?.[1] ?? 0n) + 1n);
    expect(f.targetLogs).toBe(5); // aims at half the cap
  });

  it("refuses a single block answered with the cap (cannot tell full from cut), moving to another RPC", async () => {
    let rotations = 0;
    const pool = {
      rotate: () => rotations++,
      requestChecked: async () => Array.from({ length: 10 }, () => ({}) as RpcLog),
    } as unknown as RpcPool;
    const f = new LogFetcher({ ...base, pool, initialSpan: 1n, logCap: 10 });
    await expect(f.fetch(5n, 5n)).rejects.toThrow(/returned 10 logs, the provider's cap/);
    expect(rotations).toBe(1);
  });
});

describe("classifyRpcError", () => {
  it.each([
    ["query returned more than 10000 results. Try with this block range [0x1, 0x2f].", "range"],
    ["block range is too wide", "range"],
    ["exceed maximum block range: 2000", "range"],
    ["Log response size exceeded.", "range"],
    ["HTTP request failed. Status: 429", "retryable"],
    ["fetch failed", "retryable"],
    ["socket hang up", "retryable"],
    ["execution reverted", "fatal"],
    ["invalid argument 0: hex string without 0x prefix", "fatal"],
  ])("%s → %s", (message, kind) => {
    expect(classifyRpcError(new Error(message)).kind).toBe(kind);
  });

  it("turns viem's response-size refusal into a range error with the ratio that fits", () => {
    const err = Object.assign(new Error("HTTP response body exceeded the size limit."), {
      size: 126_489_126,
      maxSize: 10_485_760,
    });
    const c = classifyRpcError(new Error("RPC Request failed.", { cause: err }));
    expect(c.kind).toBe("range");
    expect(c.fitRatio).toBeCloseTo(10_485_760 / 126_489_126, 9);
  });

  it("reads the suggested end block and HTTP status from nested causes", () => {
    expect(classifyRpcError(new Error("more than 10000 results [0x10, 0x2f]")).suggestedTo).toBe(0x2fn);
    const wrapped = new Error("RPC Request failed.", {
      cause: Object.assign(new Error("x"), { status: 503 }),
    });
    expect(classifyRpcError(wrapped).kind).toBe("retryable");
  });
});
