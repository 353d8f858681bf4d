// Imported sanctions and high-risk lists (issue #16). One row per list name: the import in force
// (format, the list's own version, who imported which file when, its SHA-256 and entry count),
// or, once retired, the record of what was in force. Entries live in watchlist_entries (read by
// R1); retiring a list deletes its entries and keeps this row. Every import is also a row of
// watchlist_imports, the list's history (append-only: db/roles.ts).
import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const FORMAT_CHECK = (col: unknown) => sql`${col} in ('csv', 'ofac-sdn-xml')`;
const SHA256_CHECK = (col: unknown) => sql`${col} ~ '^[0-9a-f]{64}$'`;

export const watchlists = pgTable(
  "watchlists",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    format: text("format", { enum: ["csv", "ofac-sdn-xml"] }).notNull(),
    /** The list's own version or publish date when the file states it (OFAC: Publish_Date). */
    version: text("version"),
    fileName: text("file_name").notNull(),
    /** Hex SHA-256 of the imported file's bytes; null only for lists imported before migration 0008. */
    sha256: text("sha256"),
    entryCount: integer("entry_count").notNull(),
    /** Identifiers in the file the monitor cannot use (OFAC: non-EVM digital currency addresses). */
    skippedCount: integer("skipped_count").notNull().default(0),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    /** User id and email of the importer; null for the command line and the demo seed. */
    importedBy: text("imported_by"),
    importedByEmail: text("imported_by_email"),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    retiredBy: text("retired_by"),
    retiredByEmail: text("retired_by_email"),
    retireReason: text("retire_reason"),
  },
  (t) => [
    uniqueIndex("watchlists_name_uq").on(t.name),
    check("watchlists_format_check", FORMAT_CHECK(t.format)),
    check("watchlists_sha256_check", sql`${t.sha256} is null or ${SHA256_CHECK(t.sha256)}`),
    check("watchlists_counts_check", sql`${t.entryCount} >= 0 and ${t.skippedCount} >= 0`),
    check("watchlists_retired_check", sql`(${t.retiredAt} is null) = (${t.retireReason} is null)`),
  ],
);

export const watchlistImports = pgTable(
  "watchlist_imports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    watchlistId: integer("watchlist_id")
      .notNull()
      .references(() => watchlists.id),
    format: text("format", { enum: ["csv", "ofac-sdn-xml"] }).notNull(),
    version: text("version"),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    entryCount: integer("entry_count").notNull(),
    skippedCount: integer("skipped_count").notNull(),
    /** Entries of the list before this import (what it replaced). */
    replacedCount: integer("replaced_count").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    importedBy: text("imported_by"),
    importedByEmail: text("imported_by_email"),
  },
  (t) => [
    index("watchlist_imports_list_idx").on(t.watchlistId, t.id),
    check("watchlist_imports_format_check", FORMAT_CHECK(t.format)),
    check("watchlist_imports_sha256_check", SHA256_CHECK(t.sha256)),
  ],
);
