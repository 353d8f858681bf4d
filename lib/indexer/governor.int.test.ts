// The indexer follows the token's owner (DOMAIN.md §1b): every governor event lands in token_events
// with its emitter and real actor, exactly as the contracts emit it, whatever the RPC does, however
// often the process dies, and whether a governor is found at start or by a handover while following.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { encodeFunctionData, numberToHex, type Address } from "viem";
import { openDb, type DbHandle } from "@/db/client";
import { getCheckpoint } from "@/db/queries/indexer";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase, openTestDb } from "@/db/testing/test-db";
import { startAnvil, type AnvilNode } from "@/lib/demo/chain/anvil";
import { governorAbi } from "@/lib/demo/contracts/usd1-abi";
import { startFlakyRpcProxy } from "./testing/flaky-rpc-proxy";
import {
  ACCOUNTS,
  deployScenario,
  governorActivity,
  handOver,
  type Row,
  type Scenario,
} from "./testing/governor-scenario";
import {
  blockNumber,
  chainTransferTotals,
  dumpIndexedTables,
  indexedBlock,
  rawRpc,
  runCli,
  runOnce,
  startFollowing,
  transferTotals,
  until,
} from "./testing/harness";

const CHAIN_ID = 31337;
let node: AnvilNode;
let s: Scenario;
let g2: Address;
let head: bigint;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  node = await startAnvil({ chainId: CHAIN_ID });
  s = await deployScenario(node, CHAIN_ID);
  await governorActivity(s);
  ({ g2 } = await handOver(s));
  head = await blockNumber(node.rpcUrl);
});

afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await node?.stop();
});

async function freshDb(): Promise<DbHandle> {
  const d = await openTestDb("usd1_gov");
  cleanup.push(async () => {
    await d.handle.close();
    await d.database.drop();
  });
  return d.handle;
}

/** token_events as rows by block, in log order (one transaction a block in these scenarios). */
async function eventRows(h: DbHandle, chainId: number): Promise<Record<string, Row[]>> {
  const rows = rowsOf<Record<string, string | null>>(
    await h.db.execute(sql`select block_number::text as block, kind, emitter, actor, subject, counterparty,
        amount::text as amount from token_events where chain_id = ${chainId} order by block_number, log_index`),
  );
  const out: Record<string, Row[]> = {};
  for (const r of rows) {
    const row = [
      r.kind,
      r.emitter,
      r.actor,
      r.subject,
      r.counterparty,
      r.amount == null ? null : BigInt(r.amount),
    ];
    (out[r.block ?? "?"] ??= []).push(row as Row);
  }
  return out;
}

const byBlock = (m: Map<bigint, Row[]>) =>
  Object.fromEntries([...m].map(([b, rows]) => [b.toString(), rows]));

async function watched(h: DbHandle, chainId: number) {
  return rowsOf<{ address: string; source: string; since: string }>(
    await h.db.execute(sql`select address, source, since_block::text as since from watched_governors
      where chain_id = ${chainId} order by since_block, source, address`),
  );
}

function cliArgs(rpc: string): string[] {
  return [
    ...["--rpc", rpc, "--chain-id", String(CHAIN_ID), "--address", s.token],
    ...["--from-block", s.d.deployBlock.toString(), "--to-block", head.toString()],
    ...["--confirmations", "0", "--target-logs", "100"],
  ];
}

describe("governor events through the CLI", () => {
  it("indexes every token and governor event exactly, behind a hostile RPC with tiny ranges", async () => {
    const database = await createTestDatabase("usd1_gov_cli");
    const proxy = await startFlakyRpcProxy({
      upstream: node.rpcUrl,
      seed: 21,
      rateLimit429: 0.1,
      error503: 0.05,
      dropConnection: 0.05,
      firstFaults: ["rateLimit429"],
      // A few blocks a call: G1 is found (token OwnershipTransferred) many ranges after its constructor.
      maxBlockRange: 3,
    });
    const h = await openDb({ url: database.url, poolSize: 1 });
    cleanup.push(async () => {
      await proxy.close();
      await h.close();
      await database.drop();
    });
    const run = runCli(cliArgs(proxy.url), { DATABASE_URL: database.url });
    const code = await run.exit;
    expect(run.stderr()).toBe("");
    expect(code).toBe(0); // and so the supply reconciled

    expect(await eventRows(h, CHAIN_ID)).toEqual(byBlock(s.expected));
    const totals = await transferTotals(h.db, CHAIN_ID);
    expect(totals).toEqual(s.totals);
    expect(totals).toEqual(await chainTransferTotals(node.rpcUrl, s.token, s.d.deployBlock));
    // G2 is the owner at the head; G1 was found by the token's OwnershipTransferred(deployer → G1).
    expect(await watched(h, CHAIN_ID)).toEqual([
      { address: s.g1, source: "ownership_transferred", since: (s.d.deployBlock + 3n).toString() },
      { address: g2, source: "owner_at_start", since: head.toString() },
    ]);
    expect(proxy.stats.maxBlockRange ?? 0).toBeGreaterThan(0);
  });

  it("killed with SIGKILL mid-backfill, ends identical to a clean run, governor rows included", async () => {
    const clean = await freshDb();
    await runOnce(clean, {
      rpcUrls: [node.rpcUrl],
      chainId: CHAIN_ID,
      address: s.token,
      fromBlock: s.d.deployBlock.toString(),
      toBlock: head.toString(),
    });
    const expected = { ...(await dumpIndexedTables(clean.db)), governors: await watched(clean, CHAIN_ID) };

    // One block a call, slowly: the run spans many transactions, and G1's discovery refetches.
    const slow = await startFlakyRpcProxy({
      upstream: node.rpcUrl,
      seed: 5,
      delayMs: [30, 60],
      maxBlockRange: 1,
    });
    const target = await createTestDatabase("usd1_gov_kill");
    const observer = await openDb({ url: target.url, poolSize: 1 });
    cleanup.push(async () => {
      await slow.close();
      await observer.close();
      await target.drop();
    });
    const killedAt: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      const run = runCli(cliArgs(slow.url), { DATABASE_URL: target.url });
      const floor = killedAt[killedAt.length - 1] ?? s.d.deployBlock - 1n;
      await until(
        `run ${i} past block ${floor}`,
        async () => {
          if (run.child.exitCode !== null) throw new Error(`indexer exited early: ${run.stderr()}`);
          const got = await indexedBlock(observer).catch(() => null);
          return got !== null && got > floor;
        },
        60_000,
      );
      run.child.kill("SIGKILL");
      await run.exit;
      killedAt.push((await indexedBlock(observer)) ?? -1n);
    }
    expect(killedAt.every((b) => b >= s.d.deployBlock && b < head)).toBe(true);
    const final = runCli(cliArgs(slow.url), { DATABASE_URL: target.url });
    expect(await final.exit).toBe(0);
    const got = { ...(await dumpIndexedTables(observer.db)), governors: await watched(observer, CHAIN_ID) };
    for (const k of Object.keys(expected))
      expect({ [k]: got[k as keyof typeof got] }).toEqual({ [k]: expected[k as keyof typeof expected] });
    expect(await eventRows(observer, CHAIN_ID)).toEqual(byBlock(s.expected));
  });
});

describe("--governor", () => {
  it("watches the configured governor from the start, with the same rows", async () => {
    const h = await freshDb();
    const { summary } = await runOnce(h, {
      rpcUrls: [node.rpcUrl],
      chainId: CHAIN_ID,
      address: s.token,
      fromBlock: s.d.deployBlock.toString(),
      toBlock: head.toString(),
      governor: s.g1,
    });
    expect(summary.matches).toBe(true);
    expect(await eventRows(h, CHAIN_ID)).toEqual(byBlock(s.expected));
    expect(await watched(h, CHAIN_ID)).toEqual([
      { address: s.g1, source: "configured", since: head.toString() },
      { address: g2, source: "owner_at_start", since: head.toString() },
    ]);
  });
});

describe("following the head", () => {
  const FOLLOW_CHAIN = 31338;
  const controller = new AbortController();
  let f: Scenario;
  let h: DbHandle;
  let running: Promise<unknown> | undefined;
  const caughtUp = async () => {
    const tip = await blockNumber(f.rpcUrl);
    const cp = await getCheckpoint(h.db, FOLLOW_CHAIN);
    return cp && cp.indexedBlock === tip ? cp : undefined;
  };

  beforeAll(async () => {
    const followNode = await startAnvil({ chainId: FOLLOW_CHAIN });
    cleanup.push(() => followNode.stop());
    f = await deployScenario(followNode, FOLLOW_CHAIN);
    await governorActivity(f);
    h = await freshDb();
    const chain = {
      node: followNode,
      token: f.token,
      proxyAdmin: f.d.proxyAdmin,
      deployBlock: f.d.deployBlock,
    };
    ({ running } = await startFollowing(h, chain, FOLLOW_CHAIN, controller.signal));
    cleanup.push(async () => {
      controller.abort();
      await running?.catch(() => undefined);
    });
    await until("initial catch-up", caughtUp);
  });

  it("follows a handover to a new governor, with its events from before the handover", async () => {
    expect((await watched(h, FOLLOW_CHAIN)).map((w) => [w.address, w.source])).toEqual([
      [f.g1, "owner_at_start"],
    ]);
    // G2's constructor and first role grant are indexed (and committed) before anyone watches G2.
    const { g2: next, acceptBlock: accepted } = await handOver(f, () =>
      until("G2 set up, indexed", caughtUp),
    );
    await until("handover indexed", caughtUp);
    expect(await eventRows(h, FOLLOW_CHAIN)).toEqual(byBlock(f.expected));
    expect((await watched(h, FOLLOW_CHAIN)).slice(1)).toEqual([
      { address: next, source: "ownership_transferred", since: accepted.toString() },
    ]);
    expect(await transferTotals(h.db, FOLLOW_CHAIN)).toEqual(f.totals);
  });

  it("rolls governor rows back with the token's on a reorg", async () => {
    const last = await blockNumber(f.rpcUrl);
    const minted = f.expected.get(last)?.[0]?.[5];
    expect(f.expected.get(last)?.[1]?.[0]).toBe("native_mint");
    // The last block (G2's mint) is replaced by one where G2 mints another amount to another account.
    const amount = 71n * 10n ** 18n + 9n;
    const data = encodeFunctionData({
      abi: governorAbi,
      functionName: "mint",
      args: [ACCOUNTS.grace, amount],
    });
    const g2 = f.expected.get(last)?.[1]?.[1] as Address;
    await rawRpc(f.rpcUrl, "anvil_reorg", [
      1,
      [[{ from: ACCOUNTS.minter2, to: g2, data, gas: numberToHex(300_000), gasPrice: "0x0" }, 0]],
    ]);
    await until("reorg handled", async () => {
      const cp = await caughtUp();
      return cp?.lastReorgDepth ? cp : undefined;
    });
    f.expected.set(last, [
      ["issuer_mint", f.token, g2, g2, null, amount],
      ["native_mint", g2, ACCOUNTS.minter2, ACCOUNTS.grace, null, amount],
    ]);
    f.totals.mint.sum += amount - (minted ?? 0n);
    f.totals.transfer.sum += amount - (minted ?? 0n);
    expect(await eventRows(h, FOLLOW_CHAIN)).toEqual(byBlock(f.expected));
    expect(await transferTotals(h.db, FOLLOW_CHAIN)).toEqual(f.totals);
  });
});
