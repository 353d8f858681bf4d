import { keccak256, numberToHex, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import { createFinality } from "./finality";
import type { RpcPool } from "./rpc";

/** A node whose `finalized` tag answers from a script: a block number, or an error. */
function node(script: (bigint | Error)[]) {
  return {
    requestChecked: async (_m: string, _p: unknown[], check: (raw: unknown) => unknown) => {
      const next = script.shift();
      if (next === undefined || next instanceof Error) throw next ?? new Error("no answer");
      return check({
        number: numberToHex(next),
        hash: keccak256(toHex(`b${next}`)),
        parentHash: keccak256(toHex(`b${next - 1n}`)),
        timestamp: "0x1",
        logsBloom: `0x${"0".repeat(512)}`,
      });
    },
  } as unknown as RpcPool;
}
const log = createLogger("test", "silent");

describe("finality", () => {
  it("keeps the last finalized block it was told when the tag fails, never head - 12", async () => {
    const f = createFinality({
      pool: node([900n, new Error("timeout"), 880n, 950n]),
      log,
      confirmations: undefined,
      verifyDepth: 128,
    });
    expect(await f.view(1_000n, 10n)).toEqual({ head: 1_000n, finalized: 900n, verifyFrom: 873n });
    expect((await f.view(1_001n, 10n)).finalized).toBe(900n); // transient failure: the last one known
    expect((await f.view(1_002n, 10n)).finalized).toBe(900n); // a lagging node's lower answer: ignored
    expect((await f.view(1_003n, 10n)).finalized).toBe(950n);
  });

  it("rolls nothing new up before the node has ever answered, and checks only the usual window", async () => {
    const f = createFinality({
      pool: node([new Error("unsupported tag")]),
      log,
      confirmations: undefined,
      verifyDepth: 128,
    });
    expect(await f.view(1_000_000n, 10n)).toEqual({ head: 1_000_000n, finalized: 10n, verifyFrom: 999_873n });
  });

  it("counts confirmations when given, and checks the deeper of the two windows", async () => {
    const f = createFinality({ pool: node([]), log, confirmations: 200, verifyDepth: 128 });
    expect(await f.view(1_000n, 0n)).toEqual({ head: 1_000n, finalized: 800n, verifyFrom: 801n });
    const g = createFinality({ pool: node([]), log, confirmations: 0, verifyDepth: 128 });
    expect(await g.view(100n, 0n)).toEqual({ head: 100n, finalized: 100n, verifyFrom: 0n });
  });
});
