import { sql, type SQL } from "drizzle-orm";

/**
 * Postgres array literal for bulk `unnest` inserts: one parameter per column instead of one per
 * value, which is what makes 10k-row batches cheap. Values are validated hex, digits and ISO
 * timestamps (no quotes or backslashes), so quoting each element is enough.
 */
export function pgArray(values: readonly (string | number | bigint)[], cast: string): SQL {
  const body = values.map((v) => `"${String(v)}"`).join(",");
  return sql`${`{${body}}`}::${sql.raw(cast)}`;
}

/** Rows of a db.execute() result, on node-postgres and PGlite alike. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
