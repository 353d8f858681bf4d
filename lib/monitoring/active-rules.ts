import type { RuleId } from "@/db/schema/monitoring";
import type { RuleSetting } from "@/db/queries/monitoring";
import type { ActiveRule } from "./engine";
import type { ReplayKind } from "./rule";
import { isMarketRule, ruleById } from "./rules";

/**
 * The enabled rules (or the `only` subset) with their stored parameters. Stored parameters that
 * no longer parse (a code change renamed or retyped one) fail loudly rather than run on guesses.
 */
export function activeRules(settings: readonly RuleSetting[], only?: readonly RuleId[]): ActiveRule[] {
  return (
    settings
      // R13/R14 judge reserve reports and pool swaps (lib/monitoring/market), never transfers: a
      // rebuild here would find none of their alerts and withdraw them.
      .filter((s) => !isMarketRule(s.ruleId))
      .filter((s) => (only ? only.includes(s.ruleId) : s.enabled))
      .map((s) => {
        try {
          const rule = ruleById(s.ruleId);
          // A parameter added to the code after the row was saved takes its default.
          return { instance: rule.instantiate({ ...rule.defaults, ...s.params }), version: s.version };
        } catch (err) {
          throw new Error(`stored parameters of ${s.ruleId} v${s.version} are invalid: ${String(err)}`);
        }
      })
  );
}

/** Longest replay the rules need of one kind (0 when none asks for it). */
export function replaySeconds(rules: readonly ActiveRule[], kind: ReplayKind): number {
  return Math.max(
    0,
    ...rules.filter((r) => r.instance.replay === kind).map((r) => r.instance.lookbackSeconds),
  );
}

export function episodeSeconds(rules: readonly ActiveRule[]): number {
  return Math.max(0, ...rules.map((r) => r.instance.episodeSeconds));
}

export function hasRule(rules: readonly ActiveRule[], id: RuleId): ActiveRule | undefined {
  return rules.find((r) => r.instance.id === id);
}
