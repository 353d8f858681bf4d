// The two roles on a real Postgres: migrated and provisioned as the owner, the app role may
// INSERT and SELECT the append-only records and nothing else, owns nothing, and cannot disable
// or drop their triggers; it migrates nothing itself and still starts on a current schema.
import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "./client";
import { migrateDb } from "./migrate";
import { APPEND_ONLY_TABLES, credentialsOf, provisionAppRole, scramVerifier } from "./roles";
import { CASE_USERS, insertCaseUsers, insertTestAlert } from "./testing/alert-case-fixture";
import { adminUrl, openTestDb, type TestDatabase } from "./testing/test-db";
import { recordAudit } from "./queries/audit";
import { addAlertNote } from "./queries/alert-workflow";
import { rowsOf } from "./queries/sql-arrays";

const APP_ROLE = `usd1_app_${randomBytes(4).toString("hex")}`;

let owner: DbHandle;
let app: DbHandle;
let database: TestDatabase;
let appUrl: string;
let alertId: number;

async function asOwner<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await owner.pool!.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
  }
}

async function query<T = Record<string, unknown>>(h: DbHandle, q: SQL): Promise<T[]> {
  return rowsOf<T>(await h.db.execute(q));
}

/** The database's own error under drizzle's "Failed query" wrapper. */
async function rootCause(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    let e: unknown = err;
    while (e instanceof Error && e.cause) e = e.cause;
    return e as { code?: string; message: string };
  }
  throw new Error("expected the statement to fail");
}

beforeAll(async () => {
  ({ handle: owner, database } = await openTestDb("usd1_test_roles"));
  const u = new URL(database.url);
  u.username = APP_ROLE;
  u.password = "app-secret";
  appUrl = u.toString();
  await asOwner((c) => provisionAppRole(c, appUrl));
  await insertCaseUsers(owner.db);
  alertId = await insertTestAlert(owner.db);
  app = await openDb({ url: appUrl, poolSize: 2 });
});

afterAll(async () => {
  await app?.close();
  await owner?.close();
  await database?.drop();
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  await c.query(`drop role if exists ${pg.escapeIdentifier(APP_ROLE)}`);
  await c.end();
});

describe("the app role", () => {
  it("is an ordinary login role with a SCRAM verifier Postgres accepts as its own", async () => {
    const [role] = await query<{
      rolsuper: boolean;
      rolcreaterole: boolean;
      rolcanlogin: boolean;
      pw: string;
    }>(
      owner,
      sql`select rolsuper, rolcreaterole, rolcanlogin, rolpassword as pw from pg_authid where rolname = ${APP_ROLE}`,
    );
    expect(role).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcanlogin: true });
    // Recompute with Postgres's salt: the same verifier means the same key derivation.
    const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(role!.pw) ?? [];
    expect(scramVerifier("app-secret", Buffer.from(salt!, "base64"), Number(iterations))).toBe(role!.pw);
    // And against a verifier Postgres computed itself from the plain password.
    const other = `${APP_ROLE}_x`;
    await owner.db.execute(sql.raw(`create role ${other} password 'pencil'`));
    try {
      const [theirs] = await query<{ pw: string }>(
        owner,
        sql`select rolpassword as pw from pg_authid where rolname = ${other}`,
      );
      const [, it2, salt2] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(theirs!.pw) ?? [];
      expect(scramVerifier("pencil", Buffer.from(salt2!, "base64"), Number(it2))).toBe(theirs!.pw);
    } finally {
      await owner.db.execute(sql.raw(`drop role ${other}`));
    }
  });

  it("owns no table and cannot create one", async () => {
    const owned = await query(app, sql`select tablename from pg_tables where tableowner = current_user`);
    expect(owned).toEqual([]);
    const err = await rootCause(app.db.execute(sql`create table sneaky (id int)`));
    expect(err).toMatchObject({ code: "42501" });
  });

  it("writes and reads the append-only records through the app's own functions", async () => {
    await recordAudit(app.db, {
      action: "auth.sign_in",
      actor: CASE_USERS.analyst,
      params: { by: "app role" },
    });
    await addAlertNote(app.db, { alertId, body: "noted by the app role", actor: CASE_USERS.analyst });
    await app.db.execute(
      sql`insert into alert_history (alert_id, to_status, reason) values (${alertId}, 'open', 'test')`,
    );
    const counts = await query<{ a: number; n: number; h: number; g: number }>(
      app,
      sql`select (select count(*)::int from audit_log) as a, (select count(*)::int from alert_notes) as n,
                 (select count(*)::int from alert_history) as h, (select count(*)::int from goaml_schemas) as g`,
    );
    expect(counts[0]).toEqual({ a: 2, n: 1, h: 1, g: 0 });
  });

  const refusals: [string, (t: string) => SQL][] = [
    ["UPDATE", (t) => sql.raw(`update ${t} set id = id`)],
    ["DELETE", (t) => sql.raw(`delete from ${t}`)],
    ["TRUNCATE", (t) => sql.raw(`truncate ${t}`)],
    ["ALTER TABLE", (t) => sql.raw(`alter table ${t} disable trigger all`)],
    ["ALTER OWNER", (t) => sql.raw(`alter table ${t} owner to current_user`)],
    ["DROP TABLE", (t) => sql.raw(`drop table ${t}`)],
  ];
  describe.each(APPEND_ONLY_TABLES)("on %s", (table) => {
    it.each(refusals)("gets permission denied for %s", async (_op, statement) => {
      const err = await rootCause(app.db.execute(statement(table)));
      expect(err.code).toBe("42501");
      expect(err.message).toMatch(
        new RegExp(`^(permission denied for table|must be owner of table) ${table}$`),
      );
    });
  });

  it.each([
    ["audit_log", "audit_log_no_update_delete"],
    ["audit_log", "audit_log_chain"],
    ["alert_history", "alert_history_no_update_delete"],
    ["alert_notes", "alert_notes_no_truncate"],
  ])("cannot drop the trigger on %s (%s)", async (table, trigger) => {
    const err = await rootCause(app.db.execute(sql.raw(`drop trigger ${trigger} on ${table}`)));
    expect(err).toMatchObject({ code: "42501", message: `must be owner of relation ${table}` });
  });

  it("cannot remove a case's history by deleting the alert (the cascade runs as the owner)", async () => {
    const err = await rootCause(app.db.execute(sql`delete from alerts where id = ${alertId}`));
    expect(err).toMatchObject({
      code: "42501",
      message: "alert_history is append-only: DELETE is not allowed",
    });
  });

  it("keeps full read-write on ordinary tables", async () => {
    await app.db.execute(sql`update alerts set assignee = ${CASE_USERS.analyst.id} where id = ${alertId}`);
    await app.db.execute(sql`delete from sign_in_throttle`);
  });

  it("does not migrate: starts on a current schema, refuses one that is behind", async () => {
    await expect(migrateDb(app)).resolves.toBeUndefined();
    const latest = sql`(select max(created_at) from drizzle.__drizzle_migrations)`;
    await owner.db.execute(
      sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where created_at = ${latest}`,
    );
    try {
      await expect(migrateDb(app)).rejects.toThrow(/schema is behind.*npm run db:migrate/);
    } finally {
      await owner.db.execute(
        sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where created_at = ${latest}`,
      );
    }
  });

  it("cannot forge the chain: the trigger overwrites seq and hashes", async () => {
    await app.db.execute(
      sql`insert into audit_log (action, seq, prev_hash, row_hash) values ('auth.sign_out', 1, ${"f".repeat(64)}, ${"f".repeat(64)})`,
    );
    const [last] = await query<{ seq: string; prev: string }>(
      app,
      sql`select seq::text, prev_hash as prev from audit_log order by seq desc limit 1`,
    );
    expect(last!.seq).toBe("3");
    expect(last!.prev).not.toBe("f".repeat(64));
  });
});

describe("provisioning", () => {
  it("is idempotent and leaves an existing role's password alone", async () => {
    const before = await query(owner, sql`select rolpassword from pg_authid where rolname = ${APP_ROLE}`);
    const again = await asOwner((c) => provisionAppRole(c, appUrl.replace("app-secret", "other")));
    expect(again).toMatchObject({ mode: "two-role", app: APP_ROLE, created: false });
    const after = await query(owner, sql`select rolpassword from pg_authid where rolname = ${APP_ROLE}`);
    expect(after).toEqual(before);
  });

  it("does nothing when both URLs name the same user", async () => {
    const setup = await asOwner((c) => provisionAppRole(c, database.url));
    expect(setup).toEqual({ mode: "single-role", role: credentialsOf(database.url).user });
  });

  it("refuses a superuser as the app role", async () => {
    const u = new URL(database.url);
    u.username = "postgres";
    const other = await openDb({ url: u.toString() });
    try {
      const role = `${APP_ROLE}_su`;
      await other.db.execute(sql.raw(`create role ${role} superuser`));
      try {
        const v = new URL(database.url);
        v.username = role;
        await expect(asOwner((c) => provisionAppRole(c, v.toString()))).rejects.toThrow(/is a superuser/);
      } finally {
        await other.db.execute(sql.raw(`drop role ${role}`));
      }
    } finally {
      await other.close();
    }
  });
});
