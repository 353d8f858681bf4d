// The pages of the supply view's top-holders table (listTopHolders in supply-holders.ts): the
// default order from the top of the balance index, address and ascending-balance orders from an
// index's first rows, searches and the entity sort over the holders in view; then each listed
// address's chains and tags. All in the caller's snapshot, the tail's touched addresses swapped in.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import {
  allHoldersSql,
  finalizedSql,
  readAdjustedStats,
  topHoldersSql,
  touchedSql,
  type TailTouch,
  type Touched,
} from "./holder-tail";
import { rowsOf } from "./sql-arrays";
import type { HolderSort, ListTopHoldersParams } from "./supply-holders";

const SORT_SQL: Record<HolderSort, SQL> = {
  balance: sql`h.bal`,
  entity: sql`h.entity`,
  address: sql`h.address`,
};

/** `%`, `_` and `\` are wildcards in LIKE: escape them so a search means what it says. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page row before ranks, chains and tags are added. */
export type PageRow = {
  address: string;
  bal: string;
  entity: string | null;
  kind: string | null;
  country: string | null;
  label: string | null;
  rank?: number;
};

/**
 * The distinct chain ids of a table keyed (chain_id, …) (a skip scan of its primary key), so that
 * a lookup of a few addresses on every chain is an index condition (`chain_id = any(...) and
 * address = any(...)`).
 */
function chainsOf(table: "addresses" | "balances"): SQL {
  const t = sql.raw(table);
  return sql`array(
    with recursive c as (
      select min(chain_id) as id from ${t}
      union all
      select (select min(x.chain_id) from ${t} x where x.chain_id > c.id) from c where c.id is not null)
    select id from c where id is not null)`;
}
const REGISTRY_CHAINS = chainsOf("addresses");

/** Registry figures per address (the first of each over the chains in view), as the table shows them. */
function regSql(chainId: number | undefined, only: SQL): SQL {
  const chainReg =
    chainId === undefined ? sql`a.chain_id = any(${REGISTRY_CHAINS})` : sql`a.chain_id = ${chainId}`;
  return sql`(
    select a.address, min(e.name) as entity, min(e.kind) as kind, min(e.country) as country,
      min(a.label) as label
    from addresses a left join entities e on e.id = a.entity_id
    where ${chainReg} and ${only} group by a.address)`;
}

/** The default table: holders by balance, read from the top of the balance index. */
export async function readTopPage(
  tx: Tx,
  p: ListTopHoldersParams,
  touched: readonly Touched[],
): Promise<{ page: PageRow[]; total: number }> {
  const page = rowsOf<PageRow>(
    await tx.execute(sql`
      with top as (select * from ${topHoldersSql(p.chainId, touched, p.offset + p.limit)} h
        order by bal desc, address offset ${p.offset})
      select h.rank, h.address, h.bal::text as bal, r.entity, r.kind, r.country, r.label
      from top h left join ${regSql(p.chainId, sql`a.address = any(array(select address from top))`)} r on r.address = h.address
      order by h.bal desc, h.address`),
  );
  const { holders } = await readAdjustedStats(tx, p.chainId, touched);
  return { page, total: holders };
}

/**
 * All holders by address, or by balance ascending: the first offset + limit finalized holders in
 * that order outside the touched set (an index's order: the primary key, or the balance index
 * read backwards), merged with the touched ones. Exact as the top page is.
 */
export async function readIndexOrderPage(
  tx: Tx,
  p: ListTopHoldersParams,
  sort: { id: HolderSort; desc: boolean },
  touched: readonly Touched[],
): Promise<{ page: PageRow[]; total: number }> {
  const order =
    sort.id === "address"
      ? sql.raw(sort.desc ? "address desc" : "address asc")
      : sql.raw("bal asc, address asc");
  const page = rowsOf<PageRow>(
    await tx.execute(sql`
      with page as (
        select address, bal from (
          (select f.address, f.balance as bal from ${finalizedSql(p.chainId)} f
            where f.balance > 0 and not exists (select 1 from ${touchedSql(touched)} t where t.address = f.address)
            order by ${order} limit ${p.offset + p.limit})
          union all
          select address, adj from ${touchedSql(touched)} t where adj > 0) m
        order by ${order} limit ${p.limit} offset ${p.offset})
      select h.address, h.bal::text as bal, r.entity, r.kind, r.country, r.label
      from page h left join ${regSql(p.chainId, sql`a.address = any(array(select address from page))`)} r
        on r.address = h.address
      order by ${order}`),
  );
  return { page, total: (await readAdjustedStats(tx, p.chainId, touched)).holders };
}

/**
 * A search, or the entity sort: every holder in view is a candidate, unless the search cannot match
 * an address (addresses are 0x and hex digits), when only the registry's matches are.
 */
export async function readOtherPage(
  tx: Tx,
  p: ListTopHoldersParams,
  sort: { id: HolderSort; desc: boolean },
  q: string | undefined,
  touched: readonly Touched[],
): Promise<{ page: PageRow[]; total: number }> {
  const dir = sort.desc ? sql`desc nulls last` : sql`asc nulls last`;
  const pattern = q === undefined ? null : likePattern(q);
  const registryOnly = q !== undefined && !/^[0-9a-fx]*$/i.test(q);
  const reg = registryOnly
    ? regSql(
        p.chainId,
        sql`a.address in (select a2.address from addresses a2 left join entities e2 on e2.id = a2.entity_id
        where e2.name ilike ${pattern} or a2.label ilike ${pattern})`,
      )
    : regSql(p.chainId, sql`true`);
  const holders = registryOnly
    ? sql`(select r.address, coalesce(t.adj, f.balance) as bal from ${reg} r
        left join ${finalizedSql(p.chainId)} f on f.address = r.address
        left join ${touchedSql(touched)} t on t.address = r.address
        where coalesce(t.adj, f.balance) > 0)`
    : allHoldersSql(p.chainId, touched);
  const search =
    pattern === null
      ? sql`true`
      : sql`(h.address ilike ${pattern} or h.entity ilike ${pattern} or h.label ilike ${pattern})`;
  const rows = rowsOf<PageRow & { total_count: number }>(
    await tx.execute(sql`
      with h as (
        select h.address, h.bal, r.entity, r.kind, r.country, r.label
        from ${holders} h left join ${reg} r on r.address = h.address)
      select h.address, h.bal::text as bal, h.entity, h.kind, h.country, h.label,
        ${q === undefined ? sql`0` : sql`(count(*) over ())::int`} as total_count
      from h where ${search}
      order by ${SORT_SQL[sort.id]} ${dir}, h.bal desc, h.address
      limit ${p.limit} offset ${p.offset}`),
  );
  if (q === undefined)
    return { page: rows, total: (await readAdjustedStats(tx, p.chainId, touched)).holders };
  // A page past the end has no row to carry the window count.
  const total =
    rows[0]?.total_count ??
    (p.offset > 0
      ? Number(
          rowsOf<{ n: number }>(
            await tx.execute(sql`
              with h as (select h.address, r.entity, r.label from ${holders} h left join ${reg} r on r.address = h.address)
              select count(*)::int as n from h where ${search}`),
          )[0]?.n ?? 0,
        )
      : 0);
  return { page: rows, total };
}

/** A Postgres array bound as one JSON parameter: `= any(...)` of it is an index condition. */
function jsonArray(values: readonly string[], type: "text"): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::${sql.raw(type)})`;
}

/** Chains each listed address holds a non-zero balance on (finalized plus tail). */
export async function readChainIds(
  tx: Tx,
  chainId: number | undefined,
  tail: TailTouch,
  addrs: readonly string[],
): Promise<Map<string, number[]>> {
  if (chainId !== undefined) return new Map(addrs.map((a) => [a, [chainId]]));
  const out = new Map<string, number[]>();
  if (addrs.length === 0) return out;
  const bal = new Map<string, bigint>();
  const key = (c: number, a: string) => `${c}:${a}`;
  const rows = rowsOf<{ chain_id: number; address: string; balance: string }>(
    await tx.execute(sql`
      select b.chain_id, b.address, b.balance::text as balance from balances b
      where b.chain_id = any(${chainsOf("balances")}) and b.address = any(${jsonArray(addrs, "text")})`),
  );
  for (const r of rows) bal.set(key(Number(r.chain_id), r.address), BigInt(r.balance));
  for (const t of tail.perChain)
    bal.set(key(t.chainId, t.address), (bal.get(key(t.chainId, t.address)) ?? 0n) + t.delta);
  const wanted = new Set(addrs);
  for (const [k, v] of bal) {
    const i = k.indexOf(":");
    const a = k.slice(i + 1);
    if (v === 0n || !wanted.has(a)) continue;
    out.set(a, [...(out.get(a) ?? []), Number(k.slice(0, i))]);
  }
  for (const list of out.values()) list.sort((x, y) => x - y);
  return out;
}

/** Registry tags of each listed address over the chains in view, distinct and sorted. */
export async function readTags(
  tx: Tx,
  chainId: number | undefined,
  addrs: readonly string[],
): Promise<Map<string, string[]>> {
  if (addrs.length === 0) return new Map();
  const chainReg =
    chainId === undefined ? sql`a.chain_id = any(${REGISTRY_CHAINS})` : sql`a.chain_id = ${chainId}`;
  const rows = rowsOf<{ address: string; tags: string }>(
    await tx.execute(sql`
      select a.address, string_agg(distinct tg, ',' order by tg) as tags
      from addresses a cross join lateral unnest(a.tags) as tg
      where ${chainReg} and a.address = any(${jsonArray(addrs, "text")})
      group by a.address`),
  );
  return new Map(rows.map((r) => [r.address, r.tags.split(",")]));
}
