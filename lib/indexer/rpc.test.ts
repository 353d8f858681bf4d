import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import { RpcPool } from "./rpc";

type Reply = { status: number; error?: { code: number; message: string }; headers?: Record<string, string> };

/**
 * A JSON-RPC server answering each request (viem sends batches) from a script, then with 0x10;
 * records when it was asked.
 */
async function server(script: Reply[]) {
  const asked: number[] = [];
  const s = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (d: Buffer) => (raw += d.toString()));
    req.on("end", () => {
      asked.push(Date.now());
      const parsed = JSON.parse(raw) as { id: number } | { id: number }[];
      const r = script.shift() ?? { status: 200 };
      const answer = ({ id }: { id: number }) =>
        r.error ? { jsonrpc: "2.0", id, error: r.error } : { jsonrpc: "2.0", id, result: "0x10" };
      res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  servers.push(s);
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, asked };
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

const log = createLogger("test", "silent");
const bnbLimit = { code: -32005, message: "limit exceeded" };

describe("RpcPool and busy providers", () => {
  it("honours Retry-After on a 429 with a JSON-RPC -32005 body, then gets the answer", async () => {
    const a = await server([{ status: 429, error: bnbLimit, headers: { "retry-after": "1" } }]);
    const pool = new RpcPool({ urls: [a.url], logger: log, baseDelayMs: 10 });
    const started = Date.now();
    expect(await pool.request<string>("eth_blockNumber", [])).toBe("0x10");
    expect(a.asked).toHaveLength(2);
    expect((a.asked[1] ?? 0) - (a.asked[0] ?? 0)).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pool.rateLimited).toBe(1);
  });

  it("fails over at once to an RPC that is not cooling down, and keeps away from the busy one", async () => {
    const a = await server([{ status: 200, error: bnbLimit, headers: { "retry-after": "30" } }]);
    const b = await server([]);
    const pool = new RpcPool({ urls: [a.url, b.url], logger: log, baseDelayMs: 10 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect(await pool.request<string>("eth_blockNumber", [])).toBe("0x10");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(a.asked).toHaveLength(1);
    expect(b.asked).toHaveLength(3);
  });

  it("never turns a rate limit into a range refusal, on eth_getLogs or elsewhere", async () => {
    const a = await server([
      { status: 200, error: bnbLimit },
      { status: 429, error: bnbLimit, headers: { "retry-after": "0" } },
    ]);
    const pool = new RpcPool({ urls: [a.url], logger: log, baseDelayMs: 10 });
    await expect(pool.request("eth_getLogs", [{}])).resolves.toBe("0x10");
    expect(pool.rateLimited).toBe(2);
  });
});
