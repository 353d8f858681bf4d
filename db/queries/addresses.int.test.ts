// Address page queries against the corridor fixture, checked with plain TypeScript sums.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { FX, ROLLED_UP, seedCorridorFixture, utcDay, type FixtureTransfer } from "../testing/corridor-fixture";
import {
  getAddressActivity,
  getAddressBalanceHistory,
  getAddressCounterparties,
  getAddressRegistry,
} from "./addresses";
import { advanceRollups } from "./rollups";

let handle: DbHandle;
let database: TestDatabase;
let rows: FixtureTransfer[];

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_addresses"));
  rows = await seedCorridorFixture(handle.db);
  // The fixture's checkpoints say the rollups cover blocks <= rolled_up_block: build them as the
  // indexer does (activity reads balances plus the tail above).
  await handle.db.transaction(async (tx) => {
    for (const [chainId, to] of Object.entries(ROLLED_UP)) {
      await advanceRollups(tx, { chainId: Number(chainId), from: 0n, to });
    }
  });
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const subject = FX.pkb;
const net = (t: FixtureTransfer) =>
  (t.toAddress === subject ? t.amount : 0n) - (t.fromAddress === subject ? t.amount : 0n);

describe("address queries", () => {
  it("registry rows carry the entity per chain; an unknown address has none", async () => {
    const reg = await getAddressRegistry(handle.db, { address: FX.pkx });
    expect(reg.map((r) => [r.chainId, r.entity?.name, r.entity?.country])).toEqual([
      [1, "PK Fixture Exchange", "PK"],
    ]);
    expect(
      await getAddressRegistry(handle.db, { address: "0x00000000000000000000000000000000000000ff" }),
    ).toEqual([]);
    const pool = await getAddressRegistry(handle.db, { address: FX.pool });
    expect(pool.map((r) => [r.chainId, r.entity, r.tags])).toEqual([
      [1, null, ["bridge"]],
      [2, null, ["bridge"]],
    ]);
  });

  it("activity per chain: counts, totals, balance and first/last seen", async () => {
    const activity = await getAddressActivity(handle.db, { address: subject });
    for (const chainId of [1, 2]) {
      const mine = rows.filter(
        (t) => t.chainId === chainId && (t.fromAddress === subject || t.toAddress === subject),
      );
      const a = activity.find((x) => x.chainId === chainId);
      expect(a?.balance).toBe(mine.reduce((s, t) => s + net(t), 0n));
      // Finalized blocks come from balances, the tail from transfers: both halves are in these.
      expect(a?.received).toBe(mine.reduce((s, t) => s + (t.toAddress === subject ? t.amount : 0n), 0n));
      expect(a?.sent).toBe(mine.reduce((s, t) => s + (t.fromAddress === subject ? t.amount : 0n), 0n));
      const legsOf = (t: FixtureTransfer) => Number(t.toAddress === subject) + Number(t.fromAddress === subject);
      expect(a?.transferCount).toBe(mine.reduce((s, t) => s + legsOf(t), 0));
      expect(mine.some((t) => t.blockNumber > ROLLED_UP[chainId as 1 | 2])).toBe(true);
      expect(a?.firstSeen).toBe(mine[0]?.blockTime.toISOString().replace(".000", ""));
      expect(a?.lastSeen).toBe(mine.at(-1)?.blockTime.toISOString().replace(".000", ""));
    }
  });

  it("balance history is the running end-of-day balance", async () => {
    const history = await getAddressBalanceHistory(handle.db, { address: subject, chainId: 1 });
    const byDay = new Map<string, bigint>();
    for (const t of rows.filter((x) => x.chainId === 1)) {
      if (t.fromAddress !== subject && t.toAddress !== subject) continue;
      byDay.set(utcDay(t.blockTime), (byDay.get(utcDay(t.blockTime)) ?? 0n) + net(t));
    }
    let running = 0n;
    const want = [...byDay.entries()].sort().map(([day, delta]) => ({ day, balance: (running += delta) }));
    expect(history.map((p) => ({ day: p.day, balance: p.balance }))).toEqual(want);
  });

  it("counterparties are grouped both ways with entity names, largest first", async () => {
    const { rows: cps, total } = await getAddressCounterparties(handle.db, { address: subject, limit: 100 });
    const want = new Map<string, { sentTo: bigint; receivedFrom: bigint }>();
    for (const t of rows) {
      if (t.fromAddress === subject) {
        const c = want.get(t.toAddress) ?? { sentTo: 0n, receivedFrom: 0n };
        want.set(t.toAddress, { ...c, sentTo: c.sentTo + t.amount });
      }
      if (t.toAddress === subject) {
        const c = want.get(t.fromAddress) ?? { sentTo: 0n, receivedFrom: 0n };
        want.set(t.fromAddress, { ...c, receivedFrom: c.receivedFrom + t.amount });
      }
    }
    expect(total).toBe(want.size);
    for (const c of cps)
      expect({ sentTo: c.sentTo, receivedFrom: c.receivedFrom }).toEqual(want.get(c.address));
    const volumes = cps.map((c) => c.sentTo + c.receivedFrom);
    expect(volumes).toEqual([...volumes].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(cps.find((c) => c.address === FX.uk)?.entityName).toBe("UK Fixture Remit");
    expect(cps.find((c) => c.address === FX.customers[0])?.entityName ?? null).toBeNull();
  });
});
