// Transfers search for the transactions view, its CSV export and the corridor drill-down. The
// corridor filters use the rollup's own attribution fragment (corridorAttribution), so a corridor
// cell and the transfers listed behind it can never disagree.
//
// Index use: tx hash → transfers_pk (chain_id leads: without a chain filter the hash is looked up
// once per known chain, `chain_id = any(...)`); address → transfers_from_idx / transfers_to_idx
// (bitmap OR); entity and country → the same two indexes through the registry's addresses of that
// entity or country (a superset, the exact attribution test follows); date range and the default
// newest-first order → transfers_block_time_idx. Counts: the rollups for a filter they can answer
// (chain, kind, whole days), else a count stopped at COUNT_CAP matches (labelled "more than").
import { asc, sql, type SQL } from "drizzle-orm";
import type { Address, Hash } from "viem";
import type { Db, Tx } from "../client";
import type { TransferKind } from "../schema/chain";
import { entities } from "../schema/registry";
import { UNATTRIBUTED } from "../schema/rollups";
import { readTailRanges, tailWhere } from "./provisional-tail";
import { CORRIDOR_FLOW_SQL, CORRIDOR_KIND, corridorAttribution as a } from "./rollups";
import { pgArray, rowsOf } from "./sql-arrays";

/**
 * Which transfers of a corridor: as counted in adjusted volume, or one of the exclusions
 * (rollups.ts CORRIDOR_FLOW_SQL), in order of precedence of the rollup. The transactions view
 * offers every one (components/transactions/results.tsx keys its labels by this list).
 */
export const CORRIDOR_FLOWS = ["adjusted", "intra", "bridge", "primary"] as const;
/** The flows the transactions view and its exports accept (`?flow=`): every corridor category. */
export const TRANSFER_FLOWS = CORRIDOR_FLOWS;
export type TransferFlow = (typeof CORRIDOR_FLOWS)[number];

export type TransactionFilter = {
  chainId?: number | undefined;
  txHash?: Hash | undefined;
  /** Either side. */
  address?: Address | undefined;
  kind?: TransferKind | undefined;
  /** Inclusive bounds in wei. */
  minAmount?: bigint | undefined;
  maxAmount?: bigint | undefined;
  /**
   * Block time bounds: since inclusive, until exclusive. Whole UTC days (00:00Z) select the same
   * transfers as those days of the corridor rollup.
   */
  since?: Date | undefined;
  until?: Date | undefined;
  /** Either side's entity. */
  entityId?: number | undefined;
  /** Either side's attributed country ("ZZ" = unattributed). */
  country?: string | undefined;
  /** Corridor sides; either one restricts the rows to plain transfers, as the rollup does. */
  origin?: string | undefined;
  destination?: string | undefined;
  flow?: TransferFlow | undefined;
  /** Only blocks the rollups already cover (<= the chain's rolled-up block). */
  finalizedOnly?: boolean | undefined;
};

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

/**
 * Registry addresses behind the attribution filters (any chain: a superset of the exact test).
 * Passed as literal arrays, so the planner knows their size and hashes them in rechecks (an
 * InitPlan array of thousands of addresses was compared linearly per row: 37 s).
 */
export type ResolvedAttribution = {
  entity?: string[];
  country?: string[];
  origin?: string[];
  destination?: string[];
};

/** Attribution filters naming an unattributed side (ZZ) have no address list: they stay as they are. */
export async function resolveAttribution(db: Db, f: TransactionFilter): Promise<ResolvedAttribution> {
  const out: ResolvedAttribution = {};
  const list = async (where: SQL) =>
    rowsOf<{ address: string }>(
      await db.execute(sql`select distinct a.address from addresses a join entities e on e.id = a.entity_id
        where ${where}`),
    ).map((r) => r.address);
  const ofCountry = (c: string | undefined) =>
    c === undefined || c === UNATTRIBUTED ? Promise.resolve(undefined) : list(sql`e.country = ${c}`);
  if (f.entityId !== undefined) out.entity = await list(sql`e.id = ${f.entityId}`);
  const [country, origin, destination] = [
    await ofCountry(f.country),
    await ofCountry(f.origin),
    await ofCountry(f.destination),
  ];
  if (country) out.country = country;
  if (origin) out.origin = origin;
  if (destination) out.destination = destination;
  return out;
}

/** The WHERE clause of a filter over `transfers t` joined with the attribution joins. */
export function transactionWhere(f: TransactionFilter, resolved?: ResolvedAttribution): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.chainId !== undefined) parts.push(sql`t.chain_id = ${f.chainId}`);
  if (f.txHash) {
    parts.push(sql`t.tx_hash = ${f.txHash.toLowerCase()}`);
    // transfers_pk is (chain_id, tx_hash, log_index): one index descent per chain.
    if (f.chainId === undefined) {
      parts.push(sql`t.chain_id = any(array(select chain_id from chains
        union select chain_id from indexer_checkpoints))`);
    }
  }
  if (f.address) {
    const addr = f.address.toLowerCase();
    parts.push(sql`(t.from_address = ${addr} or t.to_address = ${addr})`);
  }
  const corridor = f.origin !== undefined || f.destination !== undefined;
  if (corridor) parts.push(sql`t.kind = ${CORRIDOR_KIND}`);
  if (f.kind) parts.push(sql`t.kind = ${f.kind}`);
  if (f.minAmount !== undefined) parts.push(sql`t.amount >= ${f.minAmount.toString()}::numeric`);
  if (f.maxAmount !== undefined) parts.push(sql`t.amount <= ${f.maxAmount.toString()}::numeric`);
  if (f.since) parts.push(sql`t.block_time >= ${f.since.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`t.block_time < ${f.until.toISOString()}::timestamptz`);
  // With the registry's addresses resolved (listTransactions), each attribution filter is also an
  // address list transfers_from_idx / transfers_to_idx can serve; the exact test follows.
  const anyOf = (col: SQL, list: readonly string[] | undefined) =>
    list === undefined ? null : sql`${col} = any(${pgArray(list, "text[]")})`;
  const either = (list: readonly string[] | undefined) =>
    list === undefined
      ? null
      : sql`(${anyOf(sql`t.from_address`, list)} or ${anyOf(sql`t.to_address`, list)})`;
  const push = (x: SQL | null) => {
    if (x) parts.push(x);
  };
  if (f.entityId !== undefined) {
    push(either(resolved?.entity));
    parts.push(sql`(af.entity_id = ${f.entityId} or at.entity_id = ${f.entityId})`);
  }
  if (f.country) {
    push(either(resolved?.country));
    parts.push(sql`(${a.origin} = ${f.country} or ${a.destination} = ${f.country})`);
  }
  if (f.origin) {
    push(anyOf(sql`t.from_address`, resolved?.origin));
    parts.push(sql`${a.origin} = ${f.origin}`);
  }
  if (f.destination) {
    push(anyOf(sql`t.to_address`, resolved?.destination));
    parts.push(sql`${a.destination} = ${f.destination}`);
  }
  if (f.flow) parts.push(CORRIDOR_FLOW_SQL[f.flow]);
  if (f.finalizedOnly) {
    parts.push(sql`t.block_number <= coalesce((select c.rolled_up_block from indexer_checkpoints c
      where c.chain_id = t.chain_id), -1)`);
  }
  return sql.join(parts, sql` and `);
}

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

/** Counting stops here: past it the view says "more than" and shows no sum. */
/**
 * Where a filter no rollup answers stops counting. Matches are read in index order under a Limit,
 * so the count costs what reading COUNT_CAP + 1 matching rows (with their attribution joins) does:
 * at 10M transfers ~13 ms for a country and ~20 ms for an entity at 1,000, against 43 ms and
 * 130 ms at 10,000 (EXPLAIN ANALYZE on the 10M seed, #18).
 */
export const COUNT_CAP = 1_000;

/**
 * A page or a capped count runs without parallel workers. Under a Limit that stops after a few
 * thousand rows, the Gather's start-up and each worker's hash tables over the registry cost more
 * than the scan (10M seed: a country count 230 ms with two workers, 13 ms without), and a view
 * serves many requests at once, which parallel plans only slow down.
 */
async function serial<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      return fn(tx);
    },
    { accessMode: "read only" },
  );
}

export type TransactionTotals = {
  /** Exact, or COUNT_CAP when `exact` is false (more match). */
  total: number;
  /** Σ amount of every match; null when the count stopped at the cap. */
  totalAmount: bigint | null;
  exact: boolean;
};

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

/**
 * How many transfers match and their amount. A filter the daily rollups answer (chain, kind, whole
 * UTC days, finalized or not) is read from daily_supply plus the provisional tail: exact and a few
 * hundred rows whatever the table's size. Any other filter is counted up to COUNT_CAP matches.
 */
export async function countTransactions(
  db: Db,
  f: TransactionFilter,
  resolved?: ResolvedAttribution,
): Promise<TransactionTotals> {
  if (rollupAnswers(f)) return countFromRollups(db, f);
  if (corridorRollupAnswers(f)) return countFromCorridorRollups(db, f);
  const where = transactionWhere(f, resolved ?? (await resolveAttribution(db, f)));
  const [row] = rowsOf<{ n: string; amount: string }>(
    await serial(db, (tx) =>
      tx.execute(sql`select count(*)::text as n, coalesce(sum(amount), 0)::text as amount
        from (select t.amount from transfers t ${a.joins} where ${where} limit ${COUNT_CAP + 1}) m`),
    ),
  );
  const n = Number(row?.n ?? 0);
  return n > COUNT_CAP
    ? { total: COUNT_CAP, totalAmount: null, exact: false }
    : { total: n, totalAmount: BigInt(row?.amount ?? "0"), exact: true };
}

const isMidnight = (d: Date | undefined) => d === undefined || d.getTime() % 86_400_000 === 0;

function rollupAnswers(f: TransactionFilter): boolean {
  return (
    f.txHash === undefined &&
    f.address === undefined &&
    f.minAmount === undefined &&
    f.maxAmount === undefined &&
    f.entityId === undefined &&
    f.country === undefined &&
    f.origin === undefined &&
    f.destination === undefined &&
    f.flow === undefined &&
    isMidnight(f.since) &&
    isMidnight(f.until)
  );
}

async function countFromRollups(db: Db, f: TransactionFilter): Promise<TransactionTotals> {
  const count = {
    mint: [sql`mint_count`, sql`minted`],
    burn: [sql`burn_count`, sql`burned`],
    transfer: [sql`transfer_count`, sql`transfer_volume`],
  } as const;
  const kinds = f.kind ? [f.kind] : (["mint", "burn", "transfer"] as const);
  const n = sql.join(
    kinds.map((k) => count[k][0]),
    sql` + `,
  );
  const amount = sql.join(
    kinds.map((k) => count[k][1]),
    sql` + `,
  );
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const days = sql.join(
    [
      f.chainId === undefined ? sql`true` : sql`chain_id = ${f.chainId}`,
      f.since ? sql`day >= ${day(f.since)}::date` : sql`true`,
      f.until ? sql`day < ${day(f.until)}::date` : sql`true`,
    ],
    sql` and `,
  );
  const [row] = await db.transaction(
    async (tx) => {
      const tail = f.finalizedOnly ? sql`false` : tailWhere("t", await readTailRanges(tx, f.chainId));
      const tailFilter = transactionWhere({ ...f, finalizedOnly: false });
      return rowsOf<{ n: string; amount: string }>(
        await tx.execute(sql`
          select (coalesce(sum(n), 0))::text as n, (coalesce(sum(amount), 0))::text as amount from (
            select sum(${n}) as n, sum(${amount}) as amount from daily_supply where ${days}
            union all
            select count(*), sum(t.amount) from transfers t where ${tail} and ${tailFilter}) x`),
      );
    },
    // One snapshot: rollups and rolled_up_block move together in the indexer's transactions.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return { total: Number(row?.n ?? 0), totalAmount: BigInt(row?.amount ?? "0"), exact: true };
}

/**
 * A corridor drill-down (origin and/or destination, all flows or the adjusted or primary-market
 * one, whole UTC days, no other filter) is what daily_corridor_volume counts: exact from the
 * rollup plus the provisional tail, as the corridor view's cell that links here.
 */
function corridorRollupAnswers(f: TransactionFilter): boolean {
  return (
    (f.origin !== undefined || f.destination !== undefined) &&
    (f.kind === undefined || f.kind === CORRIDOR_KIND) &&
    (f.flow === undefined || f.flow === "adjusted" || f.flow === "primary") &&
    f.txHash === undefined &&
    f.address === undefined &&
    f.minAmount === undefined &&
    f.maxAmount === undefined &&
    f.entityId === undefined &&
    f.country === undefined &&
    isMidnight(f.since) &&
    isMidnight(f.until)
  );
}

async function countFromCorridorRollups(db: Db, f: TransactionFilter): Promise<TransactionTotals> {
  const [n, amount] =
    f.flow === "adjusted"
      ? [sql`adjusted_count`, sql`adjusted_volume`]
      : f.flow === "primary"
        ? [sql`primary_count`, sql`primary_volume`]
        : [sql`transfer_count`, sql`volume`];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const rows = sql.join(
    [
      f.chainId === undefined ? sql`true` : sql`chain_id = ${f.chainId}`,
      f.origin === undefined ? sql`true` : sql`origin_country = ${f.origin}`,
      f.destination === undefined ? sql`true` : sql`destination_country = ${f.destination}`,
      f.since ? sql`day >= ${day(f.since)}::date` : sql`true`,
      f.until ? sql`day < ${day(f.until)}::date` : sql`true`,
    ],
    sql` and `,
  );
  const [row] = await db.transaction(
    async (tx) => {
      const tail = f.finalizedOnly ? sql`false` : tailWhere("t", await readTailRanges(tx, f.chainId));
      const tailFilter = transactionWhere({ ...f, finalizedOnly: false });
      return rowsOf<{ n: string; amount: string }>(
        await tx.execute(sql`
          select (coalesce(sum(n), 0))::text as n, (coalesce(sum(amount), 0))::text as amount from (
            select sum(${n}) as n, sum(${amount}) as amount from daily_corridor_volume where ${rows}
            union all
            select count(*), sum(t.amount) from transfers t ${a.joins} where ${tail} and ${tailFilter}) x`),
      );
    },
    // One snapshot: rollups and rolled_up_block move together in the indexer's transactions.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return { total: Number(row?.n ?? 0), totalAmount: BigInt(row?.amount ?? "0"), exact: true };
}

export type EntityOption = { id: number; name: string; country: string };

/** Entities for the entity filter (and to refuse an unknown id in the URL). */
export async function listEntityOptions(db: Db): Promise<EntityOption[]> {
  return db
    .select({ id: entities.id, name: entities.name, country: entities.country })
    .from(entities)
    .orderBy(asc(entities.name));
}
