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
import type { AnvilNode } from "./chain/anvil";
import { startDemoChain, type DemoChain } from "./chain/demo-chain";
import { buildRegistry, computeGroundTruth, executePlan, planActivity, planDays } from "./simulator";

const SEED = "backbone-int";
const CHAIN_ID = 31337;
const registry = buildRegistry(SEED, { chainIds: [CHAIN_ID] });
const plan = planActivity({ seed: SEED, days: 12, scale: 0.5, endDate: "2026-05-01", registry });
const truth = computeGroundTruth(plan);

let node: AnvilNode;
let deployment: DemoChain;
let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  deployment = await startDemoChain({ chainId: CHAIN_ID, plan });
  node = deployment.node;
  for (const day of planDays(plan)) {
    await executePlan({
      rpcUrl: node.rpcUrl,
      token: deployment.token,
      governor: deployment.governor,
      owner: plan.owner,
      plan,
      range: day,
    });
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
    expect(counts).toEqual({
      // the token's own events, every one with the governor as caller
      issuer_mint: truth.events.mint,
      issuer_burn: truth.events.burn,
      freeze: truth.events.freeze,
      unfreeze: truth.events.unfreeze,
      frozen_account_drained: truth.events.drain,
      pause: truth.events.pause,
      unpause: truth.events.unpause,
      // the governor's, naming the real actor
      native_mint: truth.governorEvents.nativeMint,
      native_burn: truth.governorEvents.nativeBurn,
      account_frozen: truth.events.freeze,
      account_unfrozen: truth.events.unfreeze,
      governor_account_drained: truth.events.drain,
      contract_paused: truth.events.pause,
      contract_unpaused: truth.events.unpause,
      // deployment: proxy (Upgraded, AdminChanged, Initialized(1), OwnershipTransferred(0x0 → deployer)),
      // hand-over to the governor (OwnershipTransferStarted, OwnershipTransferred, OwnershipAccepted),
      // the default admin at construction + six roles, and the upgrade to V2 (Upgraded, Initialized(2))
      upgraded: 2,
      admin_changed: 1,
      initialized: 2,
      ownership_transfer_started: 1,
      ownership_transferred: 2,
      ownership_accepted: 1,
      role_granted: 7,
    });
    const [callers] = await q<{ governor_callers: number; others: number }>(
      sql`select count(*) filter (where actor = ${deployment.governor.toLowerCase()})::int as governor_callers,
            count(*) filter (where actor <> ${deployment.governor.toLowerCase()})::int as others
          from token_events where kind in ('issuer_mint', 'issuer_burn', 'freeze', 'unfreeze', 'pause', 'unpause')`,
    );
    expect(callers).toEqual({
      governor_callers:
        truth.events.mint + truth.events.burn + truth.events.freeze + truth.events.unfreeze + 2,
      others: 0,
    });
  });
});
