// A reorg end to end: the indexer follows anvil with its monitoring hook; a transfer to a listed
// wallet raises an R1 alert; anvil_reorg replaces that block; the alert is withdrawn (not
// deleted), and the monitor catches up on the new branch without duplicating anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFunctionData, numberToHex, type Address } from "viem";
import type { DbHandle } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import { getMonitorCheckpoint } from "@/db/queries/monitoring";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import {
  blockNumber,
  OWNER,
  rawRpc,
  startFollowing,
  startChainWithToken,
  until,
  type Chain,
} from "@/lib/indexer/testing/harness";
import { generateTraffic, mineBlock, testWallets } from "@/lib/indexer/testing/traffic";

const CHAIN_ID = 31337;
const [LISTED, OTHER] = testWallets(2, "monitor-reorg") as [Address, Address];
let chain: Chain;
let db: { handle: DbHandle; database: TestDatabase };
const controller = new AbortController();
let running: Promise<unknown>;

const pay = (to: Address, amount: bigint) =>
  encodeFunctionData({ abi: usd1Abi, functionName: "transfer", args: [to, amount] });

/** Indexed and monitored up to the node's head. */
const settled = async () => {
  const head = await blockNumber(chain.node.rpcUrl);
  const cp = await getCheckpoint(db.handle.db, CHAIN_ID);
  const mon = await getMonitorCheckpoint(db.handle.db, CHAIN_ID);
  return cp?.indexedBlock === head && mon?.monitoredBlock === head ? cp : undefined;
};

beforeAll(async () => {
  chain = await startChainWithToken(CHAIN_ID);
  db = await openTestDb("usd1_monitor_reorg");
  await importWatchlistRows(db.handle.db, {
    rows: [{ chainId: CHAIN_ID, address: LISTED, listName: "TEST SDN", reference: "T-1" }],
    actor: null,
    source: "test",
  });
  await generateTraffic({
    rpcUrl: chain.node.rpcUrl,
    token: chain.token,
    owner: OWNER,
    blocks: 4,
    transfersPerBlock: 5,
  });
  ({ running } = await startFollowing(db.handle, chain, CHAIN_ID, controller.signal));
  await until("initial catch-up", settled);
});

afterAll(async () => {
  controller.abort();
  await running?.catch(() => undefined);
  await db?.handle.close();
  await db?.database.drop();
  await chain?.node.stop();
});

describe("monitoring through a reorg", () => {
  it("withdraws the alert whose evidence was reorged out, visibly, and never duplicates", async () => {
    await mineBlock(chain.node.rpcUrl, chain.token, [{ from: OWNER, data: pay(LISTED, 10n ** 18n) }]);
    const raised = await until("R1 alert raised", async () => {
      await settled();
      const alerts = await listChainAlerts(db.handle.db, CHAIN_ID);
      return alerts.find((a) => a.ruleId === "R1" && a.status === "open");
    });

    // Replace every block from the one holding the listed transfer up to the head.
    const depth = Number((await blockNumber(chain.node.rpcUrl)) - raised.blockNumber) + 1;
    await rawRpc(chain.node.rpcUrl, "anvil_reorg", [
      depth,
      [
        [
          {
            from: OWNER,
            to: chain.token,
            data: pay(OTHER, 2n * 10n ** 18n),
            gas: numberToHex(200_000),
            gasPrice: "0x0",
          },
          0,
        ],
      ],
    ]);
    await until("reorg handled and monitored", async () => {
      const cp = await settled();
      return cp?.lastReorgDepth ? cp : undefined;
    });
    const after = await listChainAlerts(db.handle.db, CHAIN_ID);
    const receipt = await rawRpc(chain.node.rpcUrl, "eth_getTransactionReceipt", [raised.evidenceTx[0]]);
    expect(receipt).toBeNull(); // the listed transfer is gone
    const same = after.filter((a) => a.key === raised.key);
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ status: "withdrawn", statusReason: "reorg" });
    expect(after.filter((a) => a.ruleId === "R1" && a.status !== "withdrawn")).toEqual([]);
    expect(new Set(after.map((a) => a.key)).size).toBe(after.length);
  });
});
