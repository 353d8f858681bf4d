// The subject's behaviour around an alert: daily in/out for a small timeline, and whom it dealt
// with (a counterparty graph), both over the same window of whole UTC days centred on the alert's
// day, on the alert's chain. Read from raw transfers through transfers_from_idx/transfers_to_idx
// (address, block_time): one address over a month is a narrow slice, and the newest blocks count.
import { sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../client";
import { addressSlice } from "./serial";
import { rowsOf } from "./sql-arrays";

/** Days either side of the alert's day. */
export const ACTIVITY_DAYS = 14;
/** Edges drawn in the graph (largest first). */
export const GRAPH_EDGES = 12;

const DAY_MS = 86_400_000;

export type AlertWindowParams = {
  chainId: number;
  address: Address;
  /** The alert's block time. */
  at: Date;
  /** Days either side (default ACTIVITY_DAYS). */
  days?: number;
};

/** [first day, last day] as "YYYY-MM-DD", and the half-open time range they cover. */
export function alertWindow(at: Date, days = ACTIVITY_DAYS) {
  const day0 = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const since = new Date(day0 - days * DAY_MS);
  const until = new Date(day0 + (days + 1) * DAY_MS);
  return {
    firstDay: since.toISOString().slice(0, 10),
    lastDay: new Date(until.getTime() - DAY_MS).toISOString().slice(0, 10),
    alertDay: new Date(day0).toISOString().slice(0, 10),
    since,
    until,
  };
}

/** Each transfer touching the address in the window as a leg: 'in' (to it) or 'out' (from it). */
function legs(p: AlertWindowParams) {
  const w = alertWindow(p.at, p.days);
  const addr = p.address.toLowerCase();
  const range = sql`block_time >= ${w.since.toISOString()}::timestamptz and block_time < ${w.until.toISOString()}::timestamptz`;
  return sql`
    select block_time, amount, 'in' as dir, from_address as other from transfers
      where chain_id = ${p.chainId} and to_address = ${addr} and ${range}
    union all
    select block_time, amount, 'out' as dir, to_address as other from transfers
      where chain_id = ${p.chainId} and from_address = ${addr} and ${range}`;
}

export type ActivityDay = {
  /** UTC day, "YYYY-MM-DD". */
  day: string;
  inCount: number;
  inAmount: bigint;
  outCount: number;
  outAmount: bigint;
};

/** Every day of the window (quiet days as zeros), oldest first. A self-transfer is one in and one out. */
export async function getAlertActivity(db: Db, p: AlertWindowParams): Promise<ActivityDay[]> {
  const w = alertWindow(p.at, p.days);
  const result = await addressSlice(db, (tx) =>
    tx.execute(sql`
    with l as (${legs(p)})
    select g.day::date::text as day,
      count(l.dir) filter (where l.dir = 'in')::text as in_count,
      coalesce(sum(l.amount) filter (where l.dir = 'in'), 0)::text as in_amount,
      count(l.dir) filter (where l.dir = 'out')::text as out_count,
      coalesce(sum(l.amount) filter (where l.dir = 'out'), 0)::text as out_amount
    from generate_series(${w.firstDay}::date, ${w.lastDay}::date, interval '1 day') as g(day)
    left join l on (l.block_time at time zone 'UTC')::date = g.day::date
    group by g.day order by g.day`),
  );
  return rowsOf<Record<string, string>>(result).map((r) => ({
    day: String(r.day),
    inCount: Number(r.in_count),
    inAmount: BigInt(String(r.in_amount)),
    outCount: Number(r.out_count),
    outAmount: BigInt(String(r.out_amount)),
  }));
}

export type GraphEdge = {
  /** "out": subject → counterparty; "in": counterparty → subject. */
  direction: "in" | "out";
  counterparty: Address;
  entityName: string | null;
  country: string | null;
  label: string | null;
  /** The counterparty is one of the alert's parties. */
  isParty: boolean;
  count: number;
  amount: bigint;
};

export type AlertGraph = { edges: GraphEdge[]; totalEdges: number };

export type AlertGraphParams = AlertWindowParams & { parties: readonly string[]; limit?: number };

/**
 * The subject's counterparties in the window, one edge per direction, largest amount first (ties:
 * address, then direction), at most `limit`; totalEdges counts them all. The zero address stands
 * for mints and burns.
 */
export async function getAlertGraph(db: Db, p: AlertGraphParams): Promise<AlertGraph> {
  const parties = new Set(p.parties.map((a) => a.toLowerCase()));
  const result = await addressSlice(db, (tx) =>
    tx.execute(sql`
    with l as (${legs(p)}),
    g as (select dir, other, count(*) as n, sum(amount) as amount from l group by dir, other)
    select g.dir, g.other, g.n::text as n, g.amount::text as amount, (select count(*) from g)::text as total,
      en.name as entity_name, en.country, ad.label
    from g
    left join addresses ad on ad.chain_id = ${p.chainId} and ad.address = g.other
    left join entities en on en.id = ad.entity_id
    order by g.amount desc, g.other asc, g.dir asc
    limit ${p.limit ?? GRAPH_EDGES}`),
  );
  const rows = rowsOf<Record<string, string | null>>(result);
  return {
    totalEdges: Number(rows[0]?.total ?? 0),
    edges: rows.map((r) => ({
      direction: r.dir === "in" ? "in" : "out",
      counterparty: String(r.other) as Address,
      entityName: r.entity_name ?? null,
      country: r.country ?? null,
      label: r.label ?? null,
      isParty: parties.has(String(r.other)),
      count: Number(r.n),
      amount: BigInt(String(r.amount)),
    })),
  };
}
