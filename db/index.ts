// The web app's one database handle. Server-only: importing it into a client component fails the
// build instead of leaking a connection string into the browser bundle.
import "server-only";
import { env } from "@/lib/env.js";
import { openDb, type Db, type DbHandle } from "./client";

export type { Db } from "./client";

// Cached on globalThis so dev-server hot reloads reuse the pool (or the PGlite folder lock)
// instead of opening a new one per edit.
const globalForDb = globalThis as typeof globalThis & { __usd1WebDb?: Promise<DbHandle> };

/** Process-wide handle; a failed open is forgotten so the next request tries again. */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__usd1WebDb ??= openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    applicationName: "usd1-web",
  }).catch((err: unknown) => {
    globalForDb.__usd1WebDb = undefined;
    throw err;
  });
  return globalForDb.__usd1WebDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
