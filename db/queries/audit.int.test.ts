// The audit log is append-only at the database: UPDATE, DELETE and TRUNCATE fail, on Postgres
// and on PGlite, whoever asks (these run as the owning superuser).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../client";
import { migrateDb } from "../migrate";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { listAuditLog, recordAudit } from "./audit";

const CHECKSUM = "a".repeat(64);

/** Drizzle wraps driver errors ("Failed query: …"); the database's own error is the cause. */
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

function suite(name: string, open: () => Promise<{ handle: DbHandle; cleanup: () => Promise<void> }>) {
  describe(`audit log on ${name}`, () => {
    let handle: DbHandle;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ handle, cleanup } = await open());
      await recordAudit(handle.db, {
        action: "export.create",
        actor: { id: "u1", email: "compliance@demo.local", role: "compliance_officer" },
        target: "transfers-2026-06.csv",
        params: { from: "2026-06-01", to: "2026-06-30", rows: 1234 },
        ip: "192.0.2.1",
        userAgent: "vitest",
        checksum: CHECKSUM,
        at: new Date("2026-06-30T12:00:00Z"),
      });
      await recordAudit(handle.db, {
        action: "auth.sign_in_failed",
        actor: null,
        target: "x@demo.local",
        at: new Date("2026-06-30T13:00:00Z"),
      });
    });

    afterAll(async () => {
      await cleanup?.();
    });

    it("reads back what was written, newest first, filtered", async () => {
      const all = await listAuditLog(handle.db, { limit: 10, offset: 0 });
      expect(all.total).toBe(2);
      expect(all.rows.map((r) => r.action)).toEqual(["auth.sign_in_failed", "export.create"]);
      const exp = await listAuditLog(handle.db, {
        action: "export.create",
        actor: "COMPLIANCE@",
        limit: 10,
        offset: 0,
      });
      expect(exp.rows).toHaveLength(1);
      expect(exp.rows[0]).toMatchObject({
        actorEmail: "compliance@demo.local",
        actorRole: "compliance_officer",
        target: "transfers-2026-06.csv",
        params: { from: "2026-06-01", to: "2026-06-30", rows: 1234 },
        checksum: CHECKSUM,
        ip: "192.0.2.1",
      });
      const window = await listAuditLog(handle.db, {
        from: new Date("2026-06-30T12:30:00Z"),
        to: new Date("2026-07-01T00:00:00Z"),
        limit: 10,
        offset: 0,
      });
      expect(window.rows.map((r) => r.action)).toEqual(["auth.sign_in_failed"]);
      // LIKE wildcards in a filter are literal.
      expect((await listAuditLog(handle.db, { target: "%", limit: 10, offset: 0 })).total).toBe(0);
    });

    it.each([
      ["UPDATE", sql`update audit_log set action = 'auth.sign_in'`],
      ["DELETE", sql`delete from audit_log`],
      ["TRUNCATE", sql`truncate audit_log`],
    ])("refuses %s", async (op, statement) => {
      const err = await rootCause(handle.db.execute(statement));
      expect(err).toMatchObject({ code: "42501", message: `audit_log is append-only: ${op} is not allowed` });
      expect((await listAuditLog(handle.db, { limit: 10, offset: 0 })).total).toBe(2);
    });

    it("refuses a malformed action or checksum", async () => {
      await expect(
        handle.db.execute(sql`insert into audit_log (action) values ('DROP TABLE')`),
      ).rejects.toThrow();
      await expect(
        handle.db.execute(sql`insert into audit_log (action, checksum) values ('export.create', 'abc')`),
      ).rejects.toThrow();
    });
  });
}

suite("Postgres", async () => {
  const { handle, database }: { handle: DbHandle; database: TestDatabase } = await openTestDb("usd1_audit");
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      await database.drop();
    },
  };
});

suite("PGlite", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-audit-"));
  const handle = await openDb({ pgliteDir: path.join(dir, "db") });
  await migrateDb(handle);
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
