// The audit hash chain on real databases: the trigger's hashes equal the TypeScript recomputation
// (awkward content included), concurrent writers never fork the chain, the migration chains
// existing rows, and a row changed, re-hashed or removed behind the trigger's back is named.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { MIGRATIONS_FOLDER, migrateDb } from "@/db/migrate";
import { recordAudit, type AuditEntry } from "@/db/queries/audit";
import { rowsOf } from "@/db/queries/sql-arrays";
import { createTestDatabase, openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { GENESIS_HASH } from "./chain";
import { verifyAuditChain } from "./verify";

const ACTOR = { id: "u1", email: "ädmin+audit@bank.example", role: "admin" };

const AWKWARD: AuditEntry[] = [
  { action: "auth.sign_in_failed", actor: null, target: "x@demo.local" },
  {
    action: "registry.edit",
    actor: ACTOR,
    target: 'Entity "Ω" 😀,1:2,~,',
    params: {
      z: 1,
      a: [1.5, 'x\u0001\n\t"é'],
      nested: { big: "123456789012345678901234567890", n: null },
      "": true,
    },
    ip: "2001:db8::1",
    userAgent: "Mozilla/5.0 (ü)",
    checksum: "ab".repeat(32),
  },
  { action: "rule.change", actor: ACTOR, target: "", params: {} },
  { action: "export.create", actor: ACTOR, at: new Date("2026-06-30T12:00:00.123Z"), params: { rows: 0 } },
];

async function query<T>(h: DbHandle, q: SQL): Promise<T[]> {
  return rowsOf<T>(await h.db.execute(q));
}

/** Rewrites rows as only a superuser can: with the append-only trigger disabled. */
async function tamper(handle: DbHandle, statement: SQL): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  });
}

describe("audit chain on Postgres", () => {
  let handle: DbHandle;
  let database: TestDatabase;

  beforeAll(async () => {
    ({ handle, database } = await openTestDb("usd1_test_audit_chain"));
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it("verifies an empty log", async () => {
    const r = await verifyAuditChain(handle.db);
    expect(r).toMatchObject({ checked: 0, rows: 0, head: null, break: null });
  });

  it("hashes exactly what TypeScript recomputes, for awkward content", async () => {
    for (const e of AWKWARD) await recordAudit(handle.db, e);
    const r = await verifyAuditChain(handle.db);
    expect(r.break).toBeNull();
    expect(r.checked).toBe(AWKWARD.length);
    expect(r.head).toMatchObject({ seq: AWKWARD.length });
    const [first] = await query<{ p: string }>(
      handle,
      sql`select prev_hash as p from audit_log where seq = 1`,
    );
    expect(first?.p).toBe(GENESIS_HASH);
  });

  it("numbers concurrent writers gap-free, one chain, in small batches too", async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        handle.db.transaction(async (tx) => {
          await recordAudit(tx, { action: "auth.sign_in", actor: ACTOR, params: { i } });
          await recordAudit(tx, { action: "auth.sign_out", actor: ACTOR, params: { i } });
        }),
      ),
    );
    await handle.db.execute(sql`insert into audit_log (action) values ('alert.note'), ('alert.assign')`);
    const total = AWKWARD.length + 50;
    const r = await verifyAuditChain(handle.db, { batchSize: 7 });
    expect(r).toMatchObject({ checked: total, rows: total, break: null, head: { seq: total } });
    const tail = await verifyAuditChain(handle.db, { fromSeq: total - 9 });
    expect(tail).toMatchObject({ fromSeq: total - 9, checked: 10, break: null });
  });

  it("names a row whose content was changed behind the trigger", async () => {
    const [victim] = await query<{ id: number }>(handle, sql`select id from audit_log where seq = 10`);
    await tamper(handle, sql`update audit_log set params = '{"i": 999}' where seq = 10`);
    const r = await verifyAuditChain(handle.db);
    expect(r.break).toMatchObject({ id: Number(victim!.id), seq: 10, problem: "row_hash" });
    expect(r.checked).toBe(9);
    expect(r.intactThrough).toMatchObject({ seq: 9 });
  });

  it("names the next row when the changed row was re-hashed too", async () => {
    await tamper(handle, sql`update audit_log a set row_hash = audit_log_row_hash(a) where seq = 10`);
    const [next] = await query<{ id: number }>(handle, sql`select id from audit_log where seq = 11`);
    const r = await verifyAuditChain(handle.db);
    expect(r.break).toMatchObject({ id: Number(next!.id), seq: 11, problem: "prev_hash" });
  });

  it("names the row after a removed one", async () => {
    await tamper(handle, sql`delete from audit_log where seq between 5 and 6`);
    const [after] = await query<{ id: number }>(handle, sql`select id from audit_log where seq = 7`);
    const r = await verifyAuditChain(handle.db);
    expect(r.break).toMatchObject({ id: Number(after!.id), seq: 7, problem: "seq" });
    expect(r.checked).toBe(4);
  });
});

describe("migration 0007 chains existing rows", () => {
  let database: TestDatabase;
  let handle: DbHandle;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-migrations-"));

  beforeAll(async () => {
    database = await createTestDatabase("usd1_test_audit_backfill");
    handle = await openDb({ url: database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("in id order, verifiably, and keeps chaining after", async () => {
    // The migrations as they were before 0007.
    fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
    const journalFile = path.join(dir, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0007");
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    await migrate(handle.db as unknown as NodePgDatabase, { migrationsFolder: dir });
    await handle.db.execute(
      sql`insert into audit_log (action, actor_email, params, at) values
        ('auth.sign_in', 'a@x', '{"k": "v"}', '2026-01-01T00:00:00.000001Z'),
        ('auth.sign_out', 'a@x', '{}', '2025-12-31T00:00:00Z'),
        ('export.create', null, '{"rows": 12}', '2026-01-02T00:00:00Z')`,
    );
    await migrateDb(handle);
    const rows = await query<{ id: number; seq: number }>(
      handle,
      sql`select id, seq from audit_log order by seq`,
    );
    expect(rows.map((r) => [Number(r.id), Number(r.seq)])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    await recordAudit(handle.db, { action: "auth.sign_in", actor: ACTOR });
    expect(await verifyAuditChain(handle.db)).toMatchObject({ checked: 4, rows: 4, break: null });
  });
});

describe("audit chain on PGlite", () => {
  it("is computed and verifies the same way", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-chain-"));
    const lite = await openDb({ pgliteDir: path.join(dir, "db") });
    try {
      await migrateDb(lite);
      for (const e of AWKWARD) await recordAudit(lite.db, e);
      expect(await verifyAuditChain(lite.db)).toMatchObject({ checked: AWKWARD.length, break: null });
      await tamper(lite, sql`update audit_log set target = 'changed' where seq = 2`);
      expect((await verifyAuditChain(lite.db)).break).toMatchObject({ seq: 2, problem: "row_hash" });
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
