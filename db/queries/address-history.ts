// The address page's history over a window: its balance day by day and whom it dealt with. A
// whole history is unbounded (the treasury has ~90k legs, the busiest wallet 1.1M: seconds per
// statement at 10M transfers), so the page reads a window: by default the address's latest
// LATEST_LEGS legs (every leg of an everyday wallet; the last few days of the treasury), each
// read bounded by block time on transfers_to_idx / transfers_from_idx. The balance is anchored on
// the exact current balance (balances plus the provisional tail, in the same snapshot) and walked
// back through the window's days, so every figure is exact without reading what came before.
import { sql, type SQL } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../client";
import { legs, readActivity, type AddressParams, type AddressWindow } from "./addresses";
import { withoutParallelWorkers } from "./serial";
import { rowsOf } from "./sql-arrays";

/** Legs (a transfer to or from the address; a self-transfer is two) in the default window. */
export const LATEST_LEGS = 1000;

export type AddressWindowParams = AddressParams &
  AddressWindow & {
    /**
     * At most this many legs lie in the window (the latest-legs window): no parallel workers,
     * whose start-up (~60 ms on a 2-core machine) outweighs reading a few hundred rows.
     */
    maxLegs?: number | undefined;
  };

export type LatestWindow = {
  /** Block time of the oldest of the latest `latest` legs; null when the address has fewer. */
  since: Date | null;
  /** Legs found, at most `latest`. */
  legs: number;
};

/**
 * Where the latest `latest` legs begin: two backward scans of the (address, block_time) indexes,
 * `latest` entries each at most. Block times are whole seconds (EVM timestamps), so the Date is exact.
 */
export async function getLatestWindow(
  db: Db,
  params: AddressParams & { latest: number },
): Promise<LatestWindow> {
  const addr = params.address.toLowerCase();
  const chain = params.chainId === undefined ? sql`true` : sql`chain_id = ${params.chainId}`;
  const [row] = rowsOf<{ n: number; since: string | null }>(
    await db.execute(sql`
      select count(*)::int as n, to_char(min(block_time) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as since
      from (
        select block_time from (
          (select block_time from transfers where to_address = ${addr} and ${chain}
            order by block_time desc limit ${params.latest})
          union all
          (select block_time from transfers where from_address = ${addr} and ${chain}
            order by block_time desc limit ${params.latest})
        ) u order by block_time desc limit ${params.latest}
      ) x`),
  );
  const n = Number(row?.n ?? 0);
  return { since: n < params.latest || !row?.since ? null : new Date(row.since), legs: n };
}

export type BalancePoint = {
  /** UTC day, "YYYY-MM-DD". */
  day: string;
  /** Into and out of the address that day, within the window (the first day may be partial). */
  received: bigint;
  sent: bigint;
  /** End-of-day balance, summed over the selected chains. */
  balance: bigint;
};

export type BalanceHistory = {
  /** The balance just before the window (0 for the whole history). */
  opening: bigint;
  /** One point per day with a transfer in the window, oldest first. */
  points: BalancePoint[];
  /** The balance at the window's end: the current balance when it runs to the newest block. */
  closing: bigint;
};

/**
 * End-of-day balances over the window, walked back from the current balance: the end of day d is
 * the current balance less the net of every later day. The legs read are those since `since` up
 * to the newest block (a window that ends in the past still needs the days after it).
 */
export async function getAddressBalanceHistory(db: Db, params: AddressWindowParams): Promise<BalanceHistory> {
  const addr = params.address.toLowerCase();
  const chain = params.chainId === undefined ? sql`true` : sql`chain_id = ${params.chainId}`;
  const { current, days } = await db.transaction(
    async (tx) => {
      if (params.maxLegs !== undefined) await withoutParallelWorkers(tx);
      const activity = await readActivity(tx, params);
      const result = await tx.execute(sql`
        select (block_time at time zone 'UTC')::date::text as day,
          coalesce(sum(amount) filter (where dir = 'in'), 0)::text as received,
          coalesce(sum(amount) filter (where dir = 'out'), 0)::text as sent
        from (${legs(addr, chain, { since: params.since })}) l
        group by 1 order by 1`);
      return {
        current: activity.reduce((s, a) => s + a.balance, 0n),
        days: rowsOf<{ day: string; received: string; sent: string }>(result),
      };
    },
    // One snapshot: the anchor (balances + tail) and the legs walked back from it.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const untilDay = params.until?.toISOString().slice(0, 10) ?? null;
  const points: BalancePoint[] = [];
  let balance = current;
  let closing = current;
  for (let i = days.length - 1; i >= 0; i--) {
    const d = days[i]!;
    const received = BigInt(d.received);
    const sent = BigInt(d.sent);
    if (untilDay !== null && d.day >= untilDay) closing = balance - received + sent;
    else points.push({ day: d.day, received, sent, balance });
    balance = balance - received + sent;
  }
  return { opening: balance, points: points.reverse(), closing };
}

export type Counterparty = {
  address: Address;
  /** Entity names the counterparty is attributed to (per chain; usually one). */
  entityName: string | null;
  country: string | null;
  label: string | null;
  sentTo: bigint;
  receivedFrom: bigint;
  transferCount: number;
};

export const COUNTERPARTY_SORTS = ["volume", "sent", "received", "count"] as const;
export type CounterpartySort = (typeof COUNTERPARTY_SORTS)[number];

export type CounterpartiesParams = AddressWindowParams & {
  sort?: CounterpartySort;
  dir?: "asc" | "desc";
  limit: number;
  offset?: number;
};

const COUNTERPARTY_ORDER: Record<CounterpartySort, SQL> = {
  volume: sql`g.sent_to + g.received_from`,
  sent: sql`g.sent_to`,
  received: sql`g.received_from`,
  count: sql`g.n`,
};

/**
 * Counterparties in the window, by total volume both ways, one page of them and how many there
 * are. The zero address stands for mints (into the address) and burns (out of it).
 */
export async function getAddressCounterparties(
  db: Db,
  params: CounterpartiesParams,
): Promise<{ rows: Counterparty[]; total: number }> {
  const addr = params.address.toLowerCase();
  const chain = params.chainId === undefined ? sql`true` : sql`chain_id = ${params.chainId}`;
  const l = legs(addr, chain, params);
  const { rows, total } = await db.transaction(
    async (tx) => {
      if (params.maxLegs !== undefined) await withoutParallelWorkers(tx);
      // Entity lookups run for the page's rows only (after the sort and limit).
      const found = rowsOf<Record<string, string | null>>(
        await tx.execute(sql`
          with grouped as (
            select other, coalesce(sum(amount) filter (where dir = 'out'), 0) as sent_to,
              coalesce(sum(amount) filter (where dir = 'in'), 0) as received_from, count(*) as n,
              array_agg(distinct chain_id) as chain_ids
            from (${l}) l
            group by other
          )
          select g.other as address, g.sent_to::text as "sentTo", g.received_from::text as "receivedFrom",
            g.n::text as "transferCount", (count(*) over ())::text as total,
            (select min(e.name) from addresses a join entities e on e.id = a.entity_id
              where a.address = g.other and a.chain_id = any(g.chain_ids)) as "entityName",
            (select min(e.country) from addresses a join entities e on e.id = a.entity_id
              where a.address = g.other and a.chain_id = any(g.chain_ids)) as country,
            (select min(a.label) from addresses a where a.address = g.other and a.chain_id = any(g.chain_ids)) as label
          from grouped g
          order by ${COUNTERPARTY_ORDER[params.sort ?? "volume"]} ${sql.raw(params.dir === "asc" ? "asc" : "desc")}, g.other asc
          limit ${params.limit} offset ${params.offset ?? 0}`),
      );
      if (found.length > 0 || !params.offset) return { rows: found, total: Number(found[0]?.total ?? 0) };
      // A page past the end: count them for the pager.
      const [c] = rowsOf<{ n: string }>(
        await tx.execute(sql`select count(distinct other)::text as n from (${l}) l`),
      );
      return { rows: found, total: Number(c?.n ?? 0) };
    },
    { accessMode: "read only" },
  );
  return {
    total,
    rows: rows.map((r) => ({
      address: String(r.address) as Address,
      entityName: r.entityName ?? null,
      country: r.country ?? null,
      label: r.label ?? null,
      sentTo: BigInt(String(r.sentTo)),
      receivedFrom: BigInt(String(r.receivedFrom)),
      transferCount: Number(r.transferCount),
    })),
  };
}
