// Reserves and supply typed in by compliance officers (issue #17): the custodian's attestation
// reports, and native supply on chains the product does not index (Tron, Solana, Aptos). The
// on-chain feeds and pools are in ./market.
import { sql } from "drizzle-orm";
import { check, date, index, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { uint256 } from "./types";

const SHA256_CHECK = (col: unknown) => sql`${col} ~ '^[0-9a-f]{64}$'`;

/**
 * A monthly attestation (the custodian's report): the reserve figure as of a date, the report it
 * comes from and that report's SHA-256. Four eyes: it counts in the ratio only once a second
 * compliance officer, not the one who typed it, has confirmed it (the database refuses the same
 * user). An entry is either confirmed or rejected, never both, and neither is undone; a wrong
 * figure is rejected and typed again. Every step is in the audit log.
 */
export const reserveAttestations = pgTable(
  "reserve_attestations",
  {
    id: serial("id").primaryKey(),
    /** Reserves in USD, 18 decimals (the unit of USD1 supply), exact. */
    reservesWei: uint256("reserves_wei").notNull(),
    /** The report's "as of" day (UTC): the figure holds at that day's close. */
    asOf: date("as_of", { mode: "string" }).notNull(),
    custodian: text("custodian").notNull(),
    reportName: text("report_name").notNull(),
    /** Hex SHA-256 of the report file as received. */
    reportSha256: text("report_sha256").notNull(),
    enteredBy: text("entered_by").notNull(),
    enteredByEmail: text("entered_by_email").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: text("confirmed_by"),
    confirmedByEmail: text("confirmed_by_email"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    rejectedBy: text("rejected_by"),
    rejectedByEmail: text("rejected_by_email"),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
  },
  (t) => [
    index("reserve_attestations_as_of_idx").on(t.asOf),
    // One live entry per report file: the same report is not counted twice.
    uniqueIndex("reserve_attestations_report_uq")
      .on(t.reportSha256)
      .where(sql`${t.rejectedAt} is null`),
    check("reserve_attestations_sha256_check", SHA256_CHECK(t.reportSha256)),
    check("reserve_attestations_reserves_check", sql`${t.reservesWei} >= 0`),
    check(
      "reserve_attestations_confirm_check",
      sql`(${t.confirmedBy} is null) = (${t.confirmedAt} is null) and (${t.confirmedBy} is null or ${t.confirmedBy} <> ${t.enteredBy})`,
    ),
    check(
      "reserve_attestations_reject_check",
      sql`(${t.rejectedBy} is null) = (${t.rejectedAt} is null) and (${t.rejectedAt} is null) = (${t.rejectReason} is null)`,
    ),
    check("reserve_attestations_one_outcome_check", sql`${t.confirmedAt} is null or ${t.rejectedAt} is null`),
  ],
);

/**
 * Native USD1 supply on a chain the product does not index, as entered with its source (an
 * explorer page, the issuer's transparency report). The latest entry as of a day holds for that
 * day; entries are never edited, a correction is a new entry. Bridged chains are never entered:
 * their USD1 is a copy of native supply (DOMAIN.md §1).
 */
export const enteredSupply = pgTable(
  "entered_supply",
  {
    id: serial("id").primaryKey(),
    /** lib/reserves/chains.ts names the chains that may be entered. */
    chain: text("chain").notNull(),
    supplyWei: uint256("supply_wei").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    source: text("source").notNull(),
    enteredBy: text("entered_by").notNull(),
    enteredByEmail: text("entered_by_email").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("entered_supply_chain_as_of_idx").on(t.chain, t.asOf),
    check("entered_supply_chain_check", sql`${t.chain} ~ '^[a-z][a-z0-9_-]*$'`),
    check("entered_supply_supply_check", sql`${t.supplyWei} >= 0`),
  ],
);
