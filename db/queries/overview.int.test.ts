// Same suite on real Postgres (fresh database per run) and on PGlite (temp folder): both drivers
// must return the same exact wei figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { migrateDb } from "../migrate";
import { E18, NOW, at, MIN, HOUR, backends, seed } from "../testing/overview-fixture";
import { getIndexerStatus, getLatestReconciliations } from "./chain-status";
import { getIssuanceWindows } from "./issuance";
import { getDataPresence, getSupplyByChain, pingDatabase } from "./overview";
import { getTopCorridors } from "./top-corridors";

describe.each(backends)("overview queries on $name", (backend) => {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it("reports an unmigrated database as not ready rather than failing", async () => {
    await pingDatabase(handle.db);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: false, chainCount: 0 });
    await migrateDb(handle);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: true, chainCount: 0 });
    expect(await getSupplyByChain(handle.db)).toEqual({ total: 0n, chains: [] });
    expect((await getIssuanceWindows(handle.db, { now: NOW })).total.d7.net).toBe(0n);
    await seed(handle);
    expect(await getDataPresence(handle.db)).toEqual({ schemaReady: true, chainCount: 3 });
  });

  it("sums rollups plus the provisional tail above rolled_up_block", async () => {
    const supply = await getSupplyByChain(handle.db);
    expect(
      supply.chains.map((c) => [c.chainId, c.name, c.rolledUpSupply, c.provisionalDelta, c.supply]),
    ).toEqual([
      [1, "Ethereum", 1300n * E18 + 1n, 200n * E18 + 1n, 1500n * E18 + 2n],
      [56, "BNB Smart Chain", 10n ** 30n + 4n, -5n, 10n ** 30n - 1n],
      [8453, "Base", 0n, 0n, 0n],
    ]);
    expect(supply.chains[0]).toMatchObject({ rolledUpBlock: 990n, indexedBlock: 1000n });
    expect(supply.chains[2]).toMatchObject({ rolledUpBlock: null, indexedBlock: null });
    expect(supply.total).toBe(10n ** 30n + 1500n * E18 + 1n);
  });

  it("computes 24h and 7d windows from raw transfers", async () => {
    const w = await getIssuanceWindows(handle.db, { now: NOW });
    const eth = w.chains.find((c) => c.chainId === 1)!;
    expect(eth.h24).toEqual({
      minted: 250n * E18 + 7n,
      burned: 50n * E18,
      net: 200n * E18 + 7n,
      mintCount: 2,
      burnCount: 1,
    });
    expect(eth.d7).toEqual({
      minted: 250n * E18 + 10n,
      burned: 150n * E18,
      net: 100n * E18 + 10n,
      mintCount: 3,
      burnCount: 2,
    });
    const bnb = w.chains.find((c) => c.chainId === 56)!;
    expect(bnb.h24).toEqual({ minted: 0n, burned: 5n, net: -5n, mintCount: 0, burnCount: 1 });
    expect(bnb.d7).toEqual({
      minted: 10n ** 30n,
      burned: 5n,
      net: 10n ** 30n - 5n,
      mintCount: 1,
      burnCount: 1,
    });
    expect(w.chains.find((c) => c.chainId === 8453)!.d7.net).toBe(0n);
    expect(w.total.h24).toEqual({
      minted: 250n * E18 + 7n,
      burned: 50n * E18 + 5n,
      net: 200n * E18 + 2n,
      mintCount: 2,
      burnCount: 2,
    });
    expect(w.total.d7).toEqual({
      minted: 10n ** 30n + 250n * E18 + 10n,
      burned: 150n * E18 + 5n,
      net: 10n ** 30n + 100n * E18 + 5n,
      mintCount: 4,
      burnCount: 3,
    });
  });

  it("ranks corridors by adjusted volume across chains", async () => {
    const top3 = await getTopCorridors(handle.db, { since: "2025-02-09", limit: 3 });
    expect(top3).toEqual([
      {
        originCountry: "AE",
        destinationCountry: "PK",
        adjustedVolume: 150n * E18,
        adjustedCount: 5,
        volume: 152n * E18,
        transferCount: 7,
      },
      {
        originCountry: "ZZ",
        destinationCountry: "PK",
        adjustedVolume: 130n * E18,
        adjustedCount: 1,
        volume: 131n * E18,
        transferCount: 2,
      },
      {
        originCountry: "GB",
        destinationCountry: "PK",
        adjustedVolume: 120n * E18,
        adjustedCount: 4,
        volume: 121n * E18,
        transferCount: 5,
      },
    ]);
    const all = await getTopCorridors(handle.db, { since: "2025-02-09", limit: 10 });
    expect(all.map((c) => `${c.originCountry}>${c.destinationCountry}:${c.adjustedVolume}`)).toEqual([
      `AE>PK:${150n * E18}`,
      `ZZ>PK:${130n * E18}`,
      `GB>PK:${120n * E18}`,
      "US>PK:1",
    ]);
    expect(await getTopCorridors(handle.db, { since: "2025-03-06", limit: 10 })).toEqual([]);
  });

  it("reports indexer status per chain", async () => {
    const status = await getIndexerStatus(handle.db);
    expect(status.map((s) => s.chainId)).toEqual([1, 56, 8453]);
    expect(status[0]).toEqual({
      chainId: 1,
      name: "Ethereum",
      indexedBlock: 1000n,
      rolledUpBlock: 990n,
      headBlock: 1005n,
      finalizedBlock: 990n,
      lagBlocks: 5n,
      indexedBlockTime: at(MIN),
      headSeenAt: at(-10_000),
      updatedAt: at(-5_000),
      rpcErrors: 3,
      lastReorgAt: at(-2 * HOUR),
      lastReorgDepth: 2,
    });
    // No header at 5000 itself: the latest one below it dates the indexed position.
    expect(status[1]).toMatchObject({
      lagBlocks: 0n,
      indexedBlockTime: at(-5 * MIN),
      finalizedBlock: null,
      lastReorgAt: null,
    });
    expect(status[2]).toMatchObject({
      name: "Base",
      indexedBlock: null,
      lagBlocks: null,
      updatedAt: null,
      rpcErrors: 0,
    });
  });

  it("returns the latest reconciliation per chain", async () => {
    const recs = await getLatestReconciliations(handle.db);
    expect(recs.map(({ checkedAt: _c, ...r }) => r)).toEqual([
      {
        chainId: 1,
        blockNumber: 990n,
        indexedSupply: 1300n * E18 + 1n,
        onchainSupply: 1300n * E18 + 1n,
        difference: 0n,
        matches: true,
      },
      {
        chainId: 56,
        blockNumber: 4900n,
        indexedSupply: 10n ** 30n + 16n,
        onchainSupply: 10n ** 30n + 4n,
        difference: 12n,
        matches: false,
      },
    ]);
    expect(recs[0]!.checkedAt).toBeInstanceOf(Date);
  });
});
