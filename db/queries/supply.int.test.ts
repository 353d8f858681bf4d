// Supply-view queries on real Postgres (fresh database) and on PGlite (temp folder): both drivers
// must return the same exact wei figures, rollups and provisional tail counted once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../client";
import { migrateDb } from "../migrate";
import {
  addresses,
  balances,
  chains,
  dailySupply,
  entities,
  indexerCheckpoints,
  supplyReconciliations,
  tokenEvents,
  transfers,
} from "../schema";
import { openTestDb } from "../testing/test-db";
import { getSupplyByChain } from "./overview";
import { getSupplySeries } from "./supply";
import { listAdminEvents, listReconciliations } from "./supply-events";
import { getHolderConcentration, getTaggedHoldings, hhiOf, listTopHolders } from "./supply-holders";

const E18 = 10n ** 18n;
const BIG = 2n ** 70n;
const NOW = new Date("2025-03-10T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const ADDR = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const ZERO = ADDR(0);
const TREASURY = ADDR(0xa);
const EXCHANGE = ADDR(0xb);
const POOL = ADDR(0xc);
const USER = ADDR(0xd);
const HOLDER = ADDR(0xe);

type Backend = { name: string; open: () => Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> };
const backends: Backend[] = [
  {
    name: "postgres",
    open: async () => {
      const { handle, database } = await openTestDb("usd1_test_supply");
      return { handle, cleanup: async () => (await handle.close(), await database.drop()) };
    },
  },
  {
    name: "pglite",
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-supply-"));
      const handle = await openDb({ pgliteDir: path.join(dir, "db") });
      await migrateDb(handle);
      return {
        handle,
        cleanup: async () => (await handle.close(), fs.rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
];

let tx = 0;
const hash = () => `0x${(++tx).toString(16).padStart(64, "0")}` as const;
function move(
  chainId: number,
  block: bigint,
  time: Date,
  from: `0x${string}`,
  to: `0x${string}`,
  amount: bigint,
) {
  const kind = from === ZERO ? "mint" : to === ZERO ? "burn" : "transfer";
  return {
    chainId,
    blockNumber: block,
    blockTime: time,
    txHash: hash(),
    logIndex: 0,
    fromAddress: from,
    toAddress: to,
    amount,
    kind,
  } as const;
}
function event(
  chainId: number,
  time: Date,
  kind: (typeof tokenEvents.$inferInsert)["kind"],
  extra: Partial<typeof tokenEvents.$inferInsert> = {},
) {
  const emitter = `0x${"e".repeat(40)}` as const;
  return { chainId, blockNumber: 1n, blockTime: time, txHash: hash(), logIndex: 1, emitter, kind, args: {}, ...extra };
}

/**
 * Chain 1 rolled up to 990 (indexed 1000); chain 56 rolled up to 4900 (indexed 5000), with a
 * bridge-pool mint in its tail (a CCIP pool's Mint event in the same transaction).
 */
async function seed({ db }: DbHandle): Promise<void> {
  await db.insert(chains).values([
    { chainId: 1, name: "Ethereum", tokenAddress: ADDR(0xd1), startBlock: 1n, confirmations: 12 },
    { chainId: 56, name: "BNB Smart Chain", tokenAddress: ADDR(0xd1), startBlock: 1n, confirmations: 15 },
  ]);
  await db.insert(indexerCheckpoints).values([
    { chainId: 1, indexedBlock: 1000n, rolledUpBlock: 990n },
    { chainId: 56, indexedBlock: 5000n, rolledUpBlock: 4900n },
  ]);
  await db.insert(dailySupply).values([
    { chainId: 1, day: "2025-03-01", minted: 1000n * E18, burned: 0n },
    { chainId: 1, day: "2025-03-05", minted: 500n * E18 + 1n, burned: 200n * E18, bridgeMinted: 100n * E18 },
    { chainId: 56, day: "2025-03-03", minted: BIG, burned: 0n },
  ]);
  const bridgeMint = move(56, 4950n, at(-DAY), ZERO, USER, 50n * E18);
  await db.insert(transfers).values([
    move(1, 980n, at(-2 * DAY), TREASURY, EXCHANGE, 1n), // rolled up: counted in balances already
    move(1, 991n, at(-HOUR), TREASURY, EXCHANGE, 10n * E18), // tail transfer: no supply change
    move(1, 995n, at(-HOUR), ZERO, TREASURY, 7n * E18), // tail mint
    move(1, 996n, at(-HOUR), TREASURY, ZERO, 2n * E18), // tail burn
    bridgeMint,
  ]);
  const [issuer, exchange, pool] = await db
    .insert(entities)
    .values([
      { name: "USD1 Treasury", kind: "issuer", country: "US" },
      { name: "Acme Exchange", kind: "exchange", country: "AE" },
      { name: "CCIP Pool", kind: "bridge", country: "ZZ" },
    ])
    .returning({ id: entities.id });
  await db.insert(addresses).values([
    { chainId: 1, address: TREASURY, entityId: issuer!.id, label: "Issuer treasury", tags: ["treasury"] },
    { chainId: 1, address: EXCHANGE, entityId: exchange!.id, label: "Acme hot wallet", tags: ["hot_wallet"] },
    { chainId: 56, address: POOL, entityId: pool!.id, label: "Lock/release pool", tags: ["bridge"] },
    { chainId: 1, address: HOLDER, label: "Frozen account", tags: [] },
  ]);
  const bal = (chainId: number, address: `0x${string}`, balance: bigint) => ({
    chainId,
    address,
    balance,
    firstSeenBlock: 1n,
    lastSeenBlock: 2n,
  });
  await db
    .insert(balances)
    .values([
      bal(1, TREASURY, 600n * E18),
      bal(1, EXCHANGE, 300n * E18),
      bal(1, HOLDER, 100n * E18),
      bal(1, ADDR(0xf), 0n),
      bal(56, POOL, 30n * E18),
      bal(56, EXCHANGE, 70n * E18),
      ...Array.from({ length: 11 }, (_, i) => bal(56, ADDR(0x100 + i), 1n)),
    ]);
  await db.insert(tokenEvents).values([
    {
      ...event(56, bridgeMint.blockTime, "issuer_mint"),
      txHash: bridgeMint.txHash,
      actor: POOL,
      subject: USER,
      amount: 50n * E18,
    },
    event(1, at(-5 * DAY), "freeze", { subject: HOLDER, actor: TREASURY }),
    event(1, at(-2 * DAY), "pause", { actor: TREASURY }),
    event(1, at(-DAY), "upgraded", { subject: ADDR(0x99) }),
    event(56, at(-10 * DAY), "ownership_transferred", { subject: ADDR(0x98), counterparty: ADDR(0x97) }),
  ]);
  const rec = (chainId: number, blockNumber: bigint, difference: bigint, checkedAt: Date) => ({
    chainId,
    blockNumber,
    indexedSupply: 1000n + difference,
    onchainSupply: 1000n,
    difference,
    matches: difference === 0n,
    checkedAt,
  });
  await db
    .insert(supplyReconciliations)
    .values([
      rec(1, 900n, 0n, at(-2 * HOUR)),
      rec(1, 950n, -5n, at(-HOUR)),
      rec(56, 4800n, 0n, at(-3 * DAY)),
    ]);
}

describe.each(backends)("supply queries on $name", (backend) => {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    await seed(handle);
  }, 60_000);
  afterAll(async () => cleanup?.());

  it("plots supply per chain per day, rollups plus tail, ending on getSupplyByChain", async () => {
    const s = await getSupplySeries(handle.db, { fromDay: null, toDay: "2025-03-10", today: "2025-03-10" });
    expect(s.chainIds).toEqual([1, 56]);
    expect(s.days.map((d) => d.day)).toEqual([
      "2025-03-01",
      "2025-03-02",
      "2025-03-03",
      "2025-03-04",
      "2025-03-05",
      "2025-03-06",
      "2025-03-07",
      "2025-03-08",
      "2025-03-09",
      "2025-03-10",
    ]);
    const point = (day: string) => s.days.find((d) => d.day === day)!;
    expect(point("2025-03-02").supply).toEqual({ 1: 1000n * E18, 56: 0n });
    expect(point("2025-03-05").supply).toEqual({ 1: 1300n * E18 + 1n, 56: BIG });
    expect(point("2025-03-05")).toMatchObject({
      issuerMinted: 400n * E18 + 1n,
      issuerBurned: 200n * E18,
      bridgeMinted: 100n * E18,
    });
    expect(point("2025-03-09")).toMatchObject({
      supply: { 1: 1300n * E18 + 1n, 56: BIG + 50n * E18 },
      issuerMinted: 0n,
      bridgeMinted: 50n * E18,
    });
    expect(point("2025-03-10").supply).toEqual({ 1: 1305n * E18 + 1n, 56: BIG + 50n * E18 });
    const byChain = await getSupplyByChain(handle.db);
    expect(point("2025-03-10").total).toBe(byChain.total);
    expect(s.provisionalFrom).toBe("2025-03-09");
    expect(s.windows).toEqual({
      d1: { minted: 7n * E18, burned: 2n * E18, net: 5n * E18 },
      d7: { minted: 407n * E18 + 1n, burned: 202n * E18, net: 205n * E18 + 1n },
      d30: { minted: 1407n * E18 + 1n + BIG, burned: 202n * E18, net: 1205n * E18 + 1n + BIG },
    });
  });

  it("narrows to a chain and a range, carrying the supply from before the range", async () => {
    const s = await getSupplySeries(handle.db, {
      chainId: 1,
      fromDay: "2025-03-04",
      toDay: "2025-03-06",
      today: "2025-03-10",
    });
    expect(s.days.map((d) => [d.day, d.total])).toEqual([
      ["2025-03-04", 1000n * E18],
      ["2025-03-05", 1300n * E18 + 1n],
      ["2025-03-06", 1300n * E18 + 1n],
    ]);
    const before = await getSupplySeries(handle.db, {
      fromDay: "2024-01-01",
      toDay: "2024-02-01",
      today: "2025-03-10",
    });
    expect(before.days).toEqual([]);
    // All time ends on the last day with a mint or burn, not on an idle today.
    const idle = await getSupplySeries(handle.db, {
      chainId: 1,
      fromDay: null,
      toDay: "2025-04-01",
      today: "2025-04-01",
    });
    expect(idle.days.at(-1)?.day).toBe("2025-03-10");
    expect(idle.days).toHaveLength(10);
  });

  it("reads treasury and bridge-pool holdings with the provisional tail", async () => {
    const h = await getTaggedHoldings(handle.db);
    expect(h.map((x) => [x.tag, x.chainId, x.address, x.balance, x.entityName])).toEqual([
      ["treasury", 1, TREASURY, 595n * E18, "USD1 Treasury"],
      ["bridge", 56, POOL, 30n * E18, "CCIP Pool"],
    ]);
    expect(await getTaggedHoldings(handle.db, { chainId: 56 })).toHaveLength(1);
  });

  it("measures concentration exactly (top-10 share, HHI)", async () => {
    const all = await getHolderConcentration(handle.db);
    // Finalized balances plus the tail (chain 1: −10 +7 −2 for the treasury, +10 for the
    // exchange; chain 56: the bridge mint of 50 to USER).
    expect(all).toEqual({
      holders: 16,
      total: 1155n * E18 + 11n,
      top10: 1155n * E18 + 5n,
      sumSquares: 511_825n * E18 * E18 + 11n,
      hhi: "3836.70",
    });
    expect(await getHolderConcentration(handle.db, { chainId: 1 })).toMatchObject({
      holders: 3,
      total: 1005n * E18,
      hhi: "4555.58",
    });
    expect(hhiOf(1n, 1n)).toBe("10000.00");
    expect(hhiOf(0n, 0n)).toBe("0.00");
  });

  it("lists top holders with entities, rank, search, sort and a total", async () => {
    const page = await listTopHolders(handle.db, { limit: 3, offset: 0, sort: null });
    expect(page.total).toBe(16);
    expect(page.rows.map((r) => [r.rank, r.address, r.balance, r.chainIds, r.entityName, r.tags])).toEqual([
      [1, TREASURY, 595n * E18, [1], "USD1 Treasury", ["treasury"]],
      [2, EXCHANGE, 380n * E18, [1, 56], "Acme Exchange", ["hot_wallet"]],
      [3, HOLDER, 100n * E18, [1], null, []],
    ]);
    const acme = await listTopHolders(handle.db, { limit: 10, offset: 0, sort: null, q: "acme" });
    expect(acme.rows.map((r) => [r.rank, r.address])).toEqual([[2, EXCHANGE]]);
    expect(acme.total).toBe(1);
    // LIKE wildcards are searched literally; SQL is just text.
    expect((await listTopHolders(handle.db, { limit: 10, offset: 0, sort: null, q: "%" })).total).toBe(0);
    expect(
      (await listTopHolders(handle.db, { limit: 10, offset: 0, sort: null, q: "' or 1=1 --" })).total,
    ).toBe(0);
    const byEntity = await listTopHolders(handle.db, {
      limit: 4,
      offset: 0,
      sort: { id: "entity", desc: false },
    });
    expect(byEntity.rows.map((r) => r.entityName)).toEqual([
      "Acme Exchange",
      "CCIP Pool",
      "USD1 Treasury",
      null,
    ]);
    expect(await listTopHolders(handle.db, { limit: 10, offset: 100, sort: null })).toEqual({
      rows: [],
      total: 16,
    });
    const chain56 = await listTopHolders(handle.db, { chainId: 56, limit: 2, offset: 0, sort: null });
    expect(chain56.rows.map((r) => [r.address, r.balance, r.entityName])).toEqual([
      [EXCHANGE, 70n * E18, null],
      [USER, 50n * E18, null],
    ]);
  });

  it("pages the reconciliation history with status and window", async () => {
    const window = { since: at(-DAY), until: at(DAY), limit: 10, offset: 0, sort: null };
    const r = await listReconciliations(handle.db, window);
    expect(r.total).toBe(2);
    expect(r.rows.map((x) => [x.chainId, x.blockNumber, x.difference, x.matches, x.chainName])).toEqual([
      [1, 950n, -5n, false, "Ethereum"],
      [1, 900n, 0n, true, "Ethereum"],
    ]);
    expect((await listReconciliations(handle.db, { ...window, status: "mismatch" })).total).toBe(1);
    const all56 = await listReconciliations(handle.db, { ...window, since: null, chainId: 56 });
    expect(all56.rows.map((x) => x.blockNumber)).toEqual([4800n]);
    const asc = await listReconciliations(handle.db, {
      ...window,
      since: null,
      sort: { id: "block", desc: false },
    });
    expect(asc.rows.map((x) => x.blockNumber)).toEqual([900n, 950n, 4800n]);
  });

  it("lists admin events newest first, without issuance events", async () => {
    const base = { since: null, until: at(DAY), limit: 10, offset: 0, sort: null };
    const all = await listAdminEvents(handle.db, base);
    expect(all.total).toBe(4);
    expect(all.rows.map((e) => e.kind)).toEqual(["upgraded", "pause", "freeze", "ownership_transferred"]);
    const freeze = await listAdminEvents(handle.db, { ...base, kind: "freeze" });
    expect(freeze.rows.map((e) => [e.subject, e.subjectLabel, e.actor])).toEqual([
      [HOLDER, "Frozen account", TREASURY],
    ]);
    expect((await listAdminEvents(handle.db, { ...base, since: at(-3 * DAY) })).total).toBe(2);
    expect((await listAdminEvents(handle.db, { ...base, chainId: 56 })).rows[0]?.counterparty).toBe(
      ADDR(0x97),
    );
  });
});
