import type { RuleId } from "@/db/schema/monitoring";
import type { RuleModule } from "../rule";
import { r01Sanctioned } from "./r01-sanctioned";
import { r02Structuring } from "./r02-structuring";
import { r03PassThrough } from "./r03-pass-through";
import { r04FanIn } from "./r04-fan-in";
import { r05FanOut } from "./r05-fan-out";
import { r06HighValue } from "./r06-high-value";
import { r07NewDormant } from "./r07-new-dormant";
import { r08HighRiskCountry } from "./r08-high-risk-country";
import { r09UnlicensedCorridor } from "./r09-unlicensed-corridor";
import { r10AdminEvents } from "./r10-admin-events";
import { r11Issuance } from "./r11-issuance";
import { r12RoundAmounts } from "./r12-round-amounts";
import { r13Reserves } from "./r13-reserves";
import { r14Peg } from "./r14-peg";

/** DOMAIN.md section 4, in order: the rules the transfer engine runs. */
export const TRANSFER_RULES: readonly RuleModule[] = [
  r01Sanctioned,
  r02Structuring,
  r03PassThrough,
  r04FanIn,
  r05FanOut,
  r06HighValue,
  r07NewDormant,
  r08HighRiskCountry,
  r09UnlicensedCorridor,
  r10AdminEvents,
  r11Issuance,
  r12RoundAmounts,
];

/** Time-series rules over reserve reports and pool swaps (issue #17): lib/monitoring/market runs them. */
export const MARKET_RULES: readonly RuleModule[] = [r13Reserves, r14Peg];

/** Every rule: settings, versions, titles and explanations. */
export const RULES: readonly RuleModule[] = [...TRANSFER_RULES, ...MARKET_RULES];

export function isMarketRule(id: RuleId): boolean {
  return MARKET_RULES.some((r) => r.id === id);
}

const BY_ID = new Map<RuleId, RuleModule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: RuleId): RuleModule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
