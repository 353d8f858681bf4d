import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DbHandle, Schema } from "./client";
import { rowsOf } from "./queries/sql-arrays";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Applies the committed drizzle-kit migrations; safe to call at every start. On Postgres a
 * session that may not create objects in the database (the app role of a two-role deployment,
 * db/roles.ts) does not migrate: it only checks that `npm run db:migrate` has brought the schema
 * up to date, and refuses to start otherwise. PGlite and a single-role Postgres migrate as before.
 */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  const [who] = rowsOf<{ role: string; can: boolean }>(
    await handle.db.execute(
      sql`select current_user as role, has_database_privilege(current_database(), 'CREATE') as can`,
    ),
  );
  if (who?.can) {
    await migratePg(handle.db as unknown as NodePgDatabase<Schema>, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  await assertSchemaCurrent(handle, who?.role ?? "?");
}

async function assertSchemaCurrent(handle: DbHandle, role: string): Promise<void> {
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).at(-1)?.folderMillis ?? 0;
  let applied = 0;
  try {
    const [row] = rowsOf<{ at: string | null }>(
      await handle.db.execute(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`),
    );
    applied = Number(row?.at ?? 0);
  } catch {
    applied = 0; // no migration table, or not readable: treat as not migrated
  }
  if (applied < latest) {
    throw new Error(
      `the database schema is behind this code and ${role} may not migrate it: run \`npm run db:migrate\` with DATABASE_OWNER_URL set to the owner role`,
    );
  }
}
