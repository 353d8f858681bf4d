// Issue #16 against a real Postgres, where the incremental path reads its seeds from the tables:
// dust is not activity for R7's last-seen seed, so small incremental steps give exactly the
// alerts of a rebuild.
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
