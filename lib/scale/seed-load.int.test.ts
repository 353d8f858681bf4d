// seed:large's bulk load (COPY in multi-day chunks, then advanceRollups over each chain's whole range)
// leaves exactly the rows of the per-day load through writeBatch: the same history written both ways
// into two databases, every seeded table compared row for row.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { SCALE_CHAINS, type HistoryParams } from "./history";
import { loadBulk, loadPerDay, prepareSeed } from "./seed-load";

const PARAMS: HistoryParams = {
  seed: "seed-load-eq",
  transfers: 20_000,
  days: 45,
  startTs: Date.UTC(2026, 0, 1) / 1000,
  chains: SCALE_CHAINS,
  depositAddressesPerEntity: 20,
  customers: 6_000,
};

let perDay: { handle: DbHandle; database: TestDatabase };
let bulk: { handle: DbHandle; database: TestDatabase };
let perDayRows = 0;
let bulkRows = 0;

beforeAll(async () => {
  [perDay, bulk] = await Promise.all([openTestDb("usd1_test_seed_day"), openTestDb("usd1_test_seed_bulk")]);
  await Promise.all([prepareSeed(perDay.handle.db, PARAMS), prepareSeed(bulk.handle.db, PARAMS)]);
  [perDayRows, { rows: bulkRows }] = await Promise.all([
    loadPerDay(perDay.handle.db, PARAMS),
    // Chunks end every 7 days or past 2,000 transfers: many per chain, so the indexed range and the
    // checkpoint are extended across both kinds of chunk boundary.
    loadBulk(bulk.handle.db, PARAMS, { chunkDays: 7, chunkRows: 2_000 }),
  ]);
}, 120_000);

afterAll(async () => {
  await perDay?.handle.close();
  await bulk?.handle.close();
  await perDay?.database.drop();
  await bulk?.database.drop();
});

/** Every row of a table as text, in a total order. */
async function table(handle: DbHandle, query: ReturnType<typeof sql>): Promise<string[]> {
  return rowsOf<{ r: string }>(await handle.db.execute(query)).map((x) => x.r);
}

const TABLES: Record<string, ReturnType<typeof sql>> = {
  daily_supply: sql`select t::text as r from daily_supply t order by chain_id, day`,
  balances: sql`select t::text as r from balances t order by chain_id, address`,
  address_totals: sql`select t::text as r from address_totals t order by address`,
  holder_stats: sql`select t::text as r from holder_stats t order by chain_id`,
  daily_corridor_volume: sql`select t::text as r from daily_corridor_volume t
    order by chain_id, day, origin_country, destination_country`,
  transfers: sql`select t::text as r from transfers t order by chain_id, block_number, log_index`,
  blocks: sql`select t::text as r from blocks t order by chain_id, number`,
  token_events: sql`select t::text as r from token_events t order by chain_id, block_number, log_index`,
  indexed_ranges: sql`select t::text as r from indexed_ranges t order by chain_id, from_block`,
  indexer_checkpoints: sql`select (chain_id, indexed_block, indexed_block_hash, rolled_up_block, head_block,
    finalized_block, rpc_errors)::text as r from indexer_checkpoints order by chain_id`,
};

describe("seed:large bulk load", () => {
  it("writes the same transfers as the per-day load", () => {
    expect(perDayRows).toBe(18_603);
    expect(bulkRows).toBe(perDayRows);
  });

  it.each(Object.keys(TABLES))("%s: identical rows both ways", async (name) => {
    const query = TABLES[name] as ReturnType<typeof sql>;
    const [a, b] = await Promise.all([table(perDay.handle, query), table(bulk.handle, query)]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });

  // The bulk load rolls the two chains up concurrently (one transaction per chain over its whole
  // range), both folding into address_totals and the cross-chain stats row; per day, batch after
  // batch. Either way the holder rollups equal a recomputation from balances.
  it.each(["per day", "bulk"])("%s: holder rollups equal balances recomputed", async (which) => {
    const h = which === "bulk" ? bulk.handle : perDay.handle;
    const recomputed = sql`
      with totals as (select address, sum(balance) as balance from balances group by address),
      stats as (
        select chain_id, count(*) filter (where balance > 0) as holders,
          coalesce(sum(balance) filter (where balance > 0), 0) as total,
          coalesce(sum(balance * balance) filter (where balance > 0), 0) as sq
        from balances group by chain_id
        union all
        select 0, count(*) filter (where balance > 0), coalesce(sum(balance) filter (where balance > 0), 0),
          coalesce(sum(balance * balance) filter (where balance > 0), 0)
        from totals)
      select (select count(*) from totals) as n,
        (select count(*) from totals t full join address_totals a using (address)
          where t.balance is distinct from a.balance) as totals_off,
        (select count(*) from stats s full join holder_stats h using (chain_id)
          where (s.holders, s.total, s.sq) is distinct from (h.holders, h.total, h.sum_squares)) as stats_off`;
    const [row] = rowsOf<{ n: string; totals_off: string; stats_off: string }>(
      await h.db.execute(recomputed),
    );
    expect(Number(row?.n)).toBeGreaterThan(2_000);
    expect([Number(row?.totals_off), Number(row?.stats_off)]).toEqual([0, 0]);
  });

  it("the compared rollups are not trivial: bridge mints, attributed corridors, many holders", async () => {
    const [row] = rowsOf<{
      bridge: string;
      adjusted: string;
      intra: string;
      holders: string;
      chains: string;
    }>(
      await bulk.handle.db.execute(sql`select
        (select count(*) from daily_supply where bridge_mint_count > 0) as bridge,
        (select count(*) from daily_corridor_volume where adjusted_count > 0 and origin_country <> 'ZZ'
          and destination_country <> 'ZZ') as adjusted,
        (select count(*) from daily_corridor_volume where intra_entity_volume > 0) as intra,
        (select count(*) from balances) as holders,
        (select count(distinct chain_id) from balances) as chains`),
    );
    expect(Number(row?.bridge)).toBeGreaterThan(10);
    expect(Number(row?.adjusted)).toBeGreaterThan(50);
    expect(Number(row?.intra)).toBeGreaterThan(0);
    expect(Number(row?.holders)).toBeGreaterThan(2_000);
    expect(Number(row?.chains)).toBe(2);
  });
});
