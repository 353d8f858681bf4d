// The audit log export: the page's filter in chain order, every row with its hashes and the chain
// head, so each exported row is checked on its own by recomputing row_hash from the file.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getAuditChainHead } from "@/db/queries/audit-chain";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { GENESIS_HASH, rowHash } from "@/lib/audit/chain";
import { auditQueryOf } from "@/lib/validators/audit";
import { auditFilterSchema } from "@/lib/validators/auth";
import { csvExportStream } from "./csv";
import { auditLogTable } from "./tables";
import { ACTOR, audited, record } from "./testing/audited-export";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_audit"));
  const at = (d: string) => new Date(`${d}T10:00:00.123456Z`);
  await recordAudit(handle.db, {
    action: "user.create",
    actor: ACTOR,
    target: "u-new",
    params: { role: "analyst" },
    at: at("2026-01-01"),
  });
  await recordAudit(handle.db, {
    action: "auth.sign_in_failed",
    actor: null,
    params: { email: "x@y" },
    ip: "203.0.113.9",
    at: at("2026-01-02"),
  });
  await recordAudit(handle.db, {
    action: "user.create",
    actor: ACTOR,
    target: "=cmd|' /C calc'!A0",
    params: { note: "ünïcode ✓", b: 1, a: [2] },
    at: at("2026-01-03"),
  });
  await recordAudit(handle.db, {
    action: "user.role_change",
    actor: ACTOR,
    target: "u-new",
    params: { to: "compliance_officer" },
    at: at("2026-01-04"),
  });
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("audit log export", () => {
  it("exports the filtered rows in chain order with their hashes and the head; each row's hash recomputes from the file", async () => {
    const { head } = await getAuditChainHead(handle.db);
    expect(head).toMatchObject({ seq: 4 });
    const filter = auditFilterSchema.parse({ action: "user.create", to: "2026-01-03" });
    const rec = record("audit_log", "csv", {});
    const table = auditLogTable(handle.db, {
      filter: auditQueryOf(filter),
      head: { seq: head!.seq, rowHash: head!.rowHash },
      batchSize: 1,
    });
    const { bytes, outcome } = await audited(
      handle.db,
      rec,
      csvExportStream(table, { exportId: rec.exportId }),
    );
    expect(outcome.rowCount).toBe(2);
    const rows = parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.seq, r.action, r.target, r.chain_head_seq, r.chain_head_hash])).toEqual([
      ["1", "user.create", "u-new", "4", head!.rowHash],
      // The formula guard prefixes a quote; the value as hashed is without it.
      ["3", "user.create", "'=cmd|' /C calc'!A0", "4", head!.rowHash],
    ]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.params_json).toBe('{"a": [2], "b": 1, "note": "ünïcode ✓"}');
    const nul = (v: string | undefined) => (v === "" || v === undefined ? null : v);
    for (const r of rows) {
      const recomputed = rowHash({
        id: r.id!,
        seq: r.seq!,
        prevHash: r.prev_hash!,
        at: r.at_utc!,
        actorUserId: nul(r.actor_user_id),
        actorEmail: nul(r.actor_email),
        actorRole: nul(r.actor_role),
        action: r.action!,
        target: nul(r.target?.replace(/^'(?=[=+\-@\t\r])/, "")),
        params: r.params_json!,
        ip: nul(r.ip),
        userAgent: nul(r.user_agent),
        checksum: nul(r.checksum),
      });
      expect(recomputed).toBe(r.row_hash);
    }
    // The export's own record came after the head it carries.
    expect((await getAuditChainHead(handle.db)).head?.seq).toBe(5);
  });
});
