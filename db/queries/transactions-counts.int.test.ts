// The /transactions count and total come from three places: daily_supply (chain, kind, whole days),
// daily_corridor_volume (a corridor drill-down) and, for any other filter, a count of the matching
// rows that stops at COUNT_CAP. Each rollup path must equal the rows the page itself lists (raw
// transfers, attribution joins), provisional tail included, to the wei.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { ROLLED_UP, seedCorridorFixture, utcDay, type FixtureTransfer } from "../testing/corridor-fixture";
import { rebuildAttributionRollups } from "./rollups";
import {
  COUNT_CAP,
  countTransactions,
  listTransactions,
  resolveAttribution,
  type TransactionFilter,
} from "./transactions";

let handle: DbHandle;
let database: TestDatabase;
let rows: FixtureTransfer[];

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_transaction_counts"));
  rows = await seedCorridorFixture(handle.db);
  await handle.db.transaction((tx) => rebuildAttributionRollups(tx));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

/** Every row the page lists for the filter (the fixture is far below 5,000 rows). */
async function listed(f: TransactionFilter) {
  const page = await listTransactions(handle.db, {
    ...f,
    sort: "time",
    dir: "desc",
    limit: 5_000,
    offset: 0,
  });
  expect(page.next).toBeNull();
  return { n: page.rows.length, wei: page.rows.reduce((s, r) => s + r.amount, 0n), page };
}

describe("transaction counts", () => {
  it("a corridor drill-down is counted from daily_corridor_volume plus the tail, equal to the listed rows", async () => {
    const days = [...new Set(rows.map((t) => utcDay(t.blockTime)))].sort();
    // The fixture's last days lie partly above the rolled-up block: the tail must be counted too.
    const tailDays = new Set(
      rows.filter((t) => t.blockNumber > ROLLED_UP[t.chainId as 1 | 2]).map((t) => utcDay(t.blockTime)),
    );
    expect(tailDays.size).toBeGreaterThan(0);
    const pairs = [
      ...new Set(rows.filter((t) => t.kind === "transfer").map((t) => `${t.chainId}|${utcDay(t.blockTime)}`)),
    ];
    expect(pairs.length).toBeGreaterThan(3);
    const origins = ["AE", "PK", "GB", "ZZ", "US"];
    let checked = 0;
    let nonEmpty = 0;
    for (const day of [days[0]!, ...tailDays]) {
      const since = new Date(`${day}T00:00:00Z`);
      const until = new Date(since.getTime() + 86_400_000);
      for (const origin of origins) {
        for (const flow of [undefined, "adjusted", "primary"] as const) {
          for (const chainId of [undefined, 1, 2]) {
            for (const finalizedOnly of [false, true]) {
              const f: TransactionFilter = { origin, since, until, flow, chainId, finalizedOnly };
              const want = await listed(f);
              const got = await countTransactions(handle.db, f, await resolveAttribution(handle.db, f));
              const label = JSON.stringify({ day, origin, flow, chainId, finalizedOnly });
              expect(got, label).toEqual({ total: want.n, totalAmount: want.wei, exact: true });
              expect({ total: want.page.total, totalAmount: want.page.totalAmount }, label).toEqual({
                total: want.n,
                totalAmount: want.wei,
              });
              checked++;
              if (want.n > 0) nonEmpty++;
            }
          }
        }
      }
      // Origin and destination together, and destination alone.
      for (const [o, d] of [
        ["AE", "PK"],
        [undefined, "PK"],
        ["ZZ", "ZZ"],
      ] as const) {
        const f: TransactionFilter = { origin: o, destination: d, since, until };
        const want = await listed(f);
        expect(await countTransactions(handle.db, f), `${day} ${o}→${d}`).toEqual({
          total: want.n,
          totalAmount: want.wei,
          exact: true,
        });
        checked++;
        if (want.n > 0) nonEmpty++;
      }
    }
    expect(checked).toBe((1 + tailDays.size) * (origins.length * 3 * 3 * 2 + 3));
    expect(nonEmpty).toBeGreaterThan(checked / 4);
  });

  it("the intra-entity and bridge flows, and a part-day range, are counted from the rows", async () => {
    const day = utcDay(rows[0]!.blockTime);
    const since = new Date(`${day}T00:00:00Z`);
    for (const f of [
      { origin: "AE", since, until: new Date(since.getTime() + 86_400_000), flow: "intra" },
      { origin: "AE", since, until: new Date(since.getTime() + 86_400_000), flow: "bridge" },
      { origin: "AE", since: new Date(since.getTime() + 3_600_000) },
    ] satisfies TransactionFilter[]) {
      const want = await listed(f);
      expect(want.n).toBeLessThanOrEqual(COUNT_CAP);
      expect(await countTransactions(handle.db, f)).toEqual({
        total: want.n,
        totalAmount: want.wei,
        exact: true,
      });
    }
  });

  it("a filter no rollup answers is exact up to COUNT_CAP, then stops", async () => {
    const f: TransactionFilter = { minAmount: 1n };
    const want = await listed(f);
    expect(want.n).toBe(rows.filter((t) => t.amount >= 1n).length);
    expect(want.n).toBeLessThan(COUNT_CAP);
    expect(await countTransactions(handle.db, f)).toEqual({
      total: want.n,
      totalAmount: want.wei,
      exact: true,
    });
    // Copies of the first transfer (new hashes, amount 7 wei) until exactly COUNT_CAP rows match,
    // then one more: the count stops at the cap and the total is not given.
    const add = async (n: number, offset: number) =>
      handle.db.execute(sql`insert into transfers (chain_id, block_number, block_time, tx_hash, log_index,
          from_address, to_address, amount, kind)
        select t.chain_id, t.block_number, t.block_time, '0x' || lpad(to_hex(1000000 + ${offset} + g), 64, '0'), 0,
          t.from_address, t.to_address, 7, t.kind
        from (select * from transfers order by chain_id, block_number, log_index limit 1) t
        cross join generate_series(1, ${n}) g`);
    await add(COUNT_CAP - want.n, 0);
    expect(await countTransactions(handle.db, f)).toEqual({
      total: COUNT_CAP,
      totalAmount: want.wei + 7n * BigInt(COUNT_CAP - want.n),
      exact: true,
    });
    await add(1, COUNT_CAP);
    expect(await countTransactions(handle.db, f)).toEqual({
      total: COUNT_CAP,
      totalAmount: null,
      exact: false,
    });
  });
});
