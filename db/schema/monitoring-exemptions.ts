// What the behavioural rules' business exemptions stopped (#16 item 6; lib/monitoring/exemptions.ts).
// Derived data, like alerts keyed by what raised them, but counts, not cases: one row per chain,
// rule, block and episode key ('' for rules without episodes) with the number of hits. Writes are
// idempotent (a re-run step or a rebuild sets the same counts), a reorg deletes the rows above the
// common ancestor (the monitor re-evaluates those blocks), a rebuild replaces a rule's rows.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { RuleId } from "./monitoring";
import { blockNumber } from "./types";

export const suppressedHits = pgTable(
  "monitor_suppressed_hits",
  {
    chainId: integer("chain_id").notNull(),
    ruleId: text("rule_id").$type<RuleId>().notNull(),
    blockNumber: blockNumber("block_number").notNull(),
    /** The episode key of the hits (the alert's suppress key), '' when the rule has no episodes. */
    episodeKey: text("episode_key").notNull(),
    blockTime: timestamp("block_time", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [
    primaryKey({
      name: "monitor_suppressed_hits_pk",
      columns: [t.chainId, t.ruleId, t.blockNumber, t.episodeKey],
    }),
    index("monitor_suppressed_hits_time_idx").on(t.ruleId, t.blockTime),
    index("monitor_suppressed_hits_block_idx").on(t.chainId, t.blockNumber),
    check("monitor_suppressed_hits_positive", sql`${t.hits} > 0`),
  ],
);
