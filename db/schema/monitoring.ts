import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { address, blockNumber, hash, uint256 } from "./types";
import { watchlists } from "./watchlists";

/** Rules the transfer engine runs over each chain's logs (DOMAIN.md section 4). */
export const TRANSFER_RULE_IDS = [
  "R1",
  "R2",
  "R3",
  "R4",
  "R5",
  "R6",
  "R7",
  "R8",
  "R9",
  "R10",
  "R11",
  "R12",
] as const;
export type TransferRuleId = (typeof TRANSFER_RULE_IDS)[number];
/** Time-series rules over reserve reports and pool swaps (issue #17; lib/monitoring/market). */
export const MARKET_RULE_IDS = ["R13", "R14"] as const;
export const RULE_IDS = [...TRANSFER_RULE_IDS, ...MARKET_RULE_IDS] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ["severe", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Case workflow: open → in_review → escalated → reported | dismissed; withdrawn is the system's. */
export const ALERT_STATUSES = [
  "open",
  "in_review",
  "escalated",
  "reported",
  "dismissed",
  "withdrawn",
] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const EVIDENCE_SOURCES = ["transfer", "token_event", "reserve_report", "pool_swap"] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export type RuleParamsJson = Record<string, unknown>;

/**
 * Rule parameters as an admin set them (JSON: wei as decimal strings). A row is created with the
 * defaults of lib/monitoring/rules on first use; every change bumps `version` and is audited.
 */
export const ruleSettings = pgTable(
  "rule_settings",
  {
    ruleId: text("rule_id").primaryKey(),
    enabled: boolean("enabled").notNull().default(true),
    params: jsonb("params").$type<RuleParamsJson>().notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("rule_settings_version_check", sql`${t.version} >= 1`)],
);

/**
 * Entries of the imported lists (db/schema/watchlists.ts), read by R1. `chain_id` null: the entry
 * applies to every chain (OFAC's ids name no chain). `list_name` repeats the list's name, which
 * R1's `lists` parameter selects by. A retired list has no entries left.
 */
export const watchlistEntries = pgTable(
  "watchlist_entries",
  {
    id: serial("id").primaryKey(),
    watchlistId: integer("watchlist_id")
      .notNull()
      .references(() => watchlists.id),
    chainId: integer("chain_id"),
    address: address("address").notNull(),
    listName: text("list_name").notNull(),
    reference: text("reference").notNull().default(""),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    importedBy: text("imported_by"),
  },
  (t) => [
    unique("watchlist_entries_uq").on(t.watchlistId, t.chainId, t.address).nullsNotDistinct(),
    index("watchlist_entries_list_idx").on(t.listName),
    index("watchlist_entries_address_idx").on(t.address),
    check("watchlist_entries_address_check", sql`${t.address} ~ '^0x[0-9a-f]{40}$'`),
  ],
);

/**
 * Per-chain monitoring progress: every transfer and token event at or below `monitored_block`
 * has been evaluated. Never above the indexer's indexed_block; a reorg rolls it back with the data.
 */
export const monitorCheckpoints = pgTable("monitor_checkpoints", {
  chainId: integer("chain_id").primaryKey(),
  monitoredBlock: blockNumber("monitored_block").notNull(),
  lastStepMs: integer("last_step_ms"),
  lastStepItems: integer("last_step_items"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One alert per rule hit. `alert_key` (rule, chain, variant, subject, trigger log) makes every
 * write idempotent: re-evaluating the same blocks never duplicates, and a hit whose evidence comes
 * back after a reorg reinstates its withdrawn alert instead of adding a second one.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertKey: text("alert_key").notNull(),
    ruleId: text("rule_id", { enum: RULE_IDS }).notNull(),
    /** rule_settings.version when raised (bumped by every parameter change). */
    ruleVersion: integer("rule_version").notNull(),
    /** Version of the rule's code (lib/monitoring/rules/*). */
    logicVersion: integer("logic_version").notNull(),
    params: jsonb("params").$type<RuleParamsJson>().notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    score: integer("score").notNull(),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("open"),
    statusReason: text("status_reason"),
    /** User id of the analyst working the case. */
    assignee: text("assignee"),
    chainId: integer("chain_id").notNull(),
    /** The address the rule is about (sender, intermediary, listed address, ...). */
    subject: address("subject"),
    /** The log that completed the pattern. */
    blockNumber: blockNumber("block_number").notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    amount: uint256("amount"),
    addresses: text("addresses").array().notNull(),
    entityIds: integer("entity_ids").array().notNull(),
    /** ISO-2 of the trigger transfer's sides ('ZZ' = unattributed); null for admin events. */
    corridorOrigin: text("corridor_origin"),
    corridorDestination: text("corridor_destination"),
    explanation: text("explanation").notNull(),
    facts: jsonb("facts").$type<Record<string, string>>().notNull(),
    /** Episode key: a later hit of the same rule and key within the rule's window is not raised again. */
    suppressKey: text("suppress_key"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_key_uq").on(t.alertKey),
    index("alerts_status_time_idx").on(t.status, t.blockTime.desc()),
    index("alerts_rule_time_idx").on(t.ruleId, t.blockTime.desc()),
    index("alerts_chain_block_idx").on(t.chainId, t.blockNumber),
    index("alerts_subject_idx").on(t.subject),
    index("alerts_suppress_idx").on(t.chainId, t.ruleId, t.blockTime),
    // /alerts (#18): the list's default order (newest first, id breaks ties: this index read
    // backwards) whatever statuses are asked for; its address and entity filters (`@> array[...]`);
    // the assignee filter's "who still holds alerts" probe. Figures in the commit that added them.
    index("alerts_time_idx").on(t.blockTime, t.id),
    index("alerts_addresses_gin").using("gin", t.addresses),
    index("alerts_entity_ids_gin").using("gin", t.entityIds),
    index("alerts_assignee_idx")
      .on(t.assignee)
      .where(sql`${t.assignee} is not null`),
    check("alerts_score_check", sql`${t.score} between 0 and 100`),
    check(
      "alerts_status_check",
      sql`${t.status} in ('open', 'in_review', 'escalated', 'reported', 'dismissed', 'withdrawn')`,
    ),
    check("alerts_severity_check", sql`${t.severity} in ('severe', 'high', 'medium', 'low')`),
  ],
);

/** The logs behind an alert (chain, tx hash, log index), with the part each played. */
export const alertEvidence = pgTable(
  "alert_evidence",
  {
    alertId: bigint("alert_id", { mode: "number" })
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    chainId: integer("chain_id").notNull(),
    source: text("source", { enum: EVIDENCE_SOURCES }).notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    txHash: hash("tx_hash").notNull(),
    logIndex: integer("log_index").notNull(),
    /** trigger, inbound, outbound, link, event, ... */
    role: text("role").notNull(),
  },
  (t) => [
    primaryKey({ name: "alert_evidence_pk", columns: [t.alertId, t.source, t.txHash, t.logIndex] }),
    index("alert_evidence_chain_block_idx").on(t.chainId, t.blockNumber),
    // The case page's evidence pages, in chain order (a standing case can hold 500k rows).
    index("alert_evidence_alert_order_idx").on(t.alertId, t.blockNumber, t.logIndex, t.source),
    // Its counts per source and chain: alert_evidence_counts (below), kept by triggers.
  ],
);

/**
 * How many evidence rows each alert holds, per source and chain: the case page's counts without
 * reading the case (a standing case holds 500k rows; counting them index-only took 85 ms a
 * request). Kept by statement triggers on alert_evidence (migration 0017): inserted rows add,
 * deleted rows (a withdrawal, a reinstatement, an alert deleted with its evidence) subtract, and
 * a truncate empties it. No foreign key: a row goes when its count reaches zero.
 */
export const alertEvidenceCounts = pgTable(
  "alert_evidence_counts",
  {
    alertId: bigint("alert_id", { mode: "number" }).notNull(),
    source: text("source", { enum: EVIDENCE_SOURCES }).notNull(),
    chainId: integer("chain_id").notNull(),
    rows: bigint("rows", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ name: "alert_evidence_counts_pk", columns: [t.alertId, t.source, t.chainId] })],
);

/** Status changes after an alert was raised: users' decisions (lib/monitoring/workflow.ts) and the system's withdrawals and reinstatements. */
export const alertHistory = pgTable(
  "alert_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertId: bigint("alert_id", { mode: "number" })
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    fromStatus: text("from_status", { enum: ALERT_STATUSES }),
    toStatus: text("to_status", { enum: ALERT_STATUSES }).notNull(),
    /** User id; null = the system (monitor, reorg, rebuild). */
    actor: text("actor"),
    reason: text("reason"),
  },
  (t) => [index("alert_history_alert_idx").on(t.alertId, t.at)],
);

/** Case notes on an alert: append-only (the UI offers no edit or delete); every note is audited too. */
export const alertNotes = pgTable(
  "alert_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertId: bigint("alert_id", { mode: "number" })
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** User id, with email and role as snapshots (as in audit_log). */
    author: text("author").notNull(),
    authorEmail: text("author_email").notNull(),
    authorRole: text("author_role").notNull(),
    body: text("body").notNull(),
  },
  (t) => [
    index("alert_notes_alert_idx").on(t.alertId, t.at),
    check("alert_notes_body_check", sql`length(${t.body}) between 1 and 4000`),
  ],
);

/**
 * Settings edited in the app, one JSON document per key (e.g. `goaml`: the reporting entity's
 * identifiers and the FIU's code lists), validated by zod on read and write; every change bumps
 * `version` and is audited.
 */
export const appSettings = pgTable(
  "app_settings",
  {
    key: text("key").primaryKey(),
    value: jsonb("value").$type<Record<string, unknown>>().notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("app_settings_version_check", sql`${t.version} >= 1`)],
);
