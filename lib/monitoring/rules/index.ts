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

/** DOMAIN.md section 4, in order. */
export const RULES: readonly RuleModule[] = [
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

const BY_ID = new Map<RuleId, RuleModule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: RuleId): RuleModule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
