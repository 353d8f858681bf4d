// The overview queries' fixture: two backends and one seeded history with exact figures.
// Chain 1 has a provisional tail above its rollups, chain 56 figures beyond 2^64, chain 8453 is
// registered but never indexed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type DbHandle } from "../client";
import {
  blocks,
  chains,
  dailyCorridorVolume,
  dailySupply,
  indexerCheckpoints,
  supplyReconciliations,
  transfers,
} from "../schema";
import { createTestDatabase } from "./test-db";

export const E18 = 10n ** 18n;
export const NOW = new Date("2025-03-10T12:00:00.000Z");
export const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const ADDR = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
export const ZERO = ADDR(0);
export const TOKEN = ADDR(0xd1);

type Backend = { name: string; open: () => Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> };

/** Real Postgres (a fresh local database) and PGlite (a temp folder): both must give the same figures. */
export const backends: Backend[] = [
  {
    name: "postgres",
    open: async () => {
      const database = await createTestDatabase("usd1_test_overview");
      const handle = await openDb({ url: database.url, applicationName: "usd1-test-overview" });
      return {
        handle,
        cleanup: async () => {
          await handle.close();
          await database.drop();
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
export async function seed(handle: DbHandle): Promise<void> {
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
