// Same suite on real Postgres (fresh database per run) and on PGlite (temp folder): both drivers
// must return the same exact wei figures.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../client";
import { migrateDb } from "../migrate";
import {
  blocks,
  chains,
  dailyCorridorVolume,
  dailySupply,
  indexerCheckpoints,
  supplyReconciliations,
  transfers,
} from "../schema";
import {
  getDataPresence,
  getIndexerStatus,
  getIssuanceWindows,
  getLatestReconciliations,
  getSupplyByChain,
  getTopCorridors,
  pingDatabase,
} from "./overview";

const E18 = 10n ** 18n;
const NOW = new Date("2025-03-10T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ADDR = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const ZERO = ADDR(0);
const TOKEN = ADDR(0xd1);

type Backend = { name: string; open: () => Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> };

/** Admin URL on the local server; refuses anything but a loopback host (tests create and drop). */
function adminUrl(): URL {
  const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname)) {
    throw new Error(`refusing to create test databases on non-local host ${url.hostname}`);
  }
  url.pathname = "/postgres";
  return url;
}

const backends: Backend[] = [
  {
    name: "postgres",
    open: async () => {
      const admin = adminUrl();
      const dbName = `usd1_test_overview_${randomBytes(6).toString("hex")}`;
      const adminClient = new pg.Client({ connectionString: admin.toString() });
      await adminClient.connect();
      await adminClient.query(`create database ${dbName}`);
      const url = new URL(admin);
      url.pathname = `/${dbName}`;
      const handle = await openDb({ url: url.toString(), applicationName: "usd1-test-overview" });
      return {
        handle,
        cleanup: async () => {
          await handle.close();
          await adminClient.query(`drop database if exists ${dbName} with (force)`);
          await adminClient.end();
        },
      };
    },
  },
  {
    name: "pglite",
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-overview-"));
      const handle = await openDb({ pgliteDir: path.join(dir, "db") });
      return {
        handle,
        cleanup: async () => {
          await handle.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

let txCounter = 0;
function transfer(
  chainId: number,
  blockNumber: bigint,
  blockTime: Date,
  kind: "mint" | "burn" | "transfer",
  amount: bigint,
) {
  txCounter += 1;
  return {
    chainId,
    blockNumber,
    blockTime,
    txHash: `0x${txCounter.toString(16).padStart(64, "0")}` as const,
    logIndex: 0,
    fromAddress: kind === "mint" ? ZERO : ADDR(0xa),
    toAddress: kind === "burn" ? ZERO : ADDR(0xb),
    amount,
    kind,
  };
}

/**
 * Chain 1: rollups to block 990, indexed to 1000 (tail of mints/burns above 990 must count once).
 * Chain 56: rollups to 4900 with figures beyond 2^64. Chain 8453: registered, never indexed.
 */
async function seed(handle: DbHandle): Promise<void> {
  const { db } = handle;
  await db.insert(chains).values([
    { chainId: 1, name: "Ethereum", tokenAddress: TOKEN, startBlock: 100n, confirmations: 12 },
    { chainId: 56, name: "BNB Smart Chain", tokenAddress: TOKEN, startBlock: 100n, confirmations: 15 },
    { chainId: 8453, name: "Base", tokenAddress: TOKEN, startBlock: 100n, confirmations: 10 },
  ]);
  await db.insert(indexerCheckpoints).values([
    {
      chainId: 1,
      indexedBlock: 1000n,
      rolledUpBlock: 990n,
      headBlock: 1005n,
      finalizedBlock: 990n,
      headSeenAt: at(-10_000),
      rpcErrors: 3,
      lastReorgAt: at(-2 * HOUR),
      lastReorgDepth: 2,
      updatedAt: at(-5_000),
    },
    { chainId: 56, indexedBlock: 5000n, rolledUpBlock: 4900n, headBlock: 5000n, updatedAt: at(-MIN) },
  ]);
  await db.insert(dailySupply).values([
    { chainId: 1, day: "2025-03-01", minted: 1000n * E18, burned: 0n },
    { chainId: 1, day: "2025-03-05", minted: 500n * E18 + 1n, burned: 200n * E18 },
    { chainId: 56, day: "2025-03-08", minted: 10n ** 30n + 7n, burned: 3n },
  ]);
  await db.insert(transfers).values([
    transfer(1, 800n, at(-8 * DAY), "mint", E18), // outside 7d
    transfer(1, 900n, at(-3 * DAY), "burn", 100n * E18), // 7d only
    transfer(1, 950n, at(-DAY), "mint", 3n), // exactly now − 24h: 7d, not 24h
    transfer(1, 989n, at(-2 * HOUR), "mint", 7n), // rolled up: window yes, supply tail no
    transfer(1, 995n, at(-HOUR), "mint", 250n * E18), // tail
    transfer(1, 998n, at(-30 * MIN), "burn", 50n * E18), // tail
    transfer(1, 999n, at(-20 * MIN), "transfer", 10n * E18), // not issuance
    transfer(1, 1000n, at(MIN), "mint", 1n), // tail; after `now`, so in no window
    transfer(56, 4800n, at(-6 * DAY), "mint", 10n ** 30n), // rolled up
    transfer(56, 4950n, at(-10 * MIN), "burn", 5n), // tail
  ]);
  await db.insert(blocks).values([
    {
      chainId: 1,
      number: 995n,
      hash: `0x${"1".repeat(64)}`,
      parentHash: `0x${"0".repeat(64)}`,
      timestamp: at(-HOUR),
    },
    {
      chainId: 1,
      number: 1000n,
      hash: `0x${"2".repeat(64)}`,
      parentHash: `0x${"1".repeat(64)}`,
      timestamp: at(MIN),
    },
    {
      chainId: 1,
      number: 1001n,
      hash: `0x${"3".repeat(64)}`,
      parentHash: `0x${"2".repeat(64)}`,
      timestamp: at(2 * MIN),
    },
    // Above chain 1's indexed block but below chain 56's: must not date chain 56.
    {
      chainId: 1,
      number: 4995n,
      hash: `0x${"5".repeat(64)}`,
      parentHash: `0x${"0".repeat(64)}`,
      timestamp: at(-HOUR),
    },
    {
      chainId: 56,
      number: 4990n,
      hash: `0x${"4".repeat(64)}`,
      parentHash: `0x${"0".repeat(64)}`,
      timestamp: at(-5 * MIN),
    },
  ]);
  await db.insert(supplyReconciliations).values([
    {
      chainId: 1,
      blockNumber: 990n,
      indexedSupply: 1300n * E18 + 1n,
      onchainSupply: 1300n * E18 + 1n,
      difference: 0n,
      matches: true,
    },
    {
      chainId: 1,
      blockNumber: 900n,
      indexedSupply: 10n,
      onchainSupply: 15n,
      difference: -5n,
      matches: false,
    },
    {
      chainId: 56,
      blockNumber: 4900n,
      indexedSupply: 10n ** 30n + 16n,
      onchainSupply: 10n ** 30n + 4n,
      difference: 12n,
      matches: false,
    },
  ]);
  const corridor = (
    chainId: number,
    day: string,
    o: string,
    d: string,
    adjustedVolume: bigint,
    adjustedCount: number,
  ) => ({
    chainId,
    day,
    originCountry: o,
    destinationCountry: d,
    adjustedVolume,
    adjustedCount,
    volume: adjustedVolume + E18,
    transferCount: adjustedCount + 1,
  });
  await db.insert(dailyCorridorVolume).values([
    corridor(1, "2025-03-01", "AE", "PK", 100n * E18, 3),
    corridor(56, "2025-03-02", "AE", "PK", 50n * E18, 2),
    corridor(1, "2025-03-03", "GB", "PK", 120n * E18, 4),
    corridor(1, "2025-01-01", "SA", "PK", 1000n * E18, 9), // before `since`
    corridor(1, "2025-03-04", "ZZ", "PK", 130n * E18, 1),
    corridor(1, "2025-03-05", "PK", "PK", 0n, 0), // intra-entity only: no adjusted volume
    corridor(1, "2025-02-09", "US", "PK", 1n, 1), // exactly on `since`
  ]);
}

describe.each(backends)("overview queries on $name", (backend) => {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it("reports an unmigrated database as not ready rather than failing", async () => {
    await pingDatabase(handle.db);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: false, chainCount: 0 });
    await migrateDb(handle);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: true, chainCount: 0 });
    expect(await getSupplyByChain(handle.db)).toEqual({ total: 0n, chains: [] });
    expect((await getIssuanceWindows(handle.db, { now: NOW })).total.d7.net).toBe(0n);
    await seed(handle);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: true, chainCount: 3 });
  });

  it("sums rollups plus the provisional tail above rolled_up_block", async () => {
    const supply = await getSupplyByChain(handle.db);
    expect(
      supply.chains.map((c) => [c.chainId, c.name, c.rolledUpSupply, c.provisionalDelta, c.supply]),
    ).toEqual([
      [1, "Ethereum", 1300n * E18 + 1n, 200n * E18 + 1n, 1500n * E18 + 2n],
      [56, "BNB Smart Chain", 10n ** 30n + 4n, -5n, 10n ** 30n - 1n],
      [8453, "Base", 0n, 0n, 0n],
    ]);
    expect(supply.chains[0]).toMatchObject({ rolledUpBlock: 990n, indexedBlock: 1000n });
    expect(supply.chains[2]).toMatchObject({ rolledUpBlock: null, indexedBlock: null });
    expect(supply.total).toBe(10n ** 30n + 1500n * E18 + 1n);
  });

  it("computes 24h and 7d windows from raw transfers", async () => {
    const w = await getIssuanceWindows(handle.db, { now: NOW });
    const eth = w.chains.find((c) => c.chainId === 1)!;
    expect(eth.h24).toEqual({
      minted: 250n * E18 + 7n,
      burned: 50n * E18,
      net: 200n * E18 + 7n,
      mintCount: 2,
      burnCount: 1,
    });
    expect(eth.d7).toEqual({
      minted: 250n * E18 + 10n,
      burned: 150n * E18,
      net: 100n * E18 + 10n,
      mintCount: 3,
      burnCount: 2,
    });
    const bnb = w.chains.find((c) => c.chainId === 56)!;
    expect(bnb.h24).toEqual({ minted: 0n, burned: 5n, net: -5n, mintCount: 0, burnCount: 1 });
    expect(bnb.d7).toEqual({
      minted: 10n ** 30n,
      burned: 5n,
      net: 10n ** 30n - 5n,
      mintCount: 1,
      burnCount: 1,
    });
    expect(w.chains.find((c) => c.chainId === 8453)!.d7.net).toBe(0n);
    expect(w.total.h24).toEqual({
      minted: 250n * E18 + 7n,
      burned: 50n * E18 + 5n,
      net: 200n * E18 + 2n,
      mintCount: 2,
      burnCount: 2,
    });
    expect(w.total.d7).toEqual({
      minted: 10n ** 30n + 250n * E18 + 10n,
      burned: 150n * E18 + 5n,
      net: 10n ** 30n + 100n * E18 + 5n,
      mintCount: 4,
      burnCount: 3,
    });
  });

  it("ranks corridors by adjusted volume across chains", async () => {
    const top3 = await getTopCorridors(handle.db, { since: "2025-02-09", limit: 3 });
    expect(top3).toEqual([
      {
        originCountry: "AE",
        destinationCountry: "PK",
        adjustedVolume: 150n * E18,
        adjustedCount: 5,
        volume: 152n * E18,
        transferCount: 7,
      },
      {
        originCountry: "ZZ",
        destinationCountry: "PK",
        adjustedVolume: 130n * E18,
        adjustedCount: 1,
        volume: 131n * E18,
        transferCount: 2,
      },
      {
        originCountry: "GB",
        destinationCountry: "PK",
        adjustedVolume: 120n * E18,
        adjustedCount: 4,
        volume: 121n * E18,
        transferCount: 5,
      },
    ]);
    const all = await getTopCorridors(handle.db, { since: "2025-02-09", limit: 10 });
    expect(all.map((c) => `${c.originCountry}>${c.destinationCountry}:${c.adjustedVolume}`)).toEqual([
      `AE>PK:${150n * E18}`,
      `ZZ>PK:${130n * E18}`,
      `GB>PK:${120n * E18}`,
      "US>PK:1",
    ]);
    expect(await getTopCorridors(handle.db, { since: "2025-03-06", limit: 10 })).toEqual([]);
  });

  it("reports indexer status per chain", async () => {
    const status = await getIndexerStatus(handle.db);
    expect(status.map((s) => s.chainId)).toEqual([1, 56, 8453]);
    expect(status[0]).toEqual({
      chainId: 1,
      name: "Ethereum",
      indexedBlock: 1000n,
      rolledUpBlock: 990n,
      headBlock: 1005n,
      finalizedBlock: 990n,
      lagBlocks: 5n,
      indexedBlockTime: at(MIN),
      headSeenAt: at(-10_000),
      updatedAt: at(-5_000),
      rpcErrors: 3,
      lastReorgAt: at(-2 * HOUR),
      lastReorgDepth: 2,
    });
    // No header at 5000 itself: the latest one below it dates the indexed position.
    expect(status[1]).toMatchObject({
      lagBlocks: 0n,
      indexedBlockTime: at(-5 * MIN),
      finalizedBlock: null,
      lastReorgAt: null,
    });
    expect(status[2]).toMatchObject({
      name: "Base",
      indexedBlock: null,
      lagBlocks: null,
      updatedAt: null,
      rpcErrors: 0,
    });
  });

  it("returns the latest reconciliation per chain", async () => {
    const recs = await getLatestReconciliations(handle.db);
    expect(recs.map(({ checkedAt: _c, ...r }) => r)).toEqual([
      {
        chainId: 1,
        blockNumber: 990n,
        indexedSupply: 1300n * E18 + 1n,
        onchainSupply: 1300n * E18 + 1n,
        difference: 0n,
        matches: true,
      },
      {
        chainId: 56,
        blockNumber: 4900n,
        indexedSupply: 10n ** 30n + 16n,
        onchainSupply: 10n ** 30n + 4n,
        difference: 12n,
        matches: false,
      },
    ]);
    expect(recs[0]!.checkedAt).toBeInstanceOf(Date);
  });
});
