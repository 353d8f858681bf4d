import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDb, type DbHandle } from "../client";
import { migrateDb } from "../migrate";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: refuse anything but a local server. */
export function adminUrl(): string {
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const u = new URL(base);
  if (!LOCAL_HOSTS.has(u.hostname)) {
    throw new Error(`tests refuse a non-local DATABASE_URL (${u.hostname}); point it at a local Postgres`);
  }
  u.pathname = "/postgres";
  return u.toString();
}

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** A fresh, empty database on the local Postgres; `drop()` removes it. */
export async function createTestDatabase(prefix = "usd1_test"): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Fresh migrated Postgres database with an open handle. */
export async function openTestDb(prefix?: string): Promise<{ handle: DbHandle; database: TestDatabase }> {
  const database = await createTestDatabase(prefix);
  const handle = await openDb({ url: database.url, poolSize: 4 });
  await migrateDb(handle);
  return { handle, database };
}
