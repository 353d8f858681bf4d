// COPY (query) TO STDOUT for the exports: one statement (one snapshot, set-based joins) streamed
// by the server with backpressure, decoded here from Postgres's text format into batches of
// field arrays. COPY takes no bind parameters, so the query is rendered with inlined literals:
// callers pass only validated values (digits, hex, ISO dates, enum members), and strings are
// quoted by Drizzle's Postgres dialect (standard_conforming_strings is on by default).
import { StringDecoder } from "node:string_decoder";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import type { Db } from "../client";

/** The node-postgres pool behind a Drizzle database; undefined for embedded PGlite. */
export function poolOf(db: Db): pg.Pool | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

const dialect = new PgDialect();

/** A query as SQL text with its parameters inlined as literals (for COPY). */
export function inlineSql(query: SQL): string {
  const { sql, params } = dialect.sqlToQuery(query.inlineParams());
  if (params.length > 0) throw new Error("COPY query still has bind parameters");
  return sql;
}

/** The COPY session's work_mem: room for the memoized registry lookups and the hashed sets of attribution.bulk. */
export const COPY_WORK_MEM = "64MB";

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** One field of COPY text format: `\N` is NULL; backslash escapes (incl. octal and \xHH) decoded. */
export function decodeCopyField(raw: string): string | null {
  if (raw === "\\N") return null;
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

/** One COPY text line as fields, decoded in place (one array per row: this runs per exported row). */
function splitRow(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split("\t");
  // No backslash in the line: no escape and no NULL (\N), so every field is already its value.
  if (!line.includes("\\")) return fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    if (f.length > 0 && f.includes("\\")) fields[i] = decodeCopyField(f);
  }
  return fields;
}

/**
 * Runs `COPY (query) TO STDOUT` on a pooled connection and yields rows (arrays of fields) in
 * batches. The connection is held until the last row is read or the consumer stops; a COPY left
 * unfinished is discarded with its connection rather than returned to the pool mid-stream.
 */
export async function* copyOutRows(
  pool: pg.Pool,
  query: SQL,
  batchSize: number,
): AsyncGenerator<(string | null)[][], void, undefined> {
  const client = await pool.connect();
  let finished = false;
  try {
    // Room for the planner's memoized registry lookups (one entry per distinct address): the
    // default 4 MB evicts constantly on a large registry. A session setting, reset below, rather
    // than a transaction: the demo's wire server would lock its one PGlite session to us for the
    // whole download.
    // Parallel workers only add a Gather Merge here: the ordered index scan is the cheap part.
    await client.query(`set work_mem = '${COPY_WORK_MEM}'; set max_parallel_workers_per_gather = 0`);
  } catch (err) {
    client.release(true);
    throw err;
  }
  const stream = client.query(copyStreams.to(`copy (${inlineSql(query)}) to stdout`));
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let batch: (string | null)[][] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        batch.push(splitRow(text.slice(start, nl)));
        start = nl + 1;
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      rest = text.slice(start);
    }
    if (rest.length > 0) throw new Error("COPY output ended inside a row");
    await client.query("reset work_mem; reset max_parallel_workers_per_gather");
    finished = true;
    if (batch.length > 0) yield batch;
  } finally {
    if (!finished) stream.destroy();
    client.release(!finished);
  }
}
