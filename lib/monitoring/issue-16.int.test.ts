// Issue #16 against a real Postgres, where the incremental path reads its seeds and episodes from
// the tables: dust is not activity for R7's last-seen seed; R1 counts registry tags as the list
// "registry" (hop links included) and keeps one-hop episodes and expiry across steps. Steps of
// one block give exactly the alerts of a rebuild.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressTag } from "@/db/schema/registry";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { DbHandle } from "@/db/client";
import { catchUpChain } from "./evaluate";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import type { SyntheticChain, SyntheticTransfer } from "./testing/synthetic";

const USD = 10n ** 18n;
const HOUR_BLOCKS = 1; // one block per hour
const DAY_BLOCKS = 24 * HOUR_BLOCKS;
const w = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;

/** A hand-built chain: one block per hour, one transfer per block. */
function chainOf(
  chainId: number,
  moves: { block: number; from: string; to: string; amount: bigint }[],
  tagged: { address: `0x${string}`; tags: AddressTag[]; entityName?: string }[] = [],
): SyntheticChain {
  const t0 = 1_767_225_600;
  const transfers: SyntheticTransfer[] = moves.map((m) => ({
    ...m,
    logIndex: 0,
    time: t0 + (m.block - 1) * 3_600,
    txHash: `0x${chainId.toString(16)}${m.block.toString(16).padStart(64 - chainId.toString(16).length, "0")}`,
    kind: "transfer",
  }));
  return {
    chainId,
    t0,
    blockSeconds: 3_600,
    lastBlock: Math.max(...moves.map((m) => m.block)),
    entities: [{ name: "Issue16 Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed" }],
    addresses: tagged.map((t) => ({
      chainId,
      address: t.address,
      entityName: t.entityName ?? null,
      label: null,
      tags: t.tags,
    })),
    // The import refuses an empty file; this listed address never transacts here.
    watchlist: [{ chainId, address: w(0x5a), listName: "Issue16 list", reference: "I16-1" }],
    transfers,
    events: [],
    planted: [],
  };
}

let db: { handle: DbHandle; database: TestDatabase };

/** Writes the chain a block at a time, each followed by a monitor step (the indexer hook). */
async function indexStepByStep(chain: SyntheticChain) {
  const blocks = [...new Set(chain.transfers.map((t) => t.block))].sort((a, b) => a - b);
  let from = 1;
  for (const b of blocks) {
    await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: from, toBlock: b });
    await catchUpChain(db.handle.db, { chainId: chain.chainId, mode: "keyset", stepTransfers: 1 });
    from = b + 1;
  }
}

async function liveAlerts(chainId: number, ruleId: string) {
  const all = await listChainAlerts(db.handle.db, chainId);
  return all
    .filter((a) => a.ruleId === ruleId && a.status !== "withdrawn")
    .map((a) => ({ variant: a.key.split("|")[2], subject: a.key.split("|")[3], block: a.blockNumber }));
}

async function expectRebuildAgrees(chainId: number) {
  const [r] = await rebuildAlerts(db.handle.db, { dryRun: true, mode: "copy", chainIds: [chainId] });
  const diffs = r?.rules.filter((d) => d.added.length + d.reinstated.length + d.withdrawn > 0) ?? [];
  expect(diffs.map((d) => [d.ruleId, d.added.map((a) => a.key), d.reinstated.length, d.withdrawn])).toEqual(
    [],
  );
}

beforeAll(async () => {
  db = await openTestDb("usd1_issue16");
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("R7 dust floor, incremental", () => {
  const A = w(0xa1);
  const X = w(0xa2);
  const Y = w(0xa3);
  const N = w(0xa4);
  const DUSTER = w(0xd0);
  const wake = 2 + 181 * DAY_BLOCKS;
  const chain = chainOf(99_161, [
    { block: 1, from: A, to: X, amount: 100n * USD },
    { block: 2, from: DUSTER, to: N, amount: 1n },
    { block: 3, from: A, to: N, amount: 50_000n * USD },
    { block: 2 + 100 * DAY_BLOCKS, from: DUSTER, to: X, amount: 1n },
    { block: wake, from: X, to: Y, amount: 6_000n * USD },
  ]);

  it("flags 1 wei then 50,000 as a new wallet's first flow, and a dormant wallet dust did not wake", async () => {
    await registerSynthetic(db.handle.db, chain);
    await indexStepByStep(chain);
    expect(await liveAlerts(chain.chainId, "R7")).toEqual([
      { variant: "new:to", subject: N, block: 3n },
      { variant: "new:to", subject: Y, block: BigInt(wake) },
      { variant: "dormant:from", subject: X, block: BigInt(wake) },
    ]);
    await expectRebuildAgrees(chain.chainId);
  });
});

describe("R1 registry tags, one-hop episodes and expiry, incremental", () => {
  const X = w(0xb1); // tagged sanctioned in the registry, on no imported list
  const EXH = w(0xb2); // an exchange hot wallet that took a deposit from X
  const A = w(0xb3); // a customer paid by X
  const B = w(0xb4);
  const C = w(0xb5);
  const day = (d: number) => 2 + d * DAY_BLOCKS;
  const chain = chainOf(
    99_162,
    [
      { block: 1, from: X, to: EXH, amount: 20_000n * USD },
      { block: 2, from: X, to: A, amount: 500n * USD },
      ...Array.from({ length: 40 }, (_, i) => ({ block: day(i + 1), from: A, to: B, amount: 10n * USD })),
      ...Array.from({ length: 5 }, (_, i) => ({
        block: day(i + 1) + 1,
        from: EXH,
        to: C,
        amount: 300n * USD,
      })),
      // X pays A again: exposure runs from this latest contact (the seed must agree), so the
      // payment of day 100 is exposed though 98 days passed since the first one.
      { block: day(60), from: X, to: A, amount: 20n * USD },
      { block: day(100), from: A, to: C, amount: 10n * USD },
      { block: day(200), from: A, to: C, amount: 10n * USD },
    ],
    [
      { address: X, tags: ["sanctioned"] },
      { address: EXH, tags: ["hot_wallet"], entityName: "Issue16 Exchange" },
    ],
  );

  it("raises direct hits on the tagged address, one one-hop alert per 30 days, none for the exchange or 90 days after the latest contact", async () => {
    await registerSynthetic(db.handle.db, chain);
    await indexStepByStep(chain);
    expect(await liveAlerts(chain.chainId, "R1")).toEqual([
      { variant: "direct:from", subject: X, block: 1n },
      { variant: "direct:from", subject: X, block: 2n },
      { variant: "one_hop:from", subject: A, block: BigInt(day(1)) },
      { variant: "one_hop:from", subject: A, block: BigInt(day(31)) },
      { variant: "direct:from", subject: X, block: BigInt(day(60)) },
      { variant: "one_hop:from", subject: A, block: BigInt(day(100)) },
    ]);
    const all = await listChainAlerts(db.handle.db, chain.chainId);
    expect(all.find((a) => a.ruleId === "R1")?.explanation).toContain(
      "which is on the registry list (registry tag sanctioned)",
    );
    await expectRebuildAgrees(chain.chainId);
  });

  it("no longer raises them once the tag is removed (a rebuild withdraws them)", async () => {
    await db.handle.db.execute(
      sql`update addresses set tags = '{}' where chain_id = ${chain.chainId} and address = ${X}`,
    );
    const [r] = await rebuildAlerts(db.handle.db, { rules: ["R1"], mode: "copy", chainIds: [chain.chainId] });
    expect(r?.rules.map((d) => [d.ruleId, d.raised, d.withdrawn])).toEqual([["R1", 0, 6]]);
    expect(await liveAlerts(chain.chainId, "R1")).toEqual([]);
  });
});
