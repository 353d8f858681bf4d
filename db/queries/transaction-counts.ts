// How many transfers match a filter of the transactions view, and their amount: from the daily
// rollups where they answer the filter exactly (plus the provisional tail), otherwise counted up
// to COUNT_CAP matches.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { readTailRanges, tailWhere } from "./provisional-tail";
import { CORRIDOR_KIND, corridorAttribution as a } from "./rollups";
import { serial } from "./serial";
import { rowsOf } from "./sql-arrays";
import {
  resolveAttribution,
  transactionWhere,
  type ResolvedAttribution,
  type TransactionFilter,
} from "./transaction-filter";

/**
 * Where a filter no rollup answers stops counting. Matches are read in index order under a Limit,
 * so the count costs what reading COUNT_CAP + 1 matching rows (with their attribution joins) does:
 * at 10M transfers ~13 ms for a country and ~20 ms for an entity at 1,000, against 43 ms and
 * 130 ms at 10,000 (EXPLAIN ANALYZE on the 10M seed, #18).
 */
export const COUNT_CAP = 1_000;

export type TransactionTotals = {
  /** Exact, or COUNT_CAP when `exact` is false (more match). */
  total: number;
  /** Σ amount of every match; null when the count stopped at the cap. */
  totalAmount: bigint | null;
  exact: boolean;
};

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
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** No filter a daily rollup cannot express: no hash, address, amount, entity or country; whole days. */
function onlyRollupDimensions(f: TransactionFilter): boolean {
  return (
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

function rollupAnswers(f: TransactionFilter): boolean {
  return (
    onlyRollupDimensions(f) && f.origin === undefined && f.destination === undefined && f.flow === undefined
  );
}

/** A rollup's rows for the filter's chain and whole days. */
function chainAndDays(f: TransactionFilter): SQL[] {
  return [
    f.chainId === undefined ? sql`true` : sql`chain_id = ${f.chainId}`,
    f.since ? sql`day >= ${dayOf(f.since)}::date` : sql`true`,
    f.until ? sql`day < ${dayOf(f.until)}::date` : sql`true`,
  ];
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
  const days = sql.join(chainAndDays(f), sql` and `);
  return rollupPlusTail(
    db,
    f,
    sql`select sum(${n}) as n, sum(${amount}) as amount from daily_supply where ${days}`,
  );
}

/**
 * `rollup` (one row: n, amount) over the finalized blocks plus the filter's transfers in the
 * provisional tail (with the attribution joins the filter may name), in one snapshot: rollups and
 * rolled_up_block move together in the indexer's transactions.
 */
async function rollupPlusTail(db: Db, f: TransactionFilter, rollup: SQL): Promise<TransactionTotals> {
  const [row] = await db.transaction(
    async (tx) => {
      const tail = f.finalizedOnly ? sql`false` : tailWhere("t", await readTailRanges(tx, f.chainId));
      const tailFilter = transactionWhere({ ...f, finalizedOnly: false });
      return rowsOf<{ n: string; amount: string }>(
        await tx.execute(sql`
          select (coalesce(sum(n), 0))::text as n, (coalesce(sum(amount), 0))::text as amount from (
            ${rollup}
            union all
            select count(*), sum(t.amount) from transfers t ${a.joins} where ${tail} and ${tailFilter}) x`),
      );
    },
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
    onlyRollupDimensions(f)
  );
}

async function countFromCorridorRollups(db: Db, f: TransactionFilter): Promise<TransactionTotals> {
  const [n, amount] =
    f.flow === "adjusted"
      ? [sql`adjusted_count`, sql`adjusted_volume`]
      : f.flow === "primary"
        ? [sql`primary_count`, sql`primary_volume`]
        : [sql`transfer_count`, sql`volume`];
  const rows = sql.join(
    [
      ...chainAndDays(f),
      f.origin === undefined ? sql`true` : sql`origin_country = ${f.origin}`,
      f.destination === undefined ? sql`true` : sql`destination_country = ${f.destination}`,
    ],
    sql` and `,
  );
  return rollupPlusTail(
    db,
    f,
    sql`select sum(${n}) as n, sum(${amount}) as amount from daily_corridor_volume where ${rows}`,
  );
}
