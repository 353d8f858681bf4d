// No transfer lost near the head with real providers: the follow-mode CLI behind a lagging,
// rate-limiting, truncating provider (and a failover node that lags) while transfers keep arriving;
// one-shot runs interleaved with reorgs; a second look before final that catches what a provider
// hid the first time.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import {
  createPublicClient,
  encodeFunctionData,
  http,
  numberToHex,
  parseAbiItem,
  zeroAddress,
  type Address,
} from "viem";
import { openDb, type DbHandle } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase, openTestDb } from "@/db/testing/test-db";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { startFlakyRpcProxy, type FlakyRpcOptions } from "./testing/flaky-rpc-proxy";
import { generateTraffic, steadyTraffic, testWallets } from "./testing/traffic";
import {
  blockNumber,
  chainTransferTotals,
  dumpIndexedTables,
  OWNER,
  rawRpc,
  runCli,
  runOnce,
  startChainWithToken,
  transferTotals,
  until,
  type Chain,
} from "./testing/harness";

const CHAIN_ID = 31337;
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

async function chainWithTraffic(blocks: number, transfersPerBlock: number): Promise<Chain> {
  const chain = await startChainWithToken(CHAIN_ID);
  cleanup.push(() => chain.node.stop());
  await generateTraffic({
    rpcUrl: chain.node.rpcUrl,
    token: chain.token,
    owner: OWNER,
    blocks,
    transfersPerBlock,
  });
  return chain;
}

async function freshDb(): Promise<DbHandle> {
  const d = await openTestDb("usd1_head");
  cleanup.push(async () => {
    await d.handle.close();
    await d.database.drop();
  });
  return d.handle;
}

async function proxy(chain: Chain, opts: Omit<FlakyRpcOptions, "upstream">) {
  const p = await startFlakyRpcProxy({ upstream: chain.node.rpcUrl, ...opts });
  cleanup.push(() => p.close());
  return p;
}

/** Every Transfer the token emitted, straight from the node, as the transfers table stores it. */
async function chainTransferRows(chain: Chain): Promise<string[]> {
  const client = createPublicClient({ transport: http(chain.node.rpcUrl), cacheTime: 0 });
  const logs = await client.getLogs({
    address: chain.token,
    event: parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)"),
    fromBlock: chain.deployBlock,
    toBlock: "latest",
  });
  return logs.map((l) => {
    const { from, to, value } = l.args as { from: Address; to: Address; value: bigint };
    const kind = from === zeroAddress ? "mint" : to === zeroAddress ? "burn" : "transfer";
    const row = [
      l.blockNumber,
      l.transactionHash,
      l.logIndex,
      from.toLowerCase(),
      to.toLowerCase(),
      value,
      kind,
    ];
    return row.join(" ");
  });
}

async function storedTransferRows(h: DbHandle): Promise<string[]> {
  const rows = rowsOf<{ r: string }>(
    await h.db.execute(sql`select concat_ws(' ', block_number, tx_hash, log_index, from_address, to_address,
      amount, kind) as r from transfers where chain_id = ${CHAIN_ID} order by block_number, log_index`),
  );
  return rows.map((x) => x.r);
}

/** What a clean one-shot run writes for the same chain: the database every other path must equal. */
async function cleanDump(chain: Chain, confirmations: number) {
  const h = await freshDb();
  await runOnce(h, {
    rpcUrls: [chain.node.rpcUrl],
    chainId: CHAIN_ID,
    address: chain.token,
    fromBlock: chain.deployBlock.toString(),
    confirmations,
  });
  return dumpIndexedTables(h.db);
}

async function expectSameTables(h: DbHandle, expected: Record<string, string[]>) {
  const got = await dumpIndexedTables(h.db);
  for (const k of Object.keys(expected)) expect({ [k]: got[k] }).toEqual({ [k]: expected[k] });
}

describe("following the head behind real providers' faults", () => {
  it("stores every transfer exactly, for a minute of one transfer a block, and never exits", async () => {
    const chain = await chainWithTraffic(10, 20);
    // The main RPC: eth_getLogs from a backend 3 blocks behind half the time ("unknown block" by
    // hash for blocks it lacks, as geth says), rate limits in three dialects with Retry-After,
    // BNB's "limit exceeded" over HTTP 200, answers cut silently at 50 logs.
    const main = await proxy(chain, {
      seed: 11,
      lagBlocks: 3,
      lagRate: 0.5,
      rateLimit429: 0.03,
      rateLimitBody: "rotate",
      retryAfter: 1,
      rateLimitJson: 0.03,
      error503: 0.01,
      truncateLogsAt: 50,
      firstFaults: ["rateLimitJson", "rateLimit429"],
    });
    // The failover RPC: a whole node 4 blocks behind, also busy at times.
    const failover = await proxy(chain, {
      seed: 12,
      nodeLagBlocks: 4,
      rateLimitJson: 0.03,
      truncateLogsAt: 50,
    });
    const database = await createTestDatabase("usd1_head_follow");
    const observer = await openDb({ url: database.url, poolSize: 1 });
    cleanup.push(async () => {
      await observer.close();
      await database.drop();
    });
    const args = [
      ...["--rpc", main.url, "--rpc", failover.url, "--chain-id", String(CHAIN_ID)],
      ...["--address", chain.token, "--from-block", chain.deployBlock.toString(), "--follow"],
      ...["--confirmations", "6", "--poll-ms", "200", "--log-cap", "50", "--target-logs", "100"],
    ];
    const run = runCli(args, { DATABASE_URL: database.url });
    cleanup.push(async () => {
      run.child.kill("SIGKILL");
    });
    const alive = () => {
      if (run.child.exitCode !== null || run.child.signalCode !== null)
        throw new Error(
          `indexer exited (${run.child.exitCode}): ${run.stderr()} ${run.stdout().slice(-3000)}`,
        );
    };
    const started = Date.now();
    const mined = await steadyTraffic({
      rpcUrl: chain.node.rpcUrl,
      token: chain.token,
      owner: OWNER,
      intervalMs: 400,
      until: () => Date.now() - started > 62_000,
      onBlock: alive,
    });
    expect(mined).toBeGreaterThan(100);
    const head = await blockNumber(chain.node.rpcUrl);
    await until(
      "the indexer caught up and rolled up to head - 6",
      async () => {
        alive();
        const cp = await getCheckpoint(observer.db, CHAIN_ID);
        return cp?.indexedBlock === head && cp.rolledUpBlock === head - 6n;
      },
      60_000,
    );
    alive();
    expect(await storedTransferRows(observer)).toEqual(await chainTransferRows(chain));
    await expectSameTables(observer, await cleanDump(chain, 6));
    const cp = await getCheckpoint(observer.db, CHAIN_ID);
    expect(cp?.lastReorgDepth ?? null).toBeNull(); // the lagging failover node never caused a rollback
    const recs = rowsOf<{ n: number; bad: number }>(
      await observer.db.execute(
        sql`select count(*)::int as n, (count(*) filter (where not matches))::int as bad from supply_reconciliations`,
      ),
    );
    expect(recs[0]?.n).toBeGreaterThan(0);
    expect(recs[0]?.bad).toBe(0); // reconciled at final blocks only: no false mismatch
    // The faults happened, and the lagging backend's empty answers were caught at the first look.
    for (const k of ["lagBlocks", "rateLimit429", "rateLimitJson", "truncateLogsAt"])
      expect({ [k]: main.stats[k] }).not.toEqual({ [k]: 0 });
    expect(failover.stats.nodeLagBlocks).toBeGreaterThan(0);
    expect(run.stdout()).toMatch(/lagging backend\): recovered/);
    // ... so completely that the second look never had to index anything again.
    expect(run.stdout()).not.toMatch(/differ from the node before becoming final/);
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  });
});

/** Replaces the last `depth` blocks with as many new ones, the first holding one transfer to `to`. */
async function reorg(chain: Chain, depth: number, to: Address, amount: bigint) {
  const data = encodeFunctionData({ abi: usd1Abi, functionName: "transfer", args: [to, amount] });
  const tx = { from: OWNER, to: chain.token, data, gas: numberToHex(200_000), gasPrice: "0x0" };
  await rawRpc(chain.node.rpcUrl, "anvil_reorg", [depth, [[tx, 0]]]);
}

describe("one-shot runs", () => {
  it("interleaved with reorgs, leave the rollups exactly as one clean run does", async () => {
    const chain = await chainWithTraffic(8, 6);
    const h = await freshDb();
    const once = () =>
      runOnce(h, {
        rpcUrls: [chain.node.rpcUrl],
        chainId: CHAIN_ID,
        address: chain.token,
        fromBlock: chain.deployBlock.toString(),
        confirmations: 4,
      });
    const more = (blocks: number) =>
      generateTraffic({
        rpcUrl: chain.node.rpcUrl,
        token: chain.token,
        owner: OWNER,
        blocks,
        transfersPerBlock: 4,
      });
    const [a, b] = testWallets(2, "one-shot-reorg") as [Address, Address];
    await once(); // leaves 4 provisional blocks
    await reorg(chain, 3, a, 7n * 10n ** 17n);
    await more(2);
    await once(); // must drop the orphaned rows before extending
    await more(6); // the new branch becomes final in the next run
    await once();
    await reorg(chain, 2, b, 9n * 10n ** 17n);
    await once();
    await more(5);
    const { summary } = await once();
    expect(summary.matches).toBe(true);
    expect((await getCheckpoint(h.db, CHAIN_ID))?.lastReorgDepth).toBeGreaterThanOrEqual(2);
    expect(await transferTotals(h.db, CHAIN_ID)).toEqual(
      await chainTransferTotals(chain.node.rpcUrl, chain.token, chain.deployBlock),
    );
    expect(await storedTransferRows(h)).toEqual(await chainTransferRows(chain));
    await expectSameTables(h, await cleanDump(chain, 4));
  });

  it("look again before blocks become final, and index again what a provider hid the first time", async () => {
    const chain = await chainWithTraffic(6, 5);
    const h = await freshDb();
    // A non-compliant provider: its eth_getLogs backend is 3 blocks behind and answers [] even by
    // hash for blocks it lacks, so the first look at the newest 3 blocks misses their logs.
    const hiding = await proxy(chain, { lagBlocks: 3, lagByHash: "empty" });
    const once = (rpc: string) =>
      runOnce(h, {
        rpcUrls: [rpc],
        chainId: CHAIN_ID,
        address: chain.token,
        fromBlock: chain.deployBlock.toString(),
        confirmations: 5,
      });
    const more = (blocks: number) =>
      generateTraffic({
        rpcUrl: chain.node.rpcUrl,
        token: chain.token,
        owner: OWNER,
        blocks,
        transfersPerBlock: 3,
      });
    await once(hiding.url);
    const head1 = await blockNumber(chain.node.rpcUrl);
    const stored1 = await storedTransferRows(h);
    const truth1 = await chainTransferRows(chain);
    expect(stored1.length).toBeLessThan(truth1.length); // the provisional tail is incomplete
    expect(stored1).toEqual(truth1.filter((r) => BigInt(r.split(" ")[0] ?? "0") <= head1 - 3n));
    const rolled1 = (await getCheckpoint(h.db, CHAIN_ID))?.rolledUpBlock;
    expect(rolled1).toBe(head1 - 5n);

    await more(6);
    await once(hiding.url); // the second look finds the hidden rows: everything provisional is indexed again
    const cp2 = await getCheckpoint(h.db, CHAIN_ID);
    expect(cp2?.rolledUpBlock).toBe(rolled1); // and nothing became final on that one look
    expect(cp2?.lastReorgDepth ?? null).toBeNull(); // not a reorg
    const head2 = await blockNumber(chain.node.rpcUrl);
    const truth2 = await chainTransferRows(chain);
    expect(await storedTransferRows(h)).toEqual(
      truth2.filter((r) => BigInt(r.split(" ")[0] ?? "0") <= head2 - 3n),
    );

    await more(6);
    await once(chain.node.rpcUrl);
    await once(chain.node.rpcUrl);
    expect(await storedTransferRows(h)).toEqual(await chainTransferRows(chain));
    await expectSameTables(h, await cleanDump(chain, 5));
  });
});
