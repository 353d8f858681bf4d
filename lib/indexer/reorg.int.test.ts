import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { encodeFunctionData, numberToHex, type Address } from "viem";
import type { DbHandle } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { checkForReorg } from "./reorg";
import { RpcPool } from "./rpc";
import { generateTraffic, testWallets } from "./testing/traffic";
import {
  blockNumber,
  chainTransferTotals,
  OWNER,
  rawRpc,
  startFollowing,
  quietLog,
  startChainWithToken,
  until,
  transferTotals,
  type Chain,
} from "./testing/harness";

const CHAIN_ID = 31337;
let chain: Chain;
let db: { handle: DbHandle; database: TestDatabase };
const controller = new AbortController();
let running: Promise<unknown>;

const rpc = (method: string, params: unknown[]) => rawRpc(chain.node.rpcUrl, method, params);

const caughtUp = async () => {
  const head = await blockNumber(chain.node.rpcUrl);
  const cp = await getCheckpoint(db.handle.db, CHAIN_ID);
  return cp && cp.indexedBlock === head ? cp : undefined;
};

beforeAll(async () => {
  chain = await startChainWithToken(CHAIN_ID);
  db = await openTestDb("usd1_reorg");
  await generateTraffic({
    rpcUrl: chain.node.rpcUrl,
    token: chain.token,
    owner: OWNER,
    blocks: 6,
    transfersPerBlock: 10,
  });
  ({ running } = await startFollowing(db.handle, chain, CHAIN_ID, controller.signal));
  await until("initial catch-up", caughtUp);
});

afterAll(async () => {
  controller.abort();
  await running?.catch(() => undefined);
  await db?.handle.close();
  await db?.database.drop();
  await chain?.node.stop();
});

describe("reorgs in follow mode", () => {
  it("rolls back to the common ancestor and re-indexes the new branch", async () => {
    await generateTraffic({
      rpcUrl: chain.node.rpcUrl,
      token: chain.token,
      owner: OWNER,
      blocks: 3,
      transfersPerBlock: 10,
    });
    await until("new blocks indexed", caughtUp);
    const before = await blockNumber(chain.node.rpcUrl);
    const orphaned = rowsOf<{ tx_hash: string }>(
      await db.handle.db.execute(
        sql`select distinct tx_hash from transfers where block_number > ${before - 3n}`,
      ),
    );
    expect(orphaned.length).toBeGreaterThan(0);

    // Replace the last 3 blocks with a branch holding one transfer of exactly 12.345 USD1.
    const [wallet] = testWallets(1, "reorg");
    const amount = 12_345n * 10n ** 15n;
    const data = encodeFunctionData({
      abi: usd1Abi,
      functionName: "transfer",
      args: [wallet as Address, amount],
    });
    await rpc("anvil_reorg", [
      3,
      [[{ from: OWNER, to: chain.token, data, gas: numberToHex(200_000), gasPrice: "0x0" }, 1]],
    ]);
    const cp = await until("reorg handled", async () => {
      const c = await caughtUp();
      return c?.lastReorgDepth ? c : undefined;
    });
    expect(cp.lastReorgDepth).toBeGreaterThanOrEqual(3);
    expect(await transferTotals(db.handle.db, CHAIN_ID)).toEqual(
      await chainTransferTotals(chain.node.rpcUrl, chain.token, chain.deployBlock),
    );
    const stillThere = rowsOf<{ n: string }>(
      await db.handle.db.execute(
        sql`select count(*)::text as n from transfers where tx_hash in (${sql.join(
          orphaned.map((o) => sql`${o.tx_hash}`),
          sql`, `,
        )})`,
      ),
    );
    expect(stillThere[0]?.n).toBe("0");
    const replacement = rowsOf<{ amount: string; to_address: string }>(
      await db.handle.db.execute(
        sql`select amount::text, to_address from transfers where block_number > ${before - 3n}`,
      ),
    );
    expect(replacement).toEqual([{ amount: amount.toString(), to_address: wallet }]);
  });

  it("refuses a node that disagrees with a final block, and changes nothing", async () => {
    await generateTraffic({
      rpcUrl: chain.node.rpcUrl,
      token: chain.token,
      owner: OWNER,
      blocks: 2,
      transfersPerBlock: 5,
    });
    const cp = await until("caught up with a provisional tail", async () => {
      const c = await caughtUp();
      return c && c.indexedBlock > c.rolledUpBlock ? c : undefined;
    });
    controller.abort();
    await running.catch(() => undefined);
    // A second node with the same chain id and token address, but its own history: a fork.
    const fork = await startChainWithToken(CHAIN_ID);
    try {
      await generateTraffic({
        rpcUrl: fork.node.rpcUrl,
        token: fork.token,
        owner: OWNER,
        blocks: 12,
        transfersPerBlock: 3,
      });
      const before = await transferTotals(db.handle.db, CHAIN_ID);
      const pool = new RpcPool({ urls: [fork.node.rpcUrl], logger: quietLog });
      await expect(
        checkForReorg({
          db: db.handle.db,
          pool,
          chainId: CHAIN_ID,
          head: await blockNumber(fork.node.rpcUrl),
          log: quietLog,
        }),
      ).rejects.toThrow(/disagrees with final block/);
      expect(await transferTotals(db.handle.db, CHAIN_ID)).toEqual(before);
      expect((await getCheckpoint(db.handle.db, CHAIN_ID))?.indexedBlock).toBe(cp.indexedBlock);
    } finally {
      await fork.node.stop();
    }
  });
});
