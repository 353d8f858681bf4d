// Business exemptions as a policy a supervisor can see (#16 item 6). The behavioural rules (R2–R7,
// R12) leave wallets of some entity kinds or tags alone (their `exemptEntityKinds` / `exemptTags`
// parameters, versioned and audited like any other). They still evaluate those wallets: where a
// rule would have raised an alert but the exemption stopped it, the engine records a suppressed
// hit instead (one per alert it stands for, episodes kept apart from the alerts'), so the settings
// page can say how many alerts each exemption suppressed in the last 30 days.
import type { RuleId } from "@/db/schema/monitoring";

/** The rules whose business exemption is shown and counted. */
export const EXEMPTING_RULES: readonly RuleId[] = ["R2", "R3", "R4", "R5", "R6", "R7", "R12"];

/** Hits an exemption stopped, per rule, block and episode key (null for rules without episodes): a row of monitor_suppressed_hits. */
export type SuppressedCount = {
  ruleId: RuleId;
  block: number;
  time: number;
  key: string | null;
  hits: number;
};

/** A trigger an exemption stopped. */
type Trigger = { block: number; time: number };

/**
 * Counts one rule's suppressed hits into `out`, a row per block and key in order of first hit.
 * Hits come in chain order, so a block's rows are all recent: only the current block's are looked up.
 */
export function suppressedCounter(
  ruleId: RuleId,
  out: SuppressedCount[],
): (trigger: Trigger, key: string | null) => void {
  let block = -1;
  let rows = new Map<string | null, SuppressedCount>();
  return (trigger, key) => {
    if (trigger.block !== block) {
      block = trigger.block;
      rows = new Map();
    }
    const row = rows.get(key);
    if (row) row.hits++;
    else {
      const fresh = { ruleId, block: trigger.block, time: trigger.time, key, hits: 1 };
      rows.set(key, fresh);
      out.push(fresh);
    }
  };
}

/** How far back the settings page counts suppressed alerts. */
export const SUPPRESSED_WINDOW_SECONDS = 30 * 86_400;
