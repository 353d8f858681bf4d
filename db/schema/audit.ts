import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditParams = Record<string, unknown>;

/**
 * Append-only: a trigger (migration 0002_audit_log_append_only) rejects UPDATE, DELETE and
 * TRUNCATE. The actor's email and role are snapshots, so rows stay meaningful after a user
 * changes; there is no foreign key for the same reason (and a failed sign-in has no user).
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
  },
  (t) => [
    index("audit_log_at_idx").on(t.at.desc()),
    index("audit_log_action_at_idx").on(t.action, t.at.desc()),
    index("audit_log_actor_at_idx").on(t.actorUserId, t.at.desc()),
    check("audit_log_action_check", sql`${t.action} ~ '^[a-z_]+(\\.[a-z_]+)+$'`),
    check("audit_log_checksum_check", sql`${t.checksum} is null or ${t.checksum} ~ '^[0-9a-f]{64}$'`),
  ],
);
