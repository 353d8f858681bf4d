import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * What the audit log records. Dotted `area.verb`; the database checks only the shape so that a
 * new area (alerts, exports, rules) adds a line here, not a migration.
 */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_locked",
  "auth.sign_out",
  "user.create",
  "user.role_change",
  "user.deactivate",
  "user.reactivate",
  "registry.edit",
  "registry.import",
  "rule.change",
  "alert.decision",
  "alert.assign",
  "alert.note",
  "export.create",
  "report.file",
  "settings.goaml",
  "settings.goaml_schema",
  "watchlist.import",
  "watchlist.retire",
  "reserves.attestation_enter",
  "reserves.attestation_confirm",
  "reserves.attestation_reject",
  "reserves.supply_enter",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditParams = Record<string, unknown>;

/**
 * Append-only: a trigger (migration 0002_audit_log_append_only) rejects UPDATE, DELETE and
 * TRUNCATE, and the app's database role may only INSERT and SELECT (db/roles.ts). The actor's
 * email and role are snapshots, so rows stay meaningful after a user changes; there is no
 * foreign key for the same reason (and a failed sign-in has no user).
 *
 * Hash chain (migration 0007_audit_chain, lib/audit/chain.ts): a BEFORE INSERT trigger numbers
 * each row (`seq`, gap-free, under a lock) and stores the previous row's hash and its own, so a
 * row changed or removed later by someone who can bypass the trigger is detectable
 * (`npm run audit:verify`). The three columns are the trigger's alone: whatever an INSERT
 * supplies is overwritten, hence `default null` here (never null once stored).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    target: text("target"),
    params: jsonb("params").$type<AuditParams>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** sha256 (hex) of an exported file. */
    checksum: text("checksum"),
    seq: bigint("seq", { mode: "number" })
      .notNull()
      .default(sql`null`),
    /** Hex SHA-256 of the previous row (seq - 1); 64 zeros for the first row. */
    prevHash: text("prev_hash")
      .notNull()
      .default(sql`null`),
    /** Hex SHA-256 of this row's canonical content (lib/audit/chain.ts), which includes prevHash. */
    rowHash: text("row_hash")
      .notNull()
      .default(sql`null`),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at.desc()),
    index("audit_log_action_at_idx").on(t.action, t.at.desc()),
    index("audit_log_actor_at_idx").on(t.actorUserId, t.at.desc()),
    check("audit_log_action_check", sql`${t.action} ~ '^[a-z_]+(\\.[a-z_]+)+$'`),
    check("audit_log_checksum_check", sql`${t.checksum} is null or ${t.checksum} ~ '^[0-9a-f]{64}$'`),
    uniqueIndex("audit_log_seq_idx").on(t.seq),
    check(
      "audit_log_hashes_check",
      sql`${t.prevHash} ~ '^[0-9a-f]{64}$' and ${t.rowHash} ~ '^[0-9a-f]{64}$'`,
    ),
  ],
);
