import { hexToBytes, keccak256, numberToHex, pad, toHex, type Address, type Hash, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { TRANSFER_TOPIC, WATCHED_TOPICS } from "./abi";
import { checkChunk, newHeadCheckStats, type HeadCheckContext } from "./head-check";
import type { RpcPool } from "./rpc";
import type { RpcLog } from "./types";

const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d";
const hashOf = (n: bigint, fork = "main") => keccak256(toHex(`${fork}-${n}`));

/** A bloom holding `values` (Yellow Paper M3:2048), for blocks that hold our logs. */
function bloomOf(values: Hex[]): Hex {
  const bloom = new Uint8Array(256);
  for (const v of values) {
    const h = hexToBytes(keccak256(v));
    for (const i of [0, 2, 4]) {
      const bit = (((h[i] ?? 0) << 8) | (h[i + 1] ?? 0)) & 0x7ff;
      bloom[255 - (bit >> 3)]! |= 1 << (bit & 7);
    }
  }
  return toHex(bloom);
}
const EMPTY_BLOOM = `0x${"0".repeat(512)}` as Hex;
const OUR_BLOOM = bloomOf([TOKEN, TRANSFER_TOPIC]);
const GOVERNOR = "0x00000000000000000000000000000000000000c1";
const ROLE_GRANTED = "0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d";

function transferLog(n: bigint, fork = "main"): RpcLog {
  return {
    address: TOKEN,
    topics: [TRANSFER_TOPIC, pad("0x01"), pad("0x02")],
    data: pad("0x05"),
    blockNumber: numberToHex(n),
    blockHash: hashOf(n, fork),
    transactionHash: keccak256(toHex(`tx-${n}`)),
    logIndex: "0x0",
  };
}

/**
 * A chain where `withLogs` blocks hold one transfer each; headers through a fake pool. A block in
 * `fork` is answered from another branch: its own hash differs, its child still names the main one.
 */
function chain(withLogs: bigint[], opts: { fork?: Map<bigint, string>; bloom?: Hex } = {}) {
  const asked: bigint[] = [];
  const fork = (n: bigint) => opts.fork?.get(n) ?? "main";
  const pool = {
    requestChecked: async (_m: string, params: [Hex, boolean], check: (raw: unknown) => unknown) => {
      const n = BigInt(params[0]);
      asked.push(n);
      return check({
        number: params[0],
        hash: hashOf(n, fork(n)),
        parentHash: hashOf(n - 1n),
        timestamp: "0x10",
        logsBloom: withLogs.includes(n) ? (opts.bloom ?? OUR_BLOOM) : EMPTY_BLOOM,
      });
    },
  } as unknown as RpcPool;
  const byHash: Hash[] = [];
  const ctx = (verifyFrom: bigint, addresses: Address[] = [TOKEN]): HeadCheckContext => ({
    pool,
    addresses,
    topics: WATCHED_TOPICS,
    verifyFrom,
    stats: newHeadCheckStats(),
    fetchBlock: async (h) => {
      byHash.push(h);
      const n = withLogs.find((b) => hashOf(b, fork(b)) === h);
      return n === undefined ? [] : [transferLog(n, fork(n))];
    },
  });
  return { ctx, asked, byHash };
}

describe("checkChunk", () => {
  it("recovers logs a lagging backend answered [] for, by block hash, where the bloom says maybe", async () => {
    const c = chain([11n, 13n]);
    // The backend had imported up to 11 only: 13's log is missing from the range answer.
    const got = await checkChunk(
      c.ctx(0n),
      { fromBlock: 10n, toBlock: 14n, logs: [transferLog(11n)] },
      undefined,
    );
    expect(got.logs.map((l) => l.blockNumber)).toEqual(["0xb", "0xd"]);
    expect(got.recovered).toBe(1);
    // 12 and 14: bloom says none; 10: before the last log, so the backend had it.
    expect(c.byHash).toEqual([hashOf(13n)]);
  });

  it("checks the bloom for the governors too: a block where only a governor logged is asked again", async () => {
    const governorOnly = { bloom: bloomOf([GOVERNOR, ROLE_GRANTED]) };
    const c = chain([12n], governorOnly);
    await checkChunk(c.ctx(0n, [TOKEN, GOVERNOR]), { fromBlock: 10n, toBlock: 13n, logs: [] }, undefined);
    expect(c.byHash).toEqual([hashOf(12n)]);
    const d = chain([12n], governorOnly);
    await checkChunk(d.ctx(0n, [TOKEN]), { fromBlock: 10n, toBlock: 13n, logs: [] }, undefined);
    expect(d.byHash).toEqual([]); // the token alone: that block cannot hold its logs
  });

  it("does not ask by hash when the answer's last log vouches for the blocks before it", async () => {
    const c = chain([10n, 12n]);
    const logs = [transferLog(10n), transferLog(12n)];
    const got = await checkChunk(c.ctx(0n), { fromBlock: 10n, toBlock: 12n, logs }, undefined);
    expect(got.recovered).toBe(0);
    expect(c.byHash).toEqual([]);
  });

  it("links every block in the window to its parent and the chunk to the batch before it", async () => {
    const c = chain([], { fork: new Map([[12n, "other"]]) });
    await expect(
      checkChunk(c.ctx(0n), { fromBlock: 10n, toBlock: 14n, logs: [] }, undefined),
    ).rejects.toThrow(/block 13 does not descend/);
    const d = chain([]);
    const prev = { number: 9n, hash: hashOf(9n, "stale") };
    await expect(checkChunk(d.ctx(0n), { fromBlock: 10n, toBlock: 11n, logs: [] }, prev)).rejects.toThrow(
      /block 10 does not descend/,
    );
  });

  it("refetches when a log's block hash is not its header's (a reorg between the two calls)", async () => {
    const c = chain([11n]);
    const stale = { ...transferLog(11n), blockHash: hashOf(11n, "old") };
    await expect(
      checkChunk(c.ctx(0n), { fromBlock: 10n, toBlock: 12n, logs: [stale] }, undefined),
    ).rejects.toThrow(/changed while fetching/);
  });

  it("below the window reads only the headers it stores: blocks with logs and the last one", async () => {
    const c = chain([105n]);
    const got = await checkChunk(
      c.ctx(1_000n),
      { fromBlock: 100n, toBlock: 200n, logs: [transferLog(105n)] },
      undefined,
    );
    expect(c.asked.sort()).toEqual([105n, 200n]);
    expect([...got.headers.keys()].sort()).toEqual([105n, 200n]);
  });

  it("from the window on, reads every block (and the one before the window, to link it)", async () => {
    const c = chain([]);
    await checkChunk(c.ctx(198n), { fromBlock: 190n, toBlock: 200n, logs: [] }, undefined);
    expect(c.asked.sort((a, b) => Number(a - b))).toEqual([197n, 198n, 199n, 200n]);
  });
});
