// A Keystone bundle source (issue #17) against anvil: a contract taking reports as Chainlink's
// DataFeedsCache does (onReport with (bytes32 dataId, uint32 timestamp, bytes bundle)[]) and
// emitting its real BundleReportUpdated(bytes16 indexed dataId, uint256 indexed timestamp, bytes
// bundle) — not only a hand-encoded log as in events.test.ts. Two feeds of one cache are two
// sources: each gets its own dataId's reports only, scaled from its own decimals; the cache's
// stale reports and its decimal feeds' AnswerUpdated are not reports of either.
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  encodeAbiParameters,
  encodeFunctionData,
  padHex,
  parseEventLogs,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import type { DbHandle } from "@/db/client";
import { upsertReserveSource } from "@/db/queries/market-indexer";
import { reserveReports } from "@/db/schema";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { startAnvil, type AnvilNode } from "@/lib/demo/chain/anvil";
import { localPublicClient, sendAndConfirm } from "@/lib/demo/chain/deploy";
import { demoBundleCacheAbi, demoBundleCacheBytecode } from "@/lib/demo/contracts/market/market-abi";
import { RpcPool } from "../rpc";
import { quietLog } from "../testing/harness";
import { createMarketFollower } from "./follower";

const CHAIN_ID = 31337;
const DEPLOYER = "0x00000000000000000000000000000000000ca5e0" as Address;
const FORWARDER = "0x00000000000000000000000000000000000f0a4d" as Address;
/** USD1's reserves feed (18 decimals) and another feed of the same cache (8 decimals). */
const OURS = "0x01a1b2c3d4e5f60708090a0b0c0d0e0f" as Hex;
const OTHER = "0x02ffeeddccbbaa998877665544332211" as Hex;
const T1 = 1_772_000_000;
const T2 = 1_772_014_400;

let node: AnvilNode;
let db: { handle: DbHandle; database: TestDatabase };
let cache: Address;
const txs: { hash: Hash; block: bigint; events: string[] }[] = [];

const bundle = (ts: number, reserves: bigint) =>
  encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [BigInt(ts), reserves]);
/** The report onReport takes: (bytes32 dataId, uint32 timestamp, bytes bundle)[], dataId left-aligned. */
const report = (rows: [dataId: Hex, ts: number, reserves: bigint][]) =>
  encodeAbiParameters(
    [{ type: "tuple[]", components: [{ name: "dataId", type: "bytes32" }, { name: "timestamp", type: "uint32" }, { name: "bundle", type: "bytes" }] }], // prettier-ignore
    [rows.map(([id, ts, reserves]) => ({ dataId: padHex(id, { size: 32, dir: "right" }), timestamp: ts, bundle: bundle(ts, reserves) }))], // prettier-ignore
  );

beforeAll(async () => {
  node = await startAnvil({ chainId: CHAIN_ID, timestamp: T1 - 3_600 });
  const client = localPublicClient(node.rpcUrl, CHAIN_ID);
  const send = (what: string, from: Address, data: Hex, to?: Address) =>
    sendAndConfirm(client, {
      rpcUrl: node.rpcUrl,
      chainId: CHAIN_ID,
      from,
      to,
      data,
      what,
      errors: demoBundleCacheAbi,
    });
  const deployed = await send("deploy DemoBundleCache", DEPLOYER, demoBundleCacheBytecode);
  cache = deployed.contractAddress!.toLowerCase() as Address;
  const onReport = (rows: [Hex, number, bigint][]) =>
    encodeFunctionData({ abi: demoBundleCacheAbi, functionName: "onReport", args: ["0x", report(rows)] });
  for (const [what, data] of [
    // ours at log 0, the other feed's at log 1
    [
      "reports at T1",
      onReport([
        [OURS, T1, 4_712_345_678_901_234_567_890_123_456n],
        [OTHER, T1, 98_765_432_100n],
      ]),
    ],
    // a decimal feed's DF1 event from the same cache
    [
      "decimal report",
      encodeFunctionData({ abi: demoBundleCacheAbi, functionName: "decimalReport", args: [1_000n, 7n] }),
    ],
    // the other feed's at log 0, ours at log 1, then ours again at T1: stale (no BundleReportUpdated)
    [
      "reports at T2",
      onReport([
        [OTHER, T2, 98_700_000_000n],
        [OURS, T2, 4_650_000_000_000_000_000_000_000_000n],
        [OURS, T1, 1n],
      ]),
    ],
  ] as const) {
    const r = await send(what, FORWARDER, data, cache);
    const events = parseEventLogs({ abi: demoBundleCacheAbi, logs: r.logs }).map((l) => l.eventName);
    txs.push({ hash: r.transactionHash, block: r.blockNumber, events });
  }
  db = await openTestDb("usd1_market_keystone");
  for (const [dataId, decimals, label] of [
    [OURS.toUpperCase().replace("0X", "0x"), 18, "USD1 PoR (bundle)"],
    [OTHER, 8, "Other feed (bundle)"],
  ] as const) {
    await upsertReserveSource(db.handle.db, { chainId: CHAIN_ID, kind: "keystone_bundle", address: cache, dataId, decimals, label, startBlock: deployed.blockNumber }); // prettier-ignore
  }
  const pool = new RpcPool({ urls: [node.rpcUrl], logger: quietLog });
  await createMarketFollower({ pool, chainId: CHAIN_ID, log: quietLog }).step(db.handle.db);
}, 120_000);

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
  await node?.stop();
});

describe("keystone_bundle source on a DataFeedsCache-shaped contract", () => {
  it("the cache emitted what the follower must sort out", () => {
    expect(txs.map((t) => t.events)).toEqual([
      ["BundleReportUpdated", "BundleReportUpdated"],
      ["AnswerUpdated"],
      ["BundleReportUpdated", "BundleReportUpdated", "StaleBundleReport"],
    ]);
  });

  it("each feed gets its own dataId's reports: bundle reserves, the report's timestamp, no round; stale and DF1 logs ignored", async () => {
    const rows = await db.handle.db
      .select()
      .from(reserveReports)
      .orderBy(asc(reserveReports.sourceId), asc(reserveReports.blockNumber), asc(reserveReports.logIndex));
    expect(
      rows.map((r) => [
        r.sourceId,
        r.blockNumber,
        r.txHash,
        r.logIndex,
        r.roundId,
        r.answer,
        r.reservesWei,
        r.reportedAt.toISOString(),
      ]),
    ).toEqual([
      [1, txs[0]!.block, txs[0]!.hash, 0, null, 4_712_345_678_901_234_567_890_123_456n, 4_712_345_678_901_234_567_890_123_456n, new Date(T1 * 1000).toISOString()], // prettier-ignore
      [1, txs[2]!.block, txs[2]!.hash, 1, null, 4_650_000_000_000_000_000_000_000_000n, 4_650_000_000_000_000_000_000_000_000n, new Date(T2 * 1000).toISOString()], // prettier-ignore
      [2, txs[0]!.block, txs[0]!.hash, 1, null, 98_765_432_100n, 987_654_321_000_000_000_000n, new Date(T1 * 1000).toISOString()], // prettier-ignore
      [2, txs[2]!.block, txs[2]!.hash, 0, null, 98_700_000_000n, 987_000_000_000_000_000_000n, new Date(T2 * 1000).toISOString()], // prettier-ignore
    ]);
  });
});
