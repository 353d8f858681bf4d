import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import copyStreams from "pg-copy-streams";
import type { Db } from "../client";

/**
 * The node-postgres connection under a Drizzle transaction, for COPY (which Drizzle does not
 * expose). Undefined for PGlite. Relies on NodePgSession keeping its PoolClient in `client`;
 * the bulk-load test fails loudly if a Drizzle upgrade moves it.
 */
export function pgClientOf(tx: Db): pg.PoolClient | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (client && typeof (client as pg.PoolClient).query === "function" && "release" in (client as object)) {
    return client as pg.PoolClient;
  }
  return undefined;
}

/** COPY FROM STDIN in text format; values must not contain tabs, newlines or backslashes. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: string[][],
): Promise<void> {
  const stream = client.query(copyStreams.from(`copy ${table} (${columns.join(", ")}) from stdin`));
  const chunk = 5_000;
  async function* lines() {
    for (let i = 0; i < rows.length; i += chunk) {
      yield rows
        .slice(i, i + chunk)
        .map((r) => `${r.join("\t")}\n`)
        .join("");
    }
  }
  await pipeline(Readable.from(lines()), stream);
}
