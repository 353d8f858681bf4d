// Transfers search for the transactions view, its CSV export and the corridor drill-down. The
// corridor filters use the rollup's own attribution fragment (corridorAttribution), so a corridor
// cell and the transfers listed behind it can never disagree.
//
// Index use: tx hash → transfers_pk (chain_id leads: without a chain filter the hash is looked up
// once per known chain, `chain_id = any(...)`); address → transfers_from_idx / transfers_to_idx
// (bitmap OR); entity and country → the same two indexes through the registry's addresses of that
// entity or country (a superset, the exact attribution test follows); date range and the default
// newest-first order → transfers_block_time_idx. The filter and its WHERE clause are in
// transaction-filter.ts, the counts (rollups where they answer, else capped) in transaction-counts.ts.
import { asc, sql, type SQL } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import type { TransferKind } from "../schema/chain";
import { entities } from "../schema/registry";
import { corridorAttribution as a } from "./rollups";
import { rowsOf } from "./sql-arrays";
import { serial } from "./serial";
import { countTransactions, type TransactionTotals } from "./transaction-counts";
import { resolveAttribution, transactionWhere, type TransactionFilter } from "./transaction-filter";

export * from "./transaction-filter";
export { COUNT_CAP, countTransactions, type TransactionTotals } from "./transaction-counts";

export const TRANSACTION_SORTS = ["time", "amount"] as const;
export type TransactionSort = (typeof TRANSACTION_SORTS)[number];

/**
 * Where a page starts (keyset paging): the sort key of a row, the page holding the rows after it
 * (`after`) or before it (`before`) in the view's order. Deep pages cost what the first does (an
 * OFFSET reads and drops every row before the page).
 */
export type TransactionCursor = {
  /** Wei; present for the amount sort only. */
  amount?: bigint | undefined;
  /** ISO 8601 UTC with microseconds (TransactionRow.blockTime). */
  blockTime: string;
  chainId: number;
  blockNumber: bigint;
  logIndex: number;
};

export type ListTransactionsParams = TransactionFilter & {
  sort: TransactionSort;
  dir: "asc" | "desc";
  limit: number;
  /** Ignored when a cursor is given. */
  offset: number;
  after?: TransactionCursor | undefined;
  before?: TransactionCursor | undefined;
};

const CURSOR_TIME = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z`;
/** `<blockTime>_<chainId>_<blockNumber>_<logIndex>`, the amount sort with `<wei>_` in front. */
export const TRANSACTION_CURSOR_RE: Record<TransactionSort, RegExp> = {
  time: new RegExp(`^(${CURSOR_TIME})_(\\d{1,10})_(\\d{1,20})_(\\d{1,10})$`),
  amount: new RegExp(`^(\\d{1,78})_(${CURSOR_TIME})_(\\d{1,10})_(\\d{1,20})_(\\d{1,10})$`),
};

/** The cursor of a row for a sort (the URL's `after` / `before`). */
export function encodeTransactionCursor(sort: TransactionSort, r: TransactionCursor): string {
  const key = `${r.blockTime}_${r.chainId}_${r.blockNumber}_${r.logIndex}`;
  return sort === "amount" ? `${r.amount ?? 0n}_${key}` : key;
}

/** A cursor from the URL, or null when it is not one of this sort's. */
export function decodeTransactionCursor(sort: TransactionSort, text: string): TransactionCursor | null {
  const m = TRANSACTION_CURSOR_RE[sort].exec(text);
  if (!m) return null;
  const [time, chain, block, log] = sort === "amount" ? m.slice(2) : m.slice(1);
  if (Number.isNaN(Date.parse(time!))) return null;
  return {
    amount: sort === "amount" ? BigInt(m[1]!) : undefined,
    blockTime: time!,
    chainId: Number(chain),
    blockNumber: BigInt(block!),
    logIndex: Number(log),
  };
}

export type TransactionRow = {
  chainId: number;
  blockNumber: bigint;
  /** ISO 8601 UTC with microseconds (exact; also the export's keyset cursor). */
  blockTime: string;
  txHash: Hash;
  logIndex: number;
  kind: TransferKind;
  fromAddress: Address;
  toAddress: Address;
  amount: bigint;
  fromEntity: string | null;
  toEntity: string | null;
  originCountry: string;
  destinationCountry: string;
  /** Raw side tests (rollups.ts corridorAttribution); the categories apply them in order. */
  intra: boolean;
  bridge: boolean;
  primary: boolean;
};

const SELECT_COLUMNS = sql`t.chain_id as "chainId", t.block_number::text as "blockNumber",
  to_char(t.block_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "blockTime",
  t.tx_hash as "txHash", t.log_index as "logIndex", t.kind, t.from_address as "fromAddress",
  t.to_address as "toAddress", t.amount::text as amount, ef.name as "fromEntity", et.name as "toEntity",
  ${a.origin} as "originCountry", ${a.destination} as "destinationCountry",
  ${a.intra} as intra, ${a.bridge} as bridge, ${a.primary} as "primary"`;

type RawRow = Omit<TransactionRow, "blockNumber" | "amount" | "intra" | "bridge" | "primary"> & {
  blockNumber: string;
  amount: string;
  intra: boolean | string;
  bridge: boolean | string;
  primary: boolean | string;
};

function toRow(r: RawRow): TransactionRow {
  return {
    ...r,
    chainId: Number(r.chainId),
    logIndex: Number(r.logIndex),
    blockNumber: BigInt(r.blockNumber),
    amount: BigInt(r.amount),
    // node-postgres and PGlite both give booleans; a wire proxy may give 't'/'f'.
    intra: r.intra === true || r.intra === "t",
    bridge: r.bridge === true || r.bridge === "t",
    primary: r.primary === true || r.primary === "t",
  };
}

/** The sort key as a row value and a cursor's value for it (every column in one direction). */
function keyOf(sort: TransactionSort, c: TransactionCursor): { columns: SQL; value: SQL } {
  const time = sql`${c.blockTime}::timestamptz, ${c.chainId}::int, ${c.blockNumber.toString()}::bigint, ${c.logIndex}::int`;
  return sort === "amount"
    ? {
        columns: sql`(t.amount, t.block_time, t.chain_id, t.block_number, t.log_index)`,
        value: sql`(${(c.amount ?? 0n).toString()}::numeric, ${time})`,
      }
    : { columns: sql`(t.block_time, t.chain_id, t.block_number, t.log_index)`, value: sql`(${time})` };
}

function orderBy(sort: TransactionSort, dir: "asc" | "desc"): SQL {
  const d = sql.raw(dir === "asc" ? "asc" : "desc");
  const time = sql`t.block_time ${d}, t.chain_id ${d}, t.block_number ${d}, t.log_index ${d}`;
  return sort === "amount" ? sql`t.amount ${d}, ${time}` : time;
}

export type TransactionPage = { rows: TransactionRow[] } & TransactionTotals & {
    /** Cursor of the page after this one (`after`), null on the last page. */
    next: string | null;
    /** Cursor of the page before this one (`before`), null on the first page. */
    previous: string | null;
  };

/**
 * One page of matching transfers, with the count (for the pager) and the amount of all of them.
 * With a cursor the page is read by keyset (the rows after or before it, one row more to know
 * whether another page follows); without one, from `offset`.
 */
export async function listTransactions(db: Db, params: ListTransactionsParams): Promise<TransactionPage> {
  const resolved = await resolveAttribution(db, params);
  const where = transactionWhere(params, resolved);
  const cursor = params.after ?? params.before;
  const backwards = params.after === undefined && params.before !== undefined;
  // Reading backwards, the page is the rows just before the cursor: read in the opposite order.
  const dir = backwards ? (params.dir === "asc" ? "desc" : "asc") : params.dir;
  let from = sql`true`;
  if (cursor) {
    const { columns, value } = keyOf(params.sort, cursor);
    from = dir === "asc" ? sql`${columns} > ${value}` : sql`${columns} < ${value}`;
  }
  const [page, totals] = await Promise.all([
    serial(db, (tx) =>
      tx.execute(sql`select ${SELECT_COLUMNS} from transfers t ${a.joins} where ${where} and ${from}
        order by ${orderBy(params.sort, dir)} limit ${params.limit + 1} offset ${cursor ? 0 : params.offset}`),
    ),
    countTransactions(db, params, resolved),
  ]);
  const read = rowsOf<RawRow>(page).map(toRow);
  const more = read.length > params.limit;
  const rows = read.slice(0, params.limit);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const at = (r: TransactionRow | undefined) => (r ? encodeTransactionCursor(params.sort, r) : null);
  return {
    rows,
    ...totals,
    next: backwards ? at(last) : more ? at(last) : null,
    previous: backwards ? (more ? at(first) : null) : cursor || params.offset > 0 ? at(first) : null,
  };
}

export type EntityOption = { id: number; name: string; country: string };

/** Entities for the entity filter (and to refuse an unknown id in the URL). */
export async function listEntityOptions(db: Db): Promise<EntityOption[]> {
  return db
    .select({ id: entities.id, name: entities.name, country: entities.country })
    .from(entities)
    .orderBy(asc(entities.name));
}
