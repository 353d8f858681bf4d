import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { generateTraffic, type TrafficTotals } from "./testing/traffic";
import {
  dumpIndexedTables,
  OWNER,
  runOnce,
  startChainWithToken,
  transferTotals,
  type Chain,
} from "./testing/harness";

const CHAIN_ID = 31337;
let chain: Chain;
let truth: TrafficTotals;
let head: bigint;
const dbs: { handle: DbHandle; database: TestDatabase }[] = [];

beforeAll(async () => {
  chain = await startChainWithToken(CHAIN_ID);
  truth = await generateTraffic({
    rpcUrl: chain.node.rpcUrl,
    token: chain.token,
    owner: OWNER,
    blocks: 30,
    transfersPerBlock: 40,
  });
  const res = await fetch(chain.node.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  head = BigInt(((await res.json()) as { result: string }).result);
});

afterAll(async () => {
  for (const d of dbs) {
    await d.handle.close();
    await d.database.drop();
  }
  await chain?.node.stop();
});

async function freshDb() {
  const d = await openTestDb("usd1_idx");
  dbs.push(d);
  return d.handle;
}

describe("indexer backfill on Postgres", () => {
  it("stores exactly the chain's transfers and reconciles with totalSupply()", async () => {
    const handle = await freshDb();
    const { summary } = await runOnce(handle, {
      rpcUrls: [chain.node.rpcUrl],
      chainId: CHAIN_ID,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      toBlock: head.toString(),
      initialSpan: "3",
    });
    expect(summary.matches).toBe(true);
    const totals = await transferTotals(handle.db, CHAIN_ID);
    expect(totals.mint).toEqual(truth.mint);
    expect(totals.burn).toEqual(truth.burn);
    expect(totals.transfer).toEqual(truth.transfer);
    const [rec] = rowsOf<{ indexed_supply: string; onchain_supply: string; difference: string }>(
      await handle.db.execute(
        sql`select indexed_supply, onchain_supply, difference from supply_reconciliations`,
      ),
    );
    expect(rec).toEqual({
      indexed_supply: truth.supply.toString(),
      onchain_supply: truth.supply.toString(),
      difference: "0",
    });
    const ranges = rowsOf<{ from_block: string; to_block: string }>(
      await handle.db.execute(sql`select from_block, to_block from indexed_ranges`),
    );
    expect(ranges).toEqual([{ from_block: chain.deployBlock.toString(), to_block: head.toString() }]);
  });

  it("is idempotent: a second run over the same range changes nothing", async () => {
    const handle = await freshDb();
    const input = {
      rpcUrls: [chain.node.rpcUrl],
      chainId: CHAIN_ID,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      toBlock: head.toString(),
    };
    await runOnce(handle, input);
    const before = await dumpIndexedTables(handle.db);
    await runOnce(handle, input);
    expect(await dumpIndexedTables(handle.db)).toEqual(before);
  });
});

describe("the same indexer on embedded PGlite", () => {
  it("writes row-for-row the database Postgres gets", async () => {
    const input = {
      rpcUrls: [chain.node.rpcUrl],
      chainId: CHAIN_ID,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      toBlock: head.toString(),
      confirmations: 5,
    };
    const pgHandle = await freshDb();
    await runOnce(pgHandle, input);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-pglite-"));
    const lite = await openDb({ pgliteDir: path.join(dir, "db") });
    try {
      await migrateDb(lite);
      const { summary } = await runOnce(lite, input);
      expect(summary.matches).toBe(true);
      expect(await dumpIndexedTables(lite.db)).toEqual(await dumpIndexedTables(pgHandle.db));
      const totals = await transferTotals(lite.db, CHAIN_ID);
      expect(totals.transfer).toEqual(truth.transfer);
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
