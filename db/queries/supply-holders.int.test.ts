// The supply view's holder figures from the holder rollups (address_totals, holder_stats, the
// balance indexes, the tail's addresses swapped in) equal the full computation they replace: every
// balances row grouped with the provisional tail. Per chain and across chains, with a non-empty
// tail, default pages and the other sorts and searches, and again after both chains' rollups
// advance at once (two transactions folding into the shared address_totals and stats row 0).
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { advanceFinalized } from "./indexer";
import { readTailRanges, tailWhere, type TailRange } from "./provisional-tail";
import { rowsOf } from "./sql-arrays";
import { getHolderConcentration, hhiOf, listTopHolders, type ListTopHoldersParams } from "./supply-holders";
import { writeSyntheticHistory } from "./synthetic-history";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_holders"));
  await writeSyntheticHistory(handle.db, {
    transfers: 20_000,
    addresses: 3_000,
    registered: 300,
    days: 20,
    tailBlocks: 400,
    endDay: "2026-06-30",
  });
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

/** The computation the rollups replace (supply-holders.ts before #18's holder rollups). */
function referenceCte(chainId: number | undefined, ranges: readonly TailRange[]): SQL {
  const b = chainId === undefined ? sql`true` : sql`b.chain_id = ${chainId}`;
  const tail = tailWhere("t", ranges);
  return sql`moves as (
    select b.chain_id, b.address, b.balance as delta from balances b where ${b}
    union all
    select t.chain_id, t.to_address, t.amount from transfers t where t.kind <> 'burn' and ${tail}
    union all
    select t.chain_id, t.from_address, -t.amount from transfers t where t.kind <> 'mint' and ${tail}),
  per_chain as (select chain_id, address, sum(delta) as bal from moves group by chain_id, address),
  holders as (
    select address, sum(bal) as bal,
      array_agg(chain_id order by chain_id) filter (where bal <> 0) as chain_ids
    from per_chain group by address having sum(bal) > 0)`;
}

async function referenceConcentration(chainId?: number) {
  const [row] = rowsOf<{ holders: number; total: string; sq: string; top10: string }>(
    await handle.db.execute(sql`
      with ${referenceCte(chainId, await readTailRanges(handle.db, chainId))}
      select count(*)::int as holders, coalesce(sum(bal), 0)::text as total,
        coalesce(sum(bal * bal), 0)::text as sq,
        (select coalesce(sum(bal), 0) from (select bal from holders order by bal desc limit 10) t)::text as top10
      from holders`),
  );
  const total = BigInt(row?.total ?? "0");
  const sumSquares = BigInt(row?.sq ?? "0");
  return {
    holders: Number(row?.holders),
    total,
    top10: BigInt(row?.top10 ?? "0"),
    sumSquares,
    hhi: hhiOf(sumSquares, total),
  };
}

const SORT_SQL = { balance: sql`h.bal`, entity: sql`h.entity`, address: sql`h.address` } as const;

async function referencePage(p: ListTopHoldersParams) {
  const sort = p.sort ?? { id: "balance", desc: true };
  const dir = sort.desc ? sql`desc nulls last` : sql`asc nulls last`;
  const chainReg = p.chainId === undefined ? sql`true` : sql`a.chain_id = ${p.chainId}`;
  const pattern = p.q === undefined ? null : `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const search =
    pattern === null
      ? sql`true`
      : sql`(h.address ilike ${pattern} or r.entity ilike ${pattern} or r.label ilike ${pattern})`;
  const rows = rowsOf<{
    rank: number;
    address: string;
    chain_ids: number[];
    bal: string;
    entity: string | null;
    kind: string | null;
    country: string | null;
    label: string | null;
    tags: string | null;
  }>(
    await handle.db.execute(sql`
      with ${referenceCte(p.chainId, await readTailRanges(handle.db, p.chainId))},
      ranked as (select h.*, (rank() over (order by h.bal desc))::int as rank from holders h),
      reg as (
        select a.address, min(e.name) as entity, min(e.kind) as kind, min(e.country) as country,
          min(a.label) as label
        from addresses a left join entities e on e.id = a.entity_id
        where ${chainReg} group by a.address),
      tagz as (
        select a.address, string_agg(distinct tg, ',' order by tg) as tags
        from addresses a cross join lateral unnest(a.tags) as tg
        where ${chainReg} group by a.address),
      matched as (
        select h.rank, h.address, h.chain_ids, h.bal, r.entity, r.kind, r.country, r.label, tz.tags
        from ranked h left join reg r on r.address = h.address left join tagz tz on tz.address = h.address
        where ${search})
      select h.rank, h.address, h.chain_ids, h.bal::text as bal, h.entity, h.kind, h.country, h.label, h.tags
      from matched h
      order by ${SORT_SQL[sort.id]} ${dir}, h.bal desc, h.address
      limit ${p.limit} offset ${p.offset}`),
  );
  const [count] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`
      with ${referenceCte(p.chainId, await readTailRanges(handle.db, p.chainId))},
      reg as (
        select a.address, min(e.name) as entity, min(a.label) as label
        from addresses a left join entities e on e.id = a.entity_id
        where ${chainReg} group by a.address)
      select count(*)::int as n from holders h left join reg r on r.address = h.address where ${search}`),
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      rank: r.rank,
      address: r.address,
      chainIds: r.chain_ids.map(Number),
      balance: BigInt(r.bal),
      entityName: r.entity,
      entityKind: r.kind,
      country: r.country,
      label: r.label,
      tags: r.tags ? r.tags.split(",") : [],
    })),
  };
}

const CHAINS = [undefined, 1, 56] as const;

const PAGES: Omit<ListTopHoldersParams, "chainId">[] = [
  { limit: 25, offset: 0, sort: null },
  { limit: 10, offset: 40, sort: { id: "balance", desc: true } },
  { limit: 25, offset: 1_000_000, sort: null },
  { limit: 25, offset: 0, sort: { id: "balance", desc: false } },
  { limit: 25, offset: 30, sort: { id: "entity", desc: false } },
  { limit: 25, offset: 0, sort: { id: "entity", desc: true } },
  { limit: 25, offset: 0, sort: { id: "address", desc: true } },
  { limit: 25, offset: 5, sort: { id: "address", desc: false } },
  { limit: 25, offset: 0, sort: null, q: "Entity 7" },
  { limit: 5, offset: 5, sort: { id: "balance", desc: false }, q: "hot wallet" },
  { limit: 25, offset: 0, sort: null, q: "00003" },
  { limit: 25, offset: 0, sort: { id: "entity", desc: false }, q: "" },
  { limit: 25, offset: 500, sort: null, q: "Entity 1" },
];

async function expectSameAsReference(): Promise<void> {
  for (const chainId of CHAINS) {
    expect(await getHolderConcentration(handle.db, { chainId })).toEqual(
      await referenceConcentration(chainId),
    );
    for (const page of PAGES) {
      const p = { ...page, chainId };
      expect({ p, page: await listTopHolders(handle.db, p) }).toEqual({ p, page: await referencePage(p) });
    }
  }
}

/** Addresses the provisional tail moves (either side), per chain. */
async function tailAddresses(): Promise<Map<number, Set<string>>> {
  const tail = tailWhere("t", await readTailRanges(handle.db));
  const rows = rowsOf<{ chain_id: number; address: string }>(
    await handle.db.execute(sql`
      select t.chain_id, t.to_address as address from transfers t where ${tail}
      union select t.chain_id, t.from_address from transfers t where ${tail}`),
  );
  const out = new Map<number, Set<string>>();
  for (const r of rows)
    out.set(Number(r.chain_id), (out.get(Number(r.chain_id)) ?? new Set()).add(r.address));
  return out;
}

describe("holder figures from the holder rollups", () => {
  it("equal the full computation, with a provisional tail", async () => {
    const tail = await tailAddresses();
    expect(tail.get(1)?.size).toBeGreaterThan(10);
    expect(tail.get(56)?.size).toBeGreaterThan(10);
    // Not trivial: the default page is full and holds addresses the tail moves.
    const top = await listTopHolders(handle.db, { limit: 25, offset: 0, sort: null });
    expect(top.rows).toHaveLength(25);
    expect(top.rows.filter((r) => tail.get(1)?.has(r.address)).length).toBeGreaterThan(0);
    await expectSameAsReference();
  }, 120_000);

  it("equal it again after both chains' rollups advance at once", async () => {
    const cps = rowsOf<{ chain_id: number; rolled: string }>(
      await handle.db.execute(
        sql`select chain_id, rolled_up_block::text as rolled from indexer_checkpoints order by chain_id`,
      ),
    );
    await Promise.all(
      cps.map((c) =>
        advanceFinalized(handle.db, {
          chainId: Number(c.chain_id),
          finalizedBlock: BigInt(c.rolled) + 200n,
          headBlock: BigInt(c.rolled) + 400n,
          rpcErrorsDelta: 0,
        }),
      ),
    );
    const tail = await tailAddresses();
    expect(tail.get(1)?.size).toBeGreaterThan(5);
    await expectSameAsReference();
  }, 120_000);
});
