// The settings' codes checked against the code lists of the schema in force: a code the FIU's
// schema lacks is refused when the settings are saved (and named again when a report is checked),
// so an officer never learns of a misspelt lookup from the FMU's rejection.
import { TRANSFER_RULE_IDS } from "@/db/schema/monitoring";
import type { GoamlSettings } from "./settings";
import { CODE_LISTS, type CodeListKey, type CodeLists } from "./xsd";

/** Each coded settings field (its form name) and the schema's list it must be in. */
export const CODED_FIELDS: readonly { field: string; list: CodeListKey }[] = [
  { field: "submissionCode", list: "submission" },
  { field: "reportCode", list: "report" },
  { field: "currencyCodeLocal", list: "currency" },
  { field: "accountCurrencyCode", list: "currency" },
  { field: "transmodeCode", list: "transmode" },
  { field: "fundsCode", list: "funds" },
  { field: "accountTypeCode", list: "accountType" },
  { field: "unknownCountryCode", list: "country" },
  { field: "location.addressType", list: "contactType" },
  { field: "location.countryCode", list: "country" },
  ...TRANSFER_RULE_IDS.map((id) => ({ field: `indicators.${id}`, list: "indicator" as const })),
];

function valueOf(settings: GoamlSettings, field: string): string | undefined {
  const [group, key] = field.split(".");
  if (key === undefined) return (settings as unknown as Record<string, unknown>)[field] as string | undefined;
  const nested = (settings as unknown as Record<string, Record<string, string>>)[group ?? ""];
  return nested?.[key];
}

/**
 * Field → message for each code the schema's lists lack. A list the schema leaves as free text
 * (null) accepts anything; an optional field left empty is not checked.
 */
export function codeIssues(
  settings: GoamlSettings,
  lists: CodeLists,
  schemaName: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, list } of CODED_FIELDS) {
    const codes = lists[list];
    const value = valueOf(settings, field);
    if (!codes || value === undefined || value === "") continue;
    if (codes.some((c) => c.code === value)) continue;
    const title = CODE_LISTS[list].title.toLowerCase();
    out[field] =
      `"${value}" is not in the ${title} of ${schemaName}: choose one of its ${codes.length} codes.`;
  }
  return out;
}
