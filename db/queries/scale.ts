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

/** Fresh planner statistics after a bulk load. */
export async function analyzeTables(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
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
export async function restoreIndexes(db: Db, defs: IndexDefinition[], onEach?: (name: string, ms: number) => void): Promise<void> {
  await db.execute(sql`set maintenance_work_mem = '1GB'`);
  for (const d of defs) {
    const t0 = performance.now();
    await db.execute(sql.raw(d.create));
    onEach?.(d.name, performance.now() - t0);
  }
}
