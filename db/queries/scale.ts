// Administrative SQL of the scale scripts (lib/scale): database creation and table statistics.
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "../client";
import { rowsOf } from "./sql-arrays";

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  return name;
}

/** Creates the URL's database on its server when it does not exist yet; true when created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

export type ScaleStats = {
  transfers: number;
  balances: number;
  attributed: number;
  blocks: number;
  sizeBytes: number;
};

/** Row counts of the seeded tables (exact) and the database's size on disk. */
export async function getScaleStats(db: Db): Promise<ScaleStats> {
  const [row] = rowsOf<Record<keyof ScaleStats, string>>(
    await db.execute(sql`select
      (select count(*) from transfers) as transfers,
      (select count(*) from balances) as balances,
      (select count(*) from addresses where entity_id is not null) as attributed,
      (select count(*) from blocks) as blocks,
      pg_database_size(current_database()) as "sizeBytes"`),
  );
  return {
    transfers: Number(row?.transfers ?? 0),
    balances: Number(row?.balances ?? 0),
    attributed: Number(row?.attributed ?? 0),
    blocks: Number(row?.blocks ?? 0),
    sizeBytes: Number(row?.sizeBytes ?? 0),
  };
}

/** Fresh planner statistics for the tables a bulk load grows (all tables when `all`). */
export async function analyzeTables(db: Db, all = false): Promise<void> {
  await db.execute(
    all
      ? sql`analyze`
      : sql`analyze transfers, token_events, balances, blocks, daily_supply, daily_corridor_volume`,
  );
}

export type IndexDefinition = { name: string; isConstraint: boolean; create: string };

/**
 * Bulk load: drops the indexes of `table` that the load itself does not read (all but those
 * `keep` accepts), returning the statements that recreate them (constraints as constraints).
 */
export async function dropIndexesForLoad(
  db: Db,
  table: string,
  keep: (definition: string) => boolean,
): Promise<IndexDefinition[]> {
  const found = rowsOf<{ name: string; def: string; con: string | null }>(
    await db.execute(sql`select i.relname as name, pg_get_indexdef(i.oid) as def,
        (select pg_get_constraintdef(c.oid) from pg_constraint c where c.conindid = i.oid and c.conrelid = t.oid) as con
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.relname = ${table} and t.relnamespace = 'public'::regnamespace`),
  );
  const dropped: IndexDefinition[] = [];
  for (const r of found) {
    if (keep(r.def)) continue;
    const isConstraint = r.con !== null;
    await db.execute(
      sql.raw(isConstraint ? `alter table ${table} drop constraint "${r.name}"` : `drop index "${r.name}"`),
    );
    dropped.push({
      name: r.name,
      isConstraint,
      create: isConstraint ? `alter table ${table} add constraint "${r.name}" ${r.con}` : r.def,
    });
  }
  return dropped;
}

/** Recreates what dropIndexesForLoad dropped, one statement each (maintenance_work_mem raised). */
export async function restoreIndexes(
  db: Db,
  defs: IndexDefinition[],
  onEach?: (name: string, ms: number) => void,
): Promise<void> {
  await db.execute(sql`set maintenance_work_mem = '1GB'`);
  for (const d of defs) {
    const t0 = performance.now();
    await db.execute(sql.raw(d.create));
    onEach?.(d.name, performance.now() - t0);
  }
}

export type BenchSamples = {
  entityId: number | null;
  txHash: string | null;
  ordinaryAddress: string | null;
  treasuryAddress: string | null;
  alertId: number | null;
  /** The alert with the most evidence (a standing R9 case at scale), and how much it holds. */
  largestCase: { id: number; evidence: number } | null;
};

/** What bench:views asks for: the busiest entity, a recent tx, an everyday wallet, the treasury, an alert, the largest case. */
export async function getBenchSamples(db: Db): Promise<BenchSamples> {
  const one = async <T>(q: ReturnType<typeof sql>): Promise<T | null> => {
    const [row] = rowsOf<{ v: T }>(await db.execute(q));
    return row?.v ?? null;
  };
  return {
    entityId: await one<number>(sql`select a.entity_id as v from addresses a
      join balances b on b.chain_id = a.chain_id and b.address = a.address
      where a.entity_id is not null group by a.entity_id order by sum(b.transfer_count) desc limit 1`),
    txHash: await one<string>(sql`select tx_hash as v from transfers
      where chain_id = (select max(chain_id) from chains) order by block_number desc limit 1 offset 1000`),
    ordinaryAddress: await one<string>(sql`select b.address as v from balances b
      where b.transfer_count between 10 and 40
        and not exists (select 1 from addresses a where a.chain_id = b.chain_id and a.address = b.address)
      limit 1`),
    treasuryAddress: await one<string>(sql`select a.address as v from addresses a
      join balances b on b.chain_id = a.chain_id and b.address = a.address
      where 'treasury' = any(a.tags) order by b.transfer_count desc limit 1`),
    alertId: await one<number>(sql`select id::int as v from alerts order by id limit 1`),
    largestCase: await one<{ id: number; evidence: number }>(sql`select json_build_object('id', alert_id,
        'evidence', sum(rows)) as v
      from alert_evidence_counts group by alert_id order by sum(rows) desc, alert_id limit 1`),
  };
}

/** Removes every row of one (bench) chain: data, rollups, registry rows, checkpoint and chain. */
export async function deleteChainData(db: Db, chainId: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of [
      "transfers",
      "token_events",
      "blocks",
      "balances",
      "daily_supply",
      "daily_corridor_volume",
      "indexed_ranges",
      "watched_governors",
      "supply_reconciliations",
      "addresses",
      "indexer_checkpoints",
      "chains",
    ])
      await tx.execute(sql`delete from ${sql.identifier(table)} where chain_id = ${chainId}`);
  });
}

/** Distinct addresses that moved USD1 on a chain (its balances rows). */
export async function countChainAddresses(db: Db, chainId: number): Promise<number> {
  const [row] = rowsOf<{ n: string }>(
    await db.execute(sql`select count(*) as n from balances where chain_id = ${chainId}`),
  );
  return Number(row?.n ?? 0);
}

/**
 * The raw COPY insert of `rows` (transfers columns, text) in a transaction that is rolled back:
 * into transfers itself (every index maintained) and into an index-free copy of it. Milliseconds.
 */
export async function timeRawCopy(
  pool: pg.Pool,
  columns: string[],
  rows: string[][],
  copy: (client: pg.PoolClient, table: string, columns: string[], rows: string[][]) => Promise<void>,
): Promise<{ withIndexesMs: number; withoutIndexesMs: number }> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    let t0 = performance.now();
    await copy(client, "transfers", columns, rows);
    const withIndexesMs = performance.now() - t0;
    await client.query("rollback");
    await client.query("begin");
    await client.query("create temp table transfers_noindex (like transfers) on commit drop");
    t0 = performance.now();
    await copy(client, "transfers_noindex", columns, rows);
    const withoutIndexesMs = performance.now() - t0;
    await client.query("rollback");
    return { withIndexesMs, withoutIndexesMs };
  } finally {
    client.release();
  }
}
