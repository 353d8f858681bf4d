// Holder figures from the holder rollups (address_totals, holder_stats: migration 0013) adjusted by
// the provisional tail, so the supply view never groups all of `balances`. The tail touches few
// addresses: each touched address's finalized contribution is taken out and its adjusted one put
// in. Finalized balances are per chain (`balances`) with a chain filter, else summed over chains
// (`address_totals`), as the supply view's holders are.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { tailWhere, type TailRange } from "./provisional-tail";
import { rowsOf } from "./sql-arrays";

/** An address the tail moves: its finalized balance and its balance with the tail. */
export type Touched = { address: string; fin: bigint; adj: bigint };

export type TailTouch = {
  touched: Touched[];
  /** The tail's net move per chain and address (for the chains an address is held on). */
  perChain: { chainId: number; address: string; delta: bigint }[];
};

/** The finalized balance relation (columns address, balance) of the holders in view. */
export function finalizedSql(chainId: number | undefined): SQL {
  return chainId === undefined
    ? sql`(select address, balance from address_totals)`
    : sql`(select address, balance from balances where chain_id = ${chainId})`;
}

/** The tail's moves per chain and address, with the finalized balance of each address. */
export async function readTailTouch(
  tx: Tx,
  chainId: number | undefined,
  ranges: readonly TailRange[],
): Promise<TailTouch> {
  const tail = tailWhere("t", ranges);
  // A lookup per touched address (a handful): a join let the planner hash the whole relation.
  const fin =
    chainId === undefined
      ? sql`(select f.balance from address_totals f where f.address = tl.address)`
      : sql`(select f.balance from balances f where f.chain_id = tl.chain_id and f.address = tl.address)`;
  const rows = rowsOf<{ chain_id: number; address: string; d: string; fin: string | null }>(
    await tx.execute(sql`
      with tail as (
        select chain_id, address, sum(delta) as d from (
          select t.chain_id, t.to_address as address, t.amount as delta from transfers t
            where t.kind <> 'burn' and ${tail}
          union all
          select t.chain_id, t.from_address, -t.amount from transfers t where t.kind <> 'mint' and ${tail}) m
        group by chain_id, address)
      select tl.chain_id, tl.address, tl.d::text as d, ${fin}::text as fin from tail tl`),
  );
  const byAddress = new Map<string, Touched>();
  for (const r of rows) {
    const t = byAddress.get(r.address) ?? { address: r.address, fin: BigInt(r.fin ?? "0"), adj: 0n };
    t.adj += BigInt(r.d);
    byAddress.set(r.address, t);
  }
  for (const t of byAddress.values()) t.adj += t.fin;
  return {
    touched: [...byAddress.values()],
    perChain: rows.map((r) => ({ chainId: Number(r.chain_id), address: r.address, delta: BigInt(r.d) })),
  };
}

export type HolderStats = { holders: number; total: bigint; sumSquares: bigint };

/** holder_stats' row as stored (finalized balances only; chain, or 0 for every chain). */
async function readStatsRow(tx: Tx, chainId: number | undefined): Promise<HolderStats> {
  const [row] = rowsOf<{ holders: string; total: string; sq: string }>(
    await tx.execute(sql`select holders::text as holders, total::text as total, sum_squares::text as sq
      from holder_stats where chain_id = ${chainId ?? 0}`),
  );
  return {
    holders: Number(row?.holders ?? 0),
    total: BigInt(row?.total ?? "0"),
    sumSquares: BigInt(row?.sq ?? "0"),
  };
}

/** holder_stats' row with each touched address's contribution swapped for its adjusted one. */
export async function readAdjustedStats(
  tx: Tx,
  chainId: number | undefined,
  touched: readonly Touched[],
): Promise<HolderStats> {
  const row = await readStatsRow(tx, chainId);
  let holders = BigInt(row.holders);
  let total = row.total;
  let sumSquares = row.sumSquares;
  for (const t of touched) {
    if (t.fin > 0n) {
      holders -= 1n;
      total -= t.fin;
      sumSquares -= t.fin * t.fin;
    }
    if (t.adj > 0n) {
      holders += 1n;
      total += t.adj;
      sumSquares += t.adj * t.adj;
    }
  }
  return { holders: Number(holders), total, sumSquares };
}

/** The touched addresses as a relation (address, fin, adj) for SQL, bound as one JSON parameter. */
export function touchedSql(touched: readonly Touched[]): SQL {
  const json = JSON.stringify(
    touched.map((t) => ({ address: t.address, fin: t.fin.toString(), adj: t.adj.toString() })),
  );
  return sql`(select * from jsonb_to_recordset(${json}::jsonb) as x(address text, fin numeric, adj numeric))`;
}

/**
 * The first `n` holders by balance (desc, then address), each with its rank (1 + holders with a
 * strictly larger balance). Exact: a holder outside the touched set keeps its finalized balance,
 * and the first n of those are within the finalized top n + k (k touched), read by the balance
 * index; the touched ones join with their adjusted balances.
 */
export function topHoldersSql(chainId: number | undefined, touched: readonly Touched[], n: number): SQL {
  return sql`(
    select address, bal, (rank() over (order by bal desc))::int as rank from (
      select f.address, f.balance as bal
      from (select address, balance from ${finalizedSql(chainId)} f where balance > 0
        order by balance desc, address limit ${n + touched.length}) f
      where not exists (select 1 from ${touchedSql(touched)} t where t.address = f.address)
      union all
      select address, adj from ${touchedSql(touched)} t where adj > 0) m
    order by bal desc, address limit ${n})`;
}

/**
 * Every holder (address, bal) with the tail: finalized positive balances outside the touched
 * set, and the touched ones with their adjusted balances. A full read of the finalized relation:
 * for searches and sorts other than the top by balance.
 */
export function allHoldersSql(chainId: number | undefined, touched: readonly Touched[]): SQL {
  return sql`(
    select f.address, f.balance as bal from ${finalizedSql(chainId)} f
    where f.balance > 0 and not exists (select 1 from ${touchedSql(touched)} t where t.address = f.address)
    union all
    select address, adj from ${touchedSql(touched)} t where adj > 0)`;
}

/**
 * Rank of each balance among all holders (1 + holders with a strictly larger balance), for rows
 * not read in balance order. No index gives a rank, so finalized balances are counted over an
 * index range: above the smallest value for the values above the (estimated) median, and from 0
 * up to the largest for the others, subtracted from the finalized holders count — at most about
 * half of the holders each way. width_bucket against the sorted values + 1 puts a balance v in
 * bucket #{x : x < v} (integers: x < v ⟺ x + 1 ≤ v). Touched addresses are then swapped as in
 * readAdjustedStats. The median only picks the side; the counts are exact either way.
 */
export async function ranksOf(
  tx: Tx,
  chainId: number | undefined,
  touched: readonly Touched[],
  balances: readonly bigint[],
): Promise<Map<bigint, number>> {
  const xs = [...new Set(balances)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<bigint, number>();
  if (xs.length === 0) return out;
  const median = await approxMedian(tx, chainId);
  const hi = xs.filter((x) => median === null || x >= median);
  const lo = xs.filter((x) => median !== null && x < median);
  const above = new Map<bigint, bigint>();
  if (hi.length > 0) {
    const perBucket = await countBuckets(
      tx,
      chainId,
      hi,
      sql`f.balance > ${(hi[0] as bigint).toString()}::numeric`,
    );
    let acc = 0n;
    for (let j = hi.length - 1; j >= 0; j--) above.set(hi[j] as bigint, (acc += perBucket[j + 1] ?? 0n));
  }
  if (lo.length > 0) {
    const range = sql`f.balance > 0 and f.balance <= ${(lo[lo.length - 1] as bigint).toString()}::numeric`;
    const perBucket = await countBuckets(tx, chainId, lo, range);
    let acc = BigInt((await readStatsRow(tx, chainId)).holders);
    for (let j = 0; j < lo.length; j++) above.set(lo[j] as bigint, (acc -= perBucket[j] ?? 0n));
  }
  for (const x of xs) {
    let n = above.get(x) ?? 0n;
    for (const t of touched) {
      if (t.fin > x) n -= 1n;
      if (t.adj > x) n += 1n;
    }
    out.set(x, Number(n) + 1);
  }
  return out;
}

/** Finalized balances in `range` per bucket: index b counts those with b of `xs` below them. */
async function countBuckets(
  tx: Tx,
  chainId: number | undefined,
  xs: readonly bigint[],
  range: SQL,
): Promise<bigint[]> {
  const bounds = JSON.stringify(xs.map((x) => (x + 1n).toString()));
  const rows = rowsOf<{ b: number; n: string }>(
    await tx.execute(sql`
      select width_bucket(f.balance, array(select jsonb_array_elements_text(${bounds}::jsonb)::numeric)) as b,
        count(*)::text as n
      from ${finalizedSql(chainId)} f where ${range}
      group by 1`),
  );
  const perBucket = new Array<bigint>(xs.length + 1).fill(0n);
  for (const r of rows) perBucket[Number(r.b)] = (perBucket[Number(r.b)] ?? 0n) + BigInt(r.n);
  return perBucket;
}

/** The middle of the planner's histogram of the finalized balances (null without statistics). */
async function approxMedian(tx: Tx, chainId: number | undefined): Promise<bigint | null> {
  const table = chainId === undefined ? "address_totals" : "balances";
  const [row] = rowsOf<{ m: string | null }>(
    await tx.execute(sql`
      select (b)[array_length(b, 1) / 2 + 1]::text as m
      from (select histogram_bounds::text::numeric[] as b from pg_stats
        where schemaname = current_schema() and tablename = ${table} and attname = 'balance') s`),
  );
  return row?.m == null ? null : BigInt(row.m);
}
