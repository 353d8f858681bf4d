import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type every query function takes: Postgres or PGlite behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbHandle = {
  db: Db;
  driver: "pg" | "pglite";
  /** Set for Postgres: raw pool for COPY streams and session-level advisory locks. */
  pool?: pg.Pool;
  pglite?: PGlite;
  close: () => Promise<void>;
};

export type OpenDbParams = {
  /** postgres:// URL; when absent, embedded PGlite in `pgliteDir`. */
  url?: string | undefined;
  pgliteDir?: string;
  poolSize?: number;
  applicationName?: string;
  /** Give up on a connection attempt after this long (a replica that hangs must not hang a page). */
  connectTimeoutMs?: number;
};

export const DEFAULT_PGLITE_DIR = ".data/pglite";

// numeric and int8 come back as strings (exact); our custom types turn them into bigint.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export async function openDb(params: OpenDbParams = {}): Promise<DbHandle> {
  if (params.url) {
    const pool = new pg.Pool({
      connectionString: params.url,
      max: params.poolSize ?? 5,
      application_name: params.applicationName ?? "usd1",
      ...(params.connectTimeoutMs ? { connectionTimeoutMillis: params.connectTimeoutMs } : {}),
    });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { db, driver: "pg", pool, close: () => pool.end() };
  }
  const dir = path.resolve(/* turbopackIgnore: true */ params.pgliteDir ?? DEFAULT_PGLITE_DIR);
  const release = acquireDirLock(dir);
  try {
    const pglite = await PGlite.create({ dataDir: dir });
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      pglite,
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite does not lock its data folder and two processes on it silently lose writes, so we
 * keep a pid lock file beside it and refuse to open a folder a live process holds.
 */
export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockFile = `${dir}.lock`;
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `PGlite data folder ${dir} is in use by process ${holder}; stop it, or set DATABASE_URL to share a Postgres server`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    try {
      if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
