// The proxy's imitations of real providers near the head: rate-limit dialects (BNB's "limit
// exceeded" over HTTP 200, 429 with JSON-RPC bodies and Retry-After), silent truncation at a cap,
// a lagging backend behind a load balancer, and a failover node that lags.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnvil, type AnvilNode } from "@/lib/demo/chain/anvil";
import { startFlakyRpcProxy, type FlakyRpcOptions, type FlakyRpcProxy } from "./flaky-rpc-proxy";

const SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const EMITTER = "0x00000000000000000000000000000000000e2222";
const EMITTER_CODE = "0x60006000a000"; // LOG0(0, 0); STOP
const LOG_BLOCKS = 8;
const hex = (n: number | bigint) => `0x${n.toString(16)}`;

type Out = { id?: unknown; result?: unknown; error?: { code: number; message: string; data?: unknown } };
let node: AnvilNode;
let head = 0;
const proxies: FlakyRpcProxy[] = [];

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Out | Out[] };
}
const req = (method: string, params: unknown[] = [], id: number | string = 1) => ({
  jsonrpc: "2.0",
  id,
  method,
  params,
});
async function call(url: string, method: string, params: unknown[] = []): Promise<Out> {
  const res = await post(url, req(method, params));
  expect(res.status).toBe(200);
  return res.json as Out;
}
const logBlocks = (out: Out) => (out.result as { blockNumber: string }[]).map((l) => Number(l.blockNumber));
const byHash = async (url: string, blockHash: string) =>
  call(url, "eth_getLogs", [{ address: EMITTER, blockHash }]);
const range = (url: string, fromBlock: string, toBlock: string) =>
  call(url, "eth_getLogs", [{ address: EMITTER, fromBlock, toBlock }]);
async function hashOf(n: number): Promise<string> {
  return ((await call(node.rpcUrl, "eth_getBlockByNumber", [hex(n), false])).result as { hash: string }).hash;
}
async function proxy(opts: Omit<FlakyRpcOptions, "upstream">) {
  const p = await startFlakyRpcProxy({ upstream: node.rpcUrl, ...opts });
  proxies.push(p);
  return p;
}

beforeAll(async () => {
  node = await startAnvil({ chainId: 31337 });
  await call(node.rpcUrl, "anvil_setCode", [EMITTER, EMITTER_CODE]);
  // One emitter tx a block (automine), blocks 1..LOG_BLOCKS; anvil answers before it mines.
  for (let i = 0; i < LOG_BLOCKS; i++) {
    const tx = (
      await call(node.rpcUrl, "eth_sendTransaction", [{ from: SENDER, to: EMITTER, gasPrice: "0x0" }])
    ).result;
    while ((await call(node.rpcUrl, "eth_getTransactionReceipt", [tx])).result === null)
      await new Promise((r) => setTimeout(r, 10));
  }
  head = Number((await call(node.rpcUrl, "eth_blockNumber")).result);
  expect(logBlocks(await range(node.rpcUrl, "0x0", "latest"))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await node?.stop();
});

describe("rate-limit dialects", () => {
  it("answers BNB Chain's -32005 'limit exceeded' over HTTP 200, per batch item", async () => {
    const p = await proxy({ rateLimitJson: 1 });
    const res = await post(p.url, [req("eth_blockNumber", [], 1), req("eth_chainId", [], "b")]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { jsonrpc: "2.0", id: 1, error: { code: -32005, message: "limit exceeded" } },
      { jsonrpc: "2.0", id: "b", error: { code: -32005, message: "limit exceeded" } },
    ]);
    expect(p.stats.rateLimitJson).toBe(1);
  });

  it("answers 429 with JSON-RPC bodies in BNB, Infura and Alchemy dialects, with Retry-After", async () => {
    const p = await proxy({ rateLimit429: 1, rateLimitBody: "rotate", retryAfter: 2 });
    const seen: Out["error"][] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(p.url, req("eth_blockNumber"));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
      seen.push((res.json as Out).error);
    }
    expect(seen.map((e) => [e?.code, e?.message.slice(0, 24)])).toEqual([
      [-32005, "limit exceeded"],
      [-32005, "project ID request rate "],
      [429, "Your app has exceeded it"],
    ]);
    expect(seen[1]?.data).toMatchObject({ rate: { backoff_seconds: 2 } });
  });
});

describe("silent truncation", () => {
  it("cuts eth_getLogs answers at exactly the cap, without an error", async () => {
    const p = await proxy({ truncateLogsAt: 3 });
    const out = await range(p.url, "0x0", "latest");
    expect(out.error).toBeUndefined();
    expect(logBlocks(out)).toEqual(logBlocks(await range(node.rpcUrl, "0x0", "latest")).slice(0, 3));
    expect(p.stats.truncateLogsAt).toBe(1);
  });
});

describe("a lagging backend (eth_getLogs only)", () => {
  it("answers [] for the newest blocks while headers stay current; refuses their hashes", async () => {
    const p = await proxy({ lagBlocks: 2 });
    expect(logBlocks(await range(p.url, hex(head - 4), "latest"))).toEqual([head - 4, head - 3, head - 2]);
    expect(await range(p.url, hex(head - 1), hex(head))).toMatchObject({ result: [] });
    expect((await call(p.url, "eth_getBlockByNumber", ["latest", false])).result).toMatchObject({
      number: hex(head),
    });
    expect((await byHash(p.url, await hashOf(head))).error).toEqual({
      code: -32000,
      message: "unknown block",
    });
    expect(logBlocks(await byHash(p.url, await hashOf(head - 2)))).toEqual([head - 2]);
    expect(p.stats.lagBlocks).toBe(3);
  });

  it("can answer [] for a hash it lacks too (a non-compliant provider)", async () => {
    const p = await proxy({ lagBlocks: 1, lagByHash: "empty" });
    expect(await byHash(p.url, await hashOf(head))).toMatchObject({ result: [] });
  });

  it("lags at a set rate, replayably", async () => {
    const lagged = async (seed: number) => {
      const p = await proxy({ lagBlocks: 1, lagRate: 0.5, seed });
      const out: boolean[] = [];
      for (let i = 0; i < 20; i++) out.push(logBlocks(await range(p.url, hex(head), hex(head))).length === 0);
      return out;
    };
    const first = await lagged(9);
    expect(await lagged(9)).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(3);
    expect(first.filter((x) => !x).length).toBeGreaterThan(3);
  });
});

describe("a failover node that lags", () => {
  it("is consistently behind: head, blocks, logs and state", async () => {
    const p = await proxy({ nodeLagBlocks: 3 });
    expect((await call(p.url, "eth_blockNumber")).result).toBe(hex(head - 3));
    expect((await call(p.url, "eth_getBlockByNumber", ["latest", false])).result).toMatchObject({
      number: hex(head - 3),
    });
    expect((await call(p.url, "eth_getBlockByNumber", [hex(head), false])).result).toBeNull();
    expect((await call(p.url, "eth_getBlockByHash", [await hashOf(head), false])).result).toBeNull();
    expect(logBlocks(await range(p.url, hex(head - 4), "latest"))).toEqual([head - 4, head - 3]);
    expect((await byHash(p.url, await hashOf(head - 1))).error?.message).toBe("unknown block");
    expect((await call(p.url, "eth_getCode", [EMITTER, hex(head)])).error?.message).toBe("header not found");
    expect((await call(p.url, "eth_getCode", [EMITTER, "latest"])).result).toBe(EMITTER_CODE);
  });
});
