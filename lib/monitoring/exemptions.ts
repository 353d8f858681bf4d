// Business exemptions as a policy a supervisor can see (#16 item 6). The behavioural rules (R2–R7,
// R12) leave wallets of some entity kinds or tags alone (their `exemptEntityKinds` / `exemptTags`
// parameters, versioned and audited like any other). They still evaluate those wallets: where a
// rule would have raised an alert but the exemption stopped it, the engine records a suppressed
// hit instead (one per alert it stands for, episodes kept apart from the alerts'), so the settings
// page can say how many alerts each exemption suppressed in the last 30 days.
import type { RuleId } from "@/db/schema/monitoring";

/** The rules whose business exemption is shown and counted. */
export const EXEMPTING_RULES: readonly RuleId[] = ["R2", "R3", "R4", "R5", "R6", "R7", "R12"];

/** A hit an exemption stopped. `key`: its episode key (null for rules without episodes). */
export type SuppressedHit = { ruleId: RuleId; block: number; time: number; key: string | null };

/** Per block and key, how many hits (rows of monitor_suppressed_hits). */
export type SuppressedCount = SuppressedHit & { hits: number };

/** Hits grouped per rule, block and key: the table's rows. */
export function countSuppressed(hits: readonly SuppressedHit[]): SuppressedCount[] {
  const out = new Map<string, SuppressedCount>();
  for (const h of hits) {
    const k = `${h.ruleId}|${h.block}|${h.key ?? ""}`;
    const row = out.get(k);
    if (row) row.hits++;
    else out.set(k, { ...h, hits: 1 });
  }
  return [...out.values()];
}

/** How far back the settings page counts suppressed alerts. */
export const SUPPRESSED_WINDOW_SECONDS = 30 * 86_400;
