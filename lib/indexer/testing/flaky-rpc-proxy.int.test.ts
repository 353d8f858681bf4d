import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createPublicClient, http } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BLOCK_RANGE_ERRORS,
  startFlakyRpcProxy,
  type FlakyRpcOptions,
  type FlakyRpcProxy,
} from "./flaky-rpc-proxy";

// anvil's first dev account (unlocked) and a contract whose runtime code is `LOG0(0, 0); STOP`.
const SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const EMITTER = "0x00000000000000000000000000000000000e1111";
const EMITTER_CODE = "0x60006000a000";
const MINED = 50; // empty blocks, then one block per emitter tx
const LOG_TXS = 5;
const HEAD = MINED + LOG_TXS;
const hex = (n: number) => `0x${n.toString(16)}`;

type RpcBody = { jsonrpc: "2.0"; id: string | number | null; method: string; params: unknown[] };
type RpcOut = { id?: unknown; result?: unknown; error?: { code: number; message: string } };

const req = (method: string, params: unknown[] = [], id: RpcBody["id"] = 1): RpcBody => ({
  jsonrpc: "2.0",
  id,
  method,
  params,
});

async function post(url: string, body: unknown, signal?: AbortSignal) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

async function rpc(url: string, body: RpcBody): Promise<RpcOut> {
  const res = await post(url, body);
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as RpcOut;
}

async function call(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const out = await rpc(url, req(method, params));
  if (out.error) throw new Error(`${method}: ${out.error.message}`);
  return out.result;
}

const getLogs = (fromBlock: string, toBlock: string, id: RpcBody["id"] = 1) =>
  req("eth_getLogs", [{ address: EMITTER, fromBlock, toBlock }], id);

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let anvil: ChildProcess;
let upstream = "";
const proxies: FlakyRpcProxy[] = [];

async function proxy(opts: Omit<FlakyRpcOptions, "upstream"> = {}): Promise<FlakyRpcProxy> {
  const started = await startFlakyRpcProxy({ upstream, ...opts });
  proxies.push(started);
  return started;
}

beforeAll(async () => {
  const port = await freePort();
  upstream = `http://127.0.0.1:${port}`;
  // detached: the bin is a node wrapper around the binary, so the whole process group is killed.
  anvil = spawn(
    path.resolve("node_modules/.bin/anvil"),
    ["--port", String(port), "--chain-id", "31337", "--silent"],
    {
      stdio: "ignore",
      detached: true,
    },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    const chainId = await call(upstream, "eth_chainId").catch(() => null);
    if (chainId === "0x7a69") break;
    if (Date.now() > deadline) throw new Error("anvil did not start");
    await sleep(50);
  }
  await call(upstream, "anvil_mine", [hex(MINED)]);
  await call(upstream, "anvil_setCode", [EMITTER, EMITTER_CODE]);
  const hashes: unknown[] = [];
  for (let i = 0; i < LOG_TXS; i++)
    hashes.push(await call(upstream, "eth_sendTransaction", [{ from: SENDER, to: EMITTER }]));
  // anvil answers with the hash before the block is mined: wait for every receipt.
  const mined = Date.now() + 10_000;
  for (const h of hashes) {
    while ((await call(upstream, "eth_getTransactionReceipt", [h])) === null) {
      if (Date.now() > mined) throw new Error(`tx ${String(h)} was not mined`);
      await sleep(20);
    }
  }
  expect(await call(upstream, "eth_blockNumber")).toBe(hex(HEAD));
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

afterAll(() => {
  if (anvil?.pid) process.kill(-anvil.pid, "SIGKILL");
});

describe("flaky rpc proxy", () => {
  it("forwards untouched without faults and passes upstream errors through unchanged", async () => {
    const p = await proxy();
    expect(await call(p.url, "eth_chainId")).toBe("0x7a69");
    const direct = await post(upstream, req("foo_bar", [], 9));
    const viaProxy = await post(p.url, req("foo_bar", [], 9));
    expect(viaProxy.status).toBe(direct.status);
    expect(JSON.parse(viaProxy.text)).toEqual(JSON.parse(direct.text));
    expect(p.stats).toMatchObject({
      requests: 2,
      items: 2,
      forwarded: 2,
      "method:eth_chainId": 1,
      "method:foo_bar": 1,
    });
  });

  it("answers 429 with Retry-After: 0 to every call when rateLimit429 = 1", async () => {
    const p = await proxy({ rateLimit429: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await post(p.url, req("eth_blockNumber"));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("0");
    }
    expect(p.stats).toMatchObject({ rateLimit429: 5, forwarded: 0 });
  });

  it("answers 503 when error503 = 1, and only for the listed methods", async () => {
    const p = await proxy({ error503: 1, methods: ["eth_getLogs"] });
    expect((await post(p.url, getLogs("0x0", "0x1"))).status).toBe(503);
    expect(await call(p.url, "eth_chainId")).toBe("0x7a69");
    expect(p.stats).toMatchObject({ error503: 1, forwarded: 1 });
  });

  it("returns a JSON-RPC internal error per batch item, keeping ids intact", async () => {
    const p = await proxy({ error500Json: 1 });
    const out = await rpc(p.url, req("eth_chainId", [], "abc"));
    expect(out).toEqual({ jsonrpc: "2.0", id: "abc", error: { code: -32603, message: "internal error" } });
    const batch = [req("eth_chainId", [], 7), req("eth_blockNumber", [], null), req("eth_chainId", [], 7)];
    const res = JSON.parse((await post(p.url, batch)).text) as RpcOut[];
    expect(res.map((r) => [r.id, r.error?.code])).toEqual([
      [7, -32603],
      [null, -32603],
      [7, -32603],
    ]);
    expect(p.stats.error500Json).toBe(4);
  });

  it("drops the connection when dropConnection = 1", async () => {
    const p = await proxy({ dropConnection: 1 });
    await expect(post(p.url, req("eth_chainId"))).rejects.toThrow(/fetch failed/);
    expect(p.stats.dropConnection).toBe(1);
  });

  it("hangs for hangMs then drops, and close() ends hanging requests at once", async () => {
    const p = await proxy({ timeout: 1, hangMs: 300 });
    const started = Date.now();
    await expect(post(p.url, req("eth_chainId"))).rejects.toThrow(/fetch failed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(post(p.url, req("eth_chainId"), AbortSignal.timeout(50))).rejects.toThrow(/timeout|abort/i);

    const hanging = await proxy({ timeout: 1 }); // default 30 s hang
    const pending = post(hanging.url, req("eth_chainId"));
    await sleep(100);
    const closing = Date.now();
    await hanging.close();
    await expect(pending).rejects.toThrow(/fetch failed/);
    expect(Date.now() - closing).toBeLessThan(1_000);
  });

  it("adds latency within delayMs", async () => {
    const p = await proxy({ delayMs: [60, 80] });
    const started = Date.now();
    expect(await call(p.url, "eth_chainId")).toBe("0x7a69");
    expect(Date.now() - started).toBeGreaterThanOrEqual(59);
  });

  it("rejects getLogs wider than maxBlockRange, rotating real provider messages, and resolves tags", async () => {
    const p = await proxy({ maxBlockRange: 10 });
    const messages: string[] = [];
    for (let i = 0; i < BLOCK_RANGE_ERRORS.length; i++) {
      const out = await rpc(p.url, getLogs("0x0", hex(19), i));
      expect(out.id).toBe(i);
      messages.push(out.error?.message ?? "");
    }
    expect(messages).toEqual(BLOCK_RANGE_ERRORS.map((variant) => variant(10).message));
    expect(messages[0]).toBe("block range too large, max 10 blocks");
    expect((await rpc(p.url, getLogs(hex(HEAD - 9), hex(HEAD)))).result).toHaveLength(LOG_TXS);
    expect((await rpc(p.url, getLogs(hex(HEAD - 9), "latest"))).result).toHaveLength(LOG_TXS);
    expect((await rpc(p.url, getLogs(hex(HEAD - 10), "latest"))).error).toBeDefined();
    expect((await rpc(p.url, getLogs("earliest", hex(9)))).result).toEqual([]);
    expect((await rpc(p.url, getLogs("earliest", hex(10)))).error).toBeDefined();
    expect(p.stats.maxBlockRange).toBe(BLOCK_RANGE_ERRORS.length + 2);
  });

  it("rejects getLogs returning more than maxLogs with the Infura range hint", async () => {
    const p = await proxy({ maxLogs: 3 });
    const out = await rpc(p.url, getLogs("0x0", "latest"));
    // logs sit in blocks 51..55; the 4th is in block 54 (0x36), so the hint ends at 0x35.
    expect(out.error).toEqual({
      code: -32005,
      message: "query returned more than 3 results. Try with this block range [0x0, 0x35].",
    });
    expect((await rpc(p.url, getLogs("0x0", "0x35"))).result).toHaveLength(3);
    expect(p.stats.maxLogs).toBe(1);
  });

  it("replaces replies larger than maxResponseBytes", async () => {
    const p = await proxy({ maxResponseBytes: 300 });
    const out = await rpc(p.url, req("eth_getBlockByNumber", ["latest", true], 5));
    expect(out).toEqual({
      jsonrpc: "2.0",
      id: 5,
      error: { code: -32005, message: "response size exceeded" },
    });
    expect(await call(p.url, "eth_chainId")).toBe("0x7a69");
  });

  it("keeps batch ids and order with mixed outcomes", async () => {
    const p = await proxy({ maxBlockRange: 10 });
    const batch = [
      req("eth_chainId", [], "a"),
      getLogs("0x0", hex(30), 2),
      req("eth_blockNumber", [], 2),
      getLogs(hex(HEAD - 1), hex(HEAD), null),
    ];
    const res = JSON.parse((await post(p.url, batch)).text) as RpcOut[];
    expect(res.map((r) => r.id)).toEqual(["a", 2, 2, null]);
    expect(res[0]?.result).toBe("0x7a69");
    expect(res[1]?.error?.code).toBe(-32005);
    expect(res[2]?.result).toBe(hex(HEAD));
    expect(res[3]?.result).toHaveLength(2);
  });

  it("lets a retrying viem client get exact results through every fault kind", async () => {
    const p = await proxy({
      seed: 3,
      rateLimit429: 0.1,
      error503: 0.1,
      dropConnection: 0.1,
      timeout: 0.05,
      hangMs: 1_000,
      error500Json: 0.1,
      delayMs: [0, 5],
    });
    const client = createPublicClient({
      transport: http(p.url, { retryCount: 8, retryDelay: 1, timeout: 200 }),
      cacheTime: 0,
    });
    for (let i = 0; i < 20; i++) {
      expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(BigInt(HEAD));
      const logs = await client.getLogs({ address: EMITTER, fromBlock: 0n, toBlock: BigInt(HEAD) });
      expect(logs.map((log) => Number(log.blockNumber))).toEqual([51, 52, 53, 54, 55]);
    }
    const faults = ["rateLimit429", "error503", "dropConnection", "timeout", "error500Json"];
    expect(faults.filter((kind) => !p.stats[kind])).toEqual([]);
  });

  it("gives the same fault sequence for the same seed", async () => {
    const faults = { rateLimit429: 0.2, error503: 0.1, error500Json: 0.2 };
    const outcomes = async (p: FlakyRpcProxy) => {
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await post(p.url, req("eth_chainId", [], i));
        seen.push(
          res.status === 200
            ? String((JSON.parse(res.text) as RpcOut).error?.code ?? "ok")
            : String(res.status),
        );
      }
      return seen;
    };
    const first = await outcomes(await proxy({ ...faults, seed: 42 }));
    expect(await outcomes(await proxy({ ...faults, seed: 42 }))).toEqual(first);
    expect(await outcomes(await proxy({ ...faults, seed: 43 }))).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "429", "503", "-32603"]));

    const replay = await proxy({ ...faults, seed: 7 });
    await outcomes(replay);
    replay.setOptions({ seed: 42 });
    expect(await outcomes(replay)).toEqual(first);
  });

  it("forces firstFaults on the first eligible requests, then draws as usual", async () => {
    const p = await proxy({
      seed: 5,
      methods: ["eth_getLogs"],
      firstFaults: ["dropConnection", "error503", "rateLimit429"],
    });
    // Not eligible: answered, and it does not use up a forced fault.
    expect(await call(p.url, "eth_chainId")).toBe("0x7a69");
    await expect(post(p.url, getLogs("0x0", hex(HEAD)))).rejects.toThrow();
    expect((await post(p.url, getLogs("0x0", hex(HEAD)))).status).toBe(503);
    expect((await post(p.url, getLogs("0x0", hex(HEAD)))).status).toBe(429);
    // Every random probability is 0, so once the script is spent every request is answered.
    expect(await call(p.url, "eth_getLogs", getLogs("0x0", hex(HEAD)).params)).toHaveLength(LOG_TXS);
    expect(p.stats).toMatchObject({ dropConnection: 1, error503: 1, rateLimit429: 1, forwarded: 2 });

    p.setOptions({ firstFaults: ["error503"] });
    expect((await post(p.url, getLogs("0x0", hex(HEAD)))).status).toBe(503);
    expect(p.stats.error503).toBe(2);
  });
});
