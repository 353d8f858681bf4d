// The web app's one database handle. Server-only: importing it into a client component fails the
// build instead of leaking a connection string into the browser bundle.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "@/lib/env.js";
import { createLogger } from "@/lib/logger";
import { openDb, type Db, type DbHandle } from "./client";
import { chooseReadDb, parseLsn, WAL_FENCE_COOKIE, type ReadChoice } from "./read-routing";

export type { Db } from "./client";

// Cached on globalThis so dev-server hot reloads reuse the pool (or the PGlite folder lock)
// instead of opening a new one per edit.
type HandleSlot = "__usd1WebDb" | "__usd1ReadDb";
const handles = globalThis as typeof globalThis & Partial<Record<HandleSlot, Promise<DbHandle>>>;

/** One process-wide handle per slot; a failed open is forgotten so the next request tries again. */
function cachedHandle(slot: HandleSlot, open: () => Promise<DbHandle>): Promise<DbHandle> {
  handles[slot] ??= open().catch((err: unknown) => {
    handles[slot] = undefined;
    throw err;
  });
  return handles[slot];
}

export function getDbHandle(): Promise<DbHandle> {
  return cachedHandle("__usd1WebDb", () =>
    openDb({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, applicationName: "usd1-web" }),
  );
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

// The read replica (DATABASE_READ_URL), when there is one: its own pool, cached like the primary's.
function getReplicaHandle(url: string): Promise<DbHandle> {
  return cachedHandle("__usd1ReadDb", () =>
    openDb({ url, applicationName: "usd1-web-read", connectTimeoutMs: 2_000 }),
  );
}

const readLog = createLogger("db-read", env.LOG_LEVEL);
const warnReplica = (err: unknown) =>
  readLog.warn({ err }, "read replica unreachable; reading from the primary");

/**
 * Where this request's view reads go (db/read-routing.ts): the replica when DATABASE_READ_URL is
 * set and it has replayed this browser's last write, the primary otherwise. Once per request.
 * Only for reads: writes, audit rows and anything that reads its own writes use getDb().
 */
export const getReadChoice = cache(async (): Promise<ReadChoice> => {
  const primary = await getDb();
  const url = env.DATABASE_READ_URL;
  if (!url) return { db: primary, servedBy: "primary", reason: "no-replica" };
  const fence = parseLsn((await cookies()).get(WAL_FENCE_COOKIE)?.value);
  const replica = await getReplicaHandle(url).then(
    (h) => h.db,
    (err: unknown) => {
      warnReplica(err);
      return null;
    },
  );
  return chooseReadDb({ primary, replica, fence, onError: warnReplica });
});

export async function getReadDb(): Promise<Db> {
  return (await getReadChoice()).db;
}
