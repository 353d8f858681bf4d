// Address page queries against the corridor fixture, checked with plain TypeScript sums over the
// fixture's rows (the balance forwards from the first transfer, where the query walks back from
// the current balance), and at the edges of a window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import {
  FX,
  ROLLED_UP,
  seedCorridorFixture,
  utcDay,
  type FixtureTransfer,
} from "../testing/corridor-fixture";
import { getAddressBalanceHistory, getAddressCounterparties, getLatestWindow } from "./address-history";
import { getAddressActivity, getAddressRegistry } from "./addresses";
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
/** The subject's transfers on these chains, in block-time order. */
const mineOn = (...chainIds: number[]) =>
  rows.filter((t) => chainIds.includes(t.chainId) && (t.fromAddress === subject || t.toAddress === subject));
/** End-of-day balance per active day, forwards from the first transfer, over the transfers kept. */
function endOfDays(mine: FixtureTransfer[], keep: (t: FixtureTransfer) => boolean) {
  const byDay = new Map<string, bigint>();
  for (const t of mine.filter(keep))
    byDay.set(utcDay(t.blockTime), (byDay.get(utcDay(t.blockTime)) ?? 0n) + net(t));
  let running = 0n;
  return [...byDay.entries()].sort().map(([day, delta]) => ({ day, balance: (running += delta) }));
}

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
      const legsOf = (t: FixtureTransfer) =>
        Number(t.toAddress === subject) + Number(t.fromAddress === subject);
      expect(a?.transferCount).toBe(mine.reduce((s, t) => s + legsOf(t), 0));
      expect(mine.some((t) => t.blockNumber > ROLLED_UP[chainId as 1 | 2])).toBe(true);
      expect(a?.firstSeen).toBe(mine[0]?.blockTime.toISOString().replace(".000", ""));
      expect(a?.lastSeen).toBe(mine.at(-1)?.blockTime.toISOString().replace(".000", ""));
    }
  });

  it("balance history over the whole history is the running end-of-day balance", async () => {
    const history = await getAddressBalanceHistory(handle.db, {
      address: subject,
      chainId: 1,
      since: null,
      until: null,
    });
    const want = endOfDays(mineOn(1), () => true);
    expect(history.points.map((p) => ({ day: p.day, balance: p.balance }))).toEqual(want);
    expect(history.points.map((p) => p.day)).toEqual(["2025-05-01", "2025-05-02"]);
    expect(history.opening).toBe(0n);
    expect(history.closing).toBe(want.at(-1)?.balance);
  });

  it("a window from a UTC midnight: the opening balance, that day's figures, the current balance", async () => {
    const since = new Date("2025-05-02T00:00:00Z");
    const history = await getAddressBalanceHistory(handle.db, { address: subject, since, until: null });
    const mine = mineOn(1, 2);
    const before = mine.filter((t) => t.blockTime < since);
    const after = mine.filter((t) => t.blockTime >= since);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(history.opening).toBe(before.reduce((s, t) => s + net(t), 0n));
    expect(history.opening).toBe(-26_820_000000000000000109n);
    expect(history.points).toEqual([
      {
        day: "2025-05-02",
        received: after.reduce((s, t) => s + (t.toAddress === subject ? t.amount : 0n), 0n),
        sent: after.reduce((s, t) => s + (t.fromAddress === subject ? t.amount : 0n), 0n),
        balance: mine.reduce((s, t) => s + net(t), 0n),
      },
    ]);
    expect(history.closing).toBe(mine.reduce((s, t) => s + net(t), 0n));
  });

  it("a window that ends in the past: its days only, closing at the end of its last day", async () => {
    const until = new Date("2025-05-02T00:00:00Z");
    const history = await getAddressBalanceHistory(handle.db, {
      address: subject,
      chainId: 2,
      since: null,
      until,
    });
    const first = endOfDays(mineOn(2), (t) => t.blockTime < until);
    expect(history.points.map((p) => ({ day: p.day, balance: p.balance }))).toEqual(first);
    expect(history.points.map((p) => p.day)).toEqual(["2025-05-01"]);
    expect(history.closing).toBe(first[0]?.balance);
    expect(history.closing).toBe(-41_532_000000000000000037n);
    expect(history.opening).toBe(0n);
  });

  it("the latest-legs window starts at its oldest leg's block time, inclusive", async () => {
    const mine = mineOn(1, 2);
    const legTimes = mine
      .flatMap((t) => [t.toAddress, t.fromAddress].filter((a) => a === subject).map(() => t.blockTime))
      .sort((x, y) => y.getTime() - x.getTime());
    const all = await getLatestWindow(handle.db, { address: subject, latest: 1000 });
    expect(all).toEqual({ since: null, legs: legTimes.length });
    expect(legTimes.length).toBe(66);
    const latest = await getLatestWindow(handle.db, { address: subject, latest: 10 });
    expect(latest).toEqual({ since: legTimes[9], legs: 10 });
    expect(latest.since).toEqual(new Date("2025-05-02T10:10:00Z"));
    // The 21st and 22nd latest legs share a block time: the window from it holds 23 legs.
    const tied = await getLatestWindow(handle.db, { address: subject, latest: 21 });
    expect(tied).toEqual({ since: new Date("2025-05-02T06:10:00Z"), legs: 21 });
    const tiedCps = await getAddressCounterparties(handle.db, {
      address: subject,
      ...tied,
      until: null,
      limit: 100,
    });
    expect(tiedCps.rows.reduce((s, c) => s + c.transferCount, 0)).toBe(23);
    const since = latest.since!;
    // Ties at the boundary are in: the window holds every leg at or after `since` (10 or more).
    const inWindow = mine.filter((t) => t.blockTime >= since);
    const history = await getAddressBalanceHistory(handle.db, {
      address: subject,
      since,
      until: null,
      maxLegs: 10,
    });
    expect(history.opening).toBe(mine.filter((t) => t.blockTime < since).reduce((s, t) => s + net(t), 0n));
    expect(history.opening).toBe(-247_429_000000000000001285n);
    expect(history.closing).toBe(-342_844_000000000000002687n);
    expect(history.points.reduce((s, p) => s + p.received - p.sent, 0n)).toBe(
      inWindow.reduce((s, t) => s + net(t), 0n),
    );
    const { rows: cps, total } = await getAddressCounterparties(handle.db, {
      address: subject,
      since,
      until: null,
      maxLegs: 10,
      limit: 100,
    });
    expect(total).toBe(
      new Set(inWindow.map((t) => (t.fromAddress === subject ? t.toAddress : t.fromAddress))).size,
    );
    expect(total).toBe(7);
    expect(cps.reduce((s, c) => s + c.transferCount, 0)).toBe(
      inWindow.reduce((s, t) => s + Number(t.toAddress === subject) + Number(t.fromAddress === subject), 0),
    );
    // One second later the oldest leg is out.
    const later = await getAddressCounterparties(handle.db, {
      address: subject,
      since: new Date(since.getTime() + 1000),
      until: null,
      limit: 100,
    });
    expect(later.rows.reduce((s, c) => s + c.transferCount, 0)).toBe(
      mine
        .filter((t) => t.blockTime > since)
        .reduce((s, t) => s + Number(t.toAddress === subject) + Number(t.fromAddress === subject), 0),
    );
  });

  it("counterparties are grouped both ways with entity names, largest first", async () => {
    const { rows: cps, total } = await getAddressCounterparties(handle.db, {
      address: subject,
      since: null,
      until: null,
      limit: 100,
    });
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
