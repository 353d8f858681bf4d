// The backbone end to end below the UI: the seeded simulator on anvil, the indexer into Postgres,
// and the database compared with the simulator's own ground truth and with totalSupply().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { seedRegistry } from "@/db/queries/registry";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { DbHandle } from "@/db/client";
import { createIndexer } from "@/lib/indexer/indexer";
import { chainTransferTotals, quietLog, testConfig, transferTotals } from "@/lib/indexer/testing/harness";
import { startAnvil, type AnvilNode } from "./chain/anvil";
import { deployUsd1, type Usd1Deployment } from "./chain/deploy";
import { DEMO_DEPLOYER } from "./chains";
import { buildRegistry, computeGroundTruth, executePlan, planActivity, planDays } from "./simulator";

const SEED = "backbone-int";
const CHAIN_ID = 31337;
const registry = buildRegistry(SEED, { chainIds: [CHAIN_ID] });
const plan = planActivity({ seed: SEED, days: 12, scale: 0.5, endDate: "2026-05-01", registry });
const truth = computeGroundTruth(plan);

let node: AnvilNode;
let deployment: Usd1Deployment;
let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  node = await startAnvil({ chainId: CHAIN_ID, timestamp: plan.startTs - 86_400 });
  deployment = await deployUsd1({
    rpcUrl: node.rpcUrl,
    chainId: CHAIN_ID,
    deployer: DEMO_DEPLOYER,
    owner: registry.treasury,
  });
  for (const day of planDays(plan)) {
    await executePlan({ rpcUrl: node.rpcUrl, token: deployment.token, owner: plan.owner, plan, range: day });
  }
  db = await openTestDb("usd1_backbone");
  await seedRegistry(db.handle.db, { entities: registry.entities, addresses: registry.addresses });
  const indexer = createIndexer({
    config: testConfig({
      rpcUrls: [node.rpcUrl],
      chainId: CHAIN_ID,
      address: deployment.token,
      fromBlock: deployment.deployBlock.toString(),
    }),
    log: quietLog,
    signal: new AbortController().signal,
  });
  await indexer.preflight();
  const summary = await indexer.run(db.handle);
  expect(summary.matches).toBe(true);
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
  await node?.stop();
});

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.handle.db.execute(query));

describe("simulator → anvil → indexer → Postgres", () => {
  it("holds exactly the chain's transfers: count and Σ per kind, against ground truth and the node", async () => {
    const got = await transferTotals(db.handle.db, CHAIN_ID);
    expect(got).toEqual(truth.transfers);
    expect(got).toEqual(
      await chainTransferTotals(node.rpcUrl, deployment.token as `0x${string}`, deployment.deployBlock),
    );
    expect(truth.transfers.transfer.count).toBeGreaterThan(1_000);
  });

  it("reconciles supply with totalSupply() to the wei, and the rollups agree with the raw rows", async () => {
    const [rec] = await q<{ indexed_supply: string; onchain_supply: string; matches: boolean }>(
      sql`select indexed_supply::text, onchain_supply::text, matches from supply_reconciliations order by block_number desc limit 1`,
    );
    expect(rec).toEqual({
      indexed_supply: truth.totalSupply.toString(),
      onchain_supply: truth.totalSupply.toString(),
      matches: true,
    });
    const [daily] = await q<{ net: string; transfers: string }>(
      sql`select sum(minted - burned)::text as net, sum(transfer_volume)::text as transfers from daily_supply`,
    );
    expect(daily).toEqual({
      net: truth.totalSupply.toString(),
      transfers: truth.transfers.transfer.sum.toString(),
    });
    const [corridors] = await q<{ volume: string }>(
      sql`select sum(volume)::text as volume from daily_corridor_volume`,
    );
    expect(corridors?.volume).toBe(truth.transfers.transfer.sum.toString());
  });

  it("has every holder's balance exact", async () => {
    const rows = await q<{ address: string; balance: string }>(
      sql`select address, balance::text from balances where balance <> 0`,
    );
    const expected = [...truth.balances]
      .filter(([, b]) => b !== 0n)
      .map(([address, b]) => ({ address, balance: b.toString() }));
    const sort = (xs: { address: string }[]) => [...xs].sort((a, b) => a.address.localeCompare(b.address));
    expect(sort(rows)).toEqual(sort(expected));
  });

  it("stores the issuer and admin events the plan produced", async () => {
    const rows = await q<{ kind: string; n: number }>(
      sql`select kind, count(*)::int as n from token_events group by kind`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    expect(counts).toMatchObject({
      issuer_mint: truth.events.mint,
      issuer_burn: truth.events.burn,
      freeze: truth.events.freeze,
      unfreeze: truth.events.unfreeze,
      frozen_account_drained: truth.events.drain,
      pause: truth.events.pause,
      unpause: truth.events.unpause,
    });
    // The deployment's own governance events are indexed too.
    expect(counts.upgraded).toBe(1);
    expect(counts.admin_changed).toBe(1);
  });
});
