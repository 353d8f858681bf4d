import {
  HttpRequestError,
  LimitExceededRpcError,
  RpcRequestError,
  TimeoutError,
  UnknownRpcError,
} from "viem";
import { describe, expect, it } from "vitest";
import { MalformedRpcDataError } from "./errors";
import { classifyRpcError, parseRetryAfter } from "./rpc-errors";

const url = "https://rpc.example/key";
const body = { jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [] };

/** What viem throws for a JSON-RPC error answer, as its http transport and request layer build it. */
function rpcError(
  error: { code: number; message: string; data?: unknown },
  http?: { status: number; retryAfter?: string },
) {
  const headers = http ? new Headers(http.retryAfter ? { "retry-after": http.retryAfter } : {}) : undefined;
  const inner = new RpcRequestError({ body, error, url, ...(http ? { status: http.status, headers } : {}) });
  return error.code === -32005 ? new LimitExceededRpcError(inner) : new UnknownRpcError(inner);
}

describe("classifyRpcError reads what the provider means", () => {
  it("BNB Chain's -32005 'limit exceeded' over HTTP 200 is a rate limit, not a range refusal", () => {
    const err = rpcError({ code: -32005, message: "limit exceeded" });
    expect(err.message).toMatch(/Request exceeds defined limit/); // viem's words, not the provider's
    expect(classifyRpcError(err)).toMatchObject({ kind: "rateLimit" });
  });

  it("HTTP 429 with a JSON-RPC -32005 body is a rate limit, with its Retry-After", () => {
    const err = rpcError({ code: -32005, message: "limit exceeded" }, { status: 429, retryAfter: "3" });
    expect(classifyRpcError(err)).toMatchObject({ kind: "rateLimit", retryAfterMs: 3_000 });
  });

  it("Infura's 429: backoff_seconds in the error data", () => {
    const err = rpcError(
      {
        code: -32005,
        message: "project ID request rate exceeded",
        data: { rate: { allowed_rps: 10, backoff_seconds: 30, current_rps: 13.3 }, see: "https://infura.io" },
      },
      { status: 429 },
    );
    expect(classifyRpcError(err)).toMatchObject({ kind: "rateLimit", retryAfterMs: 30_000 });
  });

  it("Alchemy's 429 with JSON-RPC code 429", () => {
    const err = rpcError(
      { code: 429, message: "Your app has exceeded its compute units per second capacity." },
      { status: 429 },
    );
    expect(classifyRpcError(err).kind).toBe("rateLimit");
  });

  it("a plain HTTP 429 (no JSON body) is a rate limit", () => {
    const headers = new Headers({ "retry-after": "2" });
    const err = new HttpRequestError({ url, status: 429, headers, details: "Too Many Requests", body });
    expect(classifyRpcError(err)).toMatchObject({ kind: "rateLimit", retryAfterMs: 2_000 });
  });

  it("Infura's -32005 'more than 10000 results' is still a range refusal, with its suggestion", () => {
    const err = rpcError({
      code: -32005,
      message: "query returned more than 10000 results. Try with this block range [0x10, 0x2f].",
    });
    expect(classifyRpcError(err)).toMatchObject({ kind: "range", suggestedTo: 0x2fn });
  });

  it("-32005 without range wording is EIP-1474's limit exceeded: a busy provider", () => {
    expect(classifyRpcError(rpcError({ code: -32005, message: "slow down" })).kind).toBe("rateLimit");
  });

  it.each([
    ["unknown block", "retryable"],
    ["BlockOutOfRangeError: block height is 80 but requested was 96", "retryable"],
    ["header not found", "retryable"],
    ["execution reverted", "fatal"],
  ])("a node that has not imported the block yet is retried elsewhere: %s → %s", (message, kind) => {
    expect(classifyRpcError(rpcError({ code: -32000, message })).kind).toBe(kind);
  });

  it("timeouts and malformed answers are retried", () => {
    expect(classifyRpcError(new TimeoutError({ body, url })).kind).toBe("retryable");
    expect(classifyRpcError(new MalformedRpcDataError("bad hash")).kind).toBe("retryable");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1_500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now)).toBe(7_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
