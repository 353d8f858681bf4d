// Issue "two chains and a bridge": two anvil nodes, the USD1 test token at the same address on
// both, the simulator's cross-chain moves through the pools, one indexer per chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Address } from "viem";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/queries/sql-arrays";
import type { DbHandle } from "@/db/client";
import { getSupplyByChain } from "@/db/queries/overview";
import { seedRegistry } from "@/db/queries/registry";
import { getNetworkFlows } from "@/db/queries/supply";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { erc20ReadAbi } from "@/lib/indexer/abi";
import { createIndexer } from "@/lib/indexer/indexer";
import { quietLog, testConfig } from "@/lib/indexer/testing/harness";
import type { AnvilNode } from "./chain/anvil";
import { startDemoChain } from "./chain/demo-chain";
import { DEMO_CHAINS } from "./chains";
import { demoNetworkPlan } from "./network-plan";
import { computeGroundTruth, executePlan, type Plan } from "./simulator";
import { inTransitAt, type NetworkPlan } from "./simulator/network";

const network: NetworkPlan = demoNetworkPlan({
  seed: "two-chains",
  days: 6,
  scale: 0.4,
  endDate: "2026-03-10",
});
type Node = {
  chainId: number;
  plan: Plan;
  node: AnvilNode;
  token: Address;
  governor: Address;
  deployBlock: bigint;
  done: number;
};
const nodes: Node[] = [];
let db: { handle: DbHandle; database: TestDatabase };

/** A moment with one move in flight: burned on its source chain, not yet minted on the other. */
const inFlight = network.moves.find((m) => m.mintTs - m.burnTs > 120);
const cut = inFlight ? inFlight.burnTs + 60 : 0;

async function runUntil(ts: number) {
  for (const n of nodes) {
    const end = ts === Infinity ? n.plan.actions.length : n.plan.actions.findIndex((a) => a.ts > ts);
    const stop = end < 0 ? n.plan.actions.length : end;
    if (stop > n.done) {
      await executePlan({
        rpcUrl: n.node.rpcUrl,
        token: n.token,
        governor: n.plan.governor,
        owner: n.plan.owner,
        plan: n.plan,
        range: { start: n.done, end: stop },
      });
      n.done = stop;
    }
  }
}

/** `confirmations` > 0 leaves a provisional tail, so queries must add raw rows to the rollups. */
async function indexAll(confirmations: number) {
  for (const n of nodes) {
    const indexer = createIndexer({
      config: testConfig({
        rpcUrls: [n.node.rpcUrl],
        chainId: n.chainId,
        address: n.token,
        fromBlock: n.deployBlock.toString(),
        confirmations,
      }),
      log: quietLog,
      signal: new AbortController().signal,
    });
    await indexer.preflight();
    const summary = await indexer.run(db.handle);
    expect(summary.matches).toBe(true); // per-chain reconciliation, every time
  }
}

async function onchainSupply(n: Node): Promise<bigint> {
  const client = createPublicClient({ transport: http(n.node.rpcUrl) });
  return client.readContract({ address: n.token, abi: erc20ReadAbi, functionName: "totalSupply" });
}

beforeAll(async () => {
  for (const { chainId, plan } of network.plans) {
    const c = await startDemoChain({ chainId, plan, pool: network.pools[chainId] as Address });
    nodes.push({ ...c, plan, done: 0 });
  }
  db = await openTestDb("usd1_two_chains");
  await seedRegistry(db.handle.db, {
    entities: network.registry.entities,
    addresses: network.registry.addresses,
  });
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
  for (const n of nodes) await n.node.stop();
});

describe("two chains and a bridge", () => {
  it("deploys the token at the same address on both chains", () => {
    expect(nodes.map((n) => n.chainId)).toEqual(DEMO_CHAINS.map((c) => c.chainId));
    expect(new Set(nodes.map((n) => n.token.toLowerCase())).size).toBe(1);
    expect(network.moves.length).toBeGreaterThan(5);
  });

  it("while a move is in flight, in transit equals what left one chain and has not arrived", async () => {
    expect(inFlight).toBeDefined();
    await runUntil(cut);
    await indexAll(8);
    const expected = inTransitAt(network.moves, cut);
    expect(expected).toBeGreaterThanOrEqual(inFlight?.amount ?? 0n);
    const flows = await getNetworkFlows(db.handle.db);
    expect(flows.inTransit).toBe(expected);
    const supply = await getSupplyByChain(db.handle.db);
    const onchain = await Promise.all(nodes.map(onchainSupply));
    expect(supply.chains.map((c) => c.supply)).toEqual(onchain);
    // Issuance counts what the issuer minted; the chains hold all of it but what is in flight.
    expect(flows.netIssuance).toBe(supply.total + flows.inTransit);
  });

  it("after everything settles, Σ indexed supply = Σ totalSupply() = issuer net issuance (bridge excluded)", async () => {
    await runUntil(Infinity);
    await indexAll(0);
    const supply = await getSupplyByChain(db.handle.db);
    const onchain = await Promise.all(nodes.map(onchainSupply));
    const sumOnchain = onchain.reduce((a, b) => a + b, 0n);
    expect(supply.chains.map((c) => c.supply)).toEqual(onchain);
    expect(supply.total).toBe(sumOnchain);
    const flows = await getNetworkFlows(db.handle.db);
    expect(flows.inTransit).toBe(0n);
    expect(flows.netIssuance).toBe(sumOnchain);
    // …and the simulator's own ground truth agrees, chain by chain.
    for (const [i, n] of nodes.entries()) {
      const truth = computeGroundTruth(n.plan);
      expect(onchain[i]).toBe(truth.totalSupply);
      const f = flows.chains.find((c) => c.chainId === n.chainId);
      expect([f?.bridgeMinted, f?.bridgeBurned]).toEqual([truth.bridge.minted, truth.bridge.burned]);
      expect([f?.issuerMinted, f?.issuerBurned]).toEqual([truth.issuance.minted, truth.issuance.burned]);
    }
    // …although every token-level Mint and Burn names the governor: the split comes from the
    // governor's BridgeMint/NativeMint (DOMAIN.md §1b), never from the token event's caller.
    const callers = rowsOf<{ chain_id: number; actor: string; n: number }>(
      await db.handle.db.execute(
        sql`select chain_id, actor, count(*)::int as n from token_events
            where kind in ('issuer_mint', 'issuer_burn') group by chain_id, actor order by chain_id`,
      ),
    );
    expect(callers).toEqual(
      nodes.map((n) => {
        const truth = computeGroundTruth(n.plan);
        return {
          chain_id: n.chainId,
          actor: n.governor.toLowerCase(),
          n: truth.events.mint + truth.events.burn,
        };
      }),
    );
    const moved = network.moves.reduce((a, m) => a + m.amount, 0n);
    expect(flows.chains.reduce((a, c) => a + c.bridgeMinted, 0n)).toBe(moved);
  });
});
