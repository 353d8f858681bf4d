// The two database roles (issue #15). Migrations run as the owner (DATABASE_OWNER_URL); the web
// app, indexer and CLIs run as the app role (DATABASE_URL), which owns nothing and may only
// INSERT and SELECT on the append-only records. `npm run db:migrate` creates the app role if it
// is missing and (re)applies its privileges after every migration run.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import pg from "pg";

/** Written once, never changed: the app role may INSERT and SELECT, nothing else. */
export const APPEND_ONLY_TABLES = [
  "audit_log",
  "alert_history",
  "alert_notes",
  "goaml_schemas",
  "watchlist_imports",
] as const;

const APP_TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";
const APPEND_ONLY_PRIVILEGES = "SELECT, INSERT";

export type RoleSetup =
  | { mode: "single-role"; role: string }
  | { mode: "two-role"; owner: string; app: string; created: boolean; tables: number };

/** The user a postgres:// URL names (percent-decoded), and its password if any. */
export function credentialsOf(url: string): { user: string; password: string | null } {
  const u = new URL(url);
  return {
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : null,
  };
}

/**
 * Creates the app role if missing and grants it exactly what the app needs; run as the owner
 * after migrations. When both URLs name the same user there is one role: nothing to do.
 */
export async function provisionAppRole(owner: pg.ClientBase, appUrl: string): Promise<RoleSetup> {
  const { rows } = await owner.query<{ me: string; db: string }>(
    "select current_user as me, current_database() as db",
  );
  const { me, db } = rows[0]!;
  const { user: app, password } = credentialsOf(appUrl);
  if (!app) throw new Error("DATABASE_URL must name its user (postgres://user:password@host/db)");
  if (app === me) return { mode: "single-role", role: me };

  const created = await ensureRole(owner, app, password, me);
  await owner.query("begin");
  try {
    const tables = await grantPrivileges(owner, app, db);
    await owner.query("commit");
    return { mode: "two-role", owner: me, app, created, tables };
  } catch (err) {
    await owner.query("rollback");
    throw err;
  }
}

async function ensureRole(
  owner: pg.ClientBase,
  app: string,
  password: string | null,
  me: string,
): Promise<boolean> {
  const { rows } = await owner.query<{ rolsuper: boolean; member: boolean }>(
    "select rolsuper, pg_has_role(oid, $2::name, 'MEMBER') as member from pg_roles where rolname = $1",
    [app, me],
  );
  const existing = rows[0];
  if (existing) {
    // Privileges mean nothing to a superuser, and a member of the owner inherits ownership.
    if (existing.rolsuper) throw new Error(`the app role ${app} is a superuser: use an ordinary role`);
    if (existing.member)
      throw new Error(`the app role ${app} is a member of the owner role ${me}: it must not be`);
    return false;
  }
  // A SCRAM verifier, not the password: the statement may land in the server's log.
  const secret = password === null ? "" : ` PASSWORD ${pg.escapeLiteral(scramVerifier(password))}`;
  try {
    await owner.query(
      `CREATE ROLE ${pg.escapeIdentifier(app)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS${secret}`,
    );
  } catch (err) {
    throw new Error(
      `could not create the app role ${app} as ${me} (${(err as Error).message}); give ${me} CREATEROLE or create ${app} yourself`,
      { cause: err },
    );
  }
  return true;
}

/** In one transaction: revoke everything the app role holds on each table, then grant its set. */
async function grantPrivileges(owner: pg.ClientBase, app: string, db: string): Promise<number> {
  const role = pg.escapeIdentifier(app);
  const { rows: tables } = await owner.query<{ name: string; owner: string }>(
    "select tablename as name, tableowner as owner from pg_tables where schemaname = 'public' order by 1",
  );
  const owned = tables.filter((t) => t.owner === app).map((t) => t.name);
  if (owned.length > 0) {
    throw new Error(
      `the app role ${app} owns ${owned.join(", ")}: transfer them (ALTER TABLE … OWNER TO the owner role) and run db:migrate again`,
    );
  }
  const appendOnly = new Set<string>(APPEND_ONLY_TABLES);
  const statements = [
    `GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(db)} TO ${role}`,
    `REVOKE CREATE ON DATABASE ${pg.escapeIdentifier(db)} FROM ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE CREATE ON SCHEMA public FROM ${role}`,
    ...tables.flatMap((t) => {
      const table = `public.${pg.escapeIdentifier(t.name)}`;
      const privileges = appendOnly.has(t.name) ? APPEND_ONLY_PRIVILEGES : APP_TABLE_PRIVILEGES;
      return [
        `REVOKE ALL ON TABLE ${table} FROM ${role}`,
        `GRANT ${privileges} ON TABLE ${table} TO ${role}`,
      ];
    }),
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    // Tables a later migration creates; db:migrate re-applies the list above right after.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${APP_TABLE_PRIVILEGES} ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    // Lets a process running as the app role check that the schema is current (db/migrate.ts).
    `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
    `GRANT SELECT ON TABLE drizzle.__drizzle_migrations TO ${role}`,
  ];
  for (const s of statements) await owner.query(s);
  return tables.length;
}

const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier Postgres stores for a password (RFC 5802/7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, all base64.
 */
export function scramVerifier(
  password: string,
  salt: Buffer = randomBytes(16),
  iterations = SCRAM_ITERATIONS,
): string {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}
