// Reads past one machine: with a streaming replica configured (DATABASE_READ_URL), the dashboard's
// views read from it; writes stay on the primary. A replica lags, so a person who has just written
// (a registry edit, a case decision) must not be shown the page from before their write: every
// successful server action leaves the primary's WAL position in a cookie (the fence), and a read
// whose replica has not replayed up to that position is served by the primary instead. A replica
// that cannot be reached is skipped the same way. The choice is made once per request.
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { rowsOf } from "./queries/sql-arrays";

/** Cookie holding the primary's WAL position after this browser's last write. */
export const WAL_FENCE_COOKIE = "usd1_wal_fence";
/** How long a fence matters: far longer than any healthy replica's lag. */
export const WAL_FENCE_MAX_AGE_SECONDS = 300;

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** A WAL position as Postgres prints it (`16/B374D848`); anything else is ignored. */
export function parseLsn(value: string | undefined | null): string | null {
  return value && LSN.test(value) ? value.toUpperCase() : null;
}

/**
 * The primary's WAL insert position: every commit so far is at or before it. Not
 * pg_current_wal_lsn(), the write position, which trails commits under synchronous_commit = off.
 */
export async function primaryWalLsn(primary: Db): Promise<string> {
  const [row] = rowsOf<{ lsn: string }>(
    await primary.execute(sql`select pg_current_wal_insert_lsn()::text as lsn`),
  );
  if (!row) throw new Error("pg_current_wal_insert_lsn() returned nothing");
  return row.lsn;
}

export type ReadChoice = {
  db: Db;
  servedBy: "primary" | "replica";
  reason: "no-replica" | "replica" | "replica-behind-fence" | "replica-unreachable" | "not-a-standby";
};

/**
 * The database a request's reads go to. `fence` is the WAL position the reader must see (their
 * last write), or null. One round trip to the replica: is it a standby, and has it replayed the
 * fence? A primary handed as replica (misconfiguration) is used as is but reported.
 */
export async function chooseReadDb(p: {
  primary: Db;
  replica: Db | null;
  fence: string | null;
  onError?: (err: unknown) => void;
}): Promise<ReadChoice> {
  if (!p.replica) return { db: p.primary, servedBy: "primary", reason: "no-replica" };
  try {
    const [row] = rowsOf<{ standby: boolean; caught_up: boolean | null }>(
      await p.replica.execute(sql`
        select pg_is_in_recovery() as standby,
               case when ${p.fence}::text is null then true
                    else coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn()) >= ${p.fence}::pg_lsn end as caught_up`),
    );
    if (!row) throw new Error("the replica answered nothing");
    if (!row.caught_up) return { db: p.primary, servedBy: "primary", reason: "replica-behind-fence" };
    return { db: p.replica, servedBy: "replica", reason: row.standby ? "replica" : "not-a-standby" };
  } catch (err) {
    p.onError?.(err);
    return { db: p.primary, servedBy: "primary", reason: "replica-unreachable" };
  }
}
