// The goAML settings form is flat (one input per value); settings are nested. Field names are the
// settings' own paths ("reportingPerson.email", "indicators.R1"), so a validation issue's path is
// the name of the field to show it on. Coded fields offer the codes of the schema in force.
import { TRANSFER_RULE_IDS } from "@/db/schema/monitoring";
import type { GoamlSettings } from "@/lib/validators/exports";
import { CODED_FIELDS } from "./settings-codes";
import type { CodeLists } from "./xsd";

const TOP = [
  "rentityId",
  "rentityBranch",
  "submissionCode",
  "reportCode",
  "currencyCodeLocal",
  "localPerUsd",
  "accountCurrencyCode",
  "transmodeCode",
  "fundsCode",
  "institutionCode",
  "accountTypeCode",
  "unknownCountryCode",
  "unattributedInstitution",
] as const;
const PERSON = ["firstName", "lastName", "email", "occupation"] as const;
const LOCATION = ["addressType", "address", "city", "countryCode"] as const;

/** Optional settings: an empty field means "none" and is left out. */
const OPTIONAL = new Set(["accountTypeCode"]);

/** Every field of the form, in the settings' order. */
export const GOAML_FORM_FIELDS: readonly string[] = [
  ...TOP,
  ...PERSON.map((k) => `reportingPerson.${k}`),
  ...LOCATION.map((k) => `location.${k}`),
  ...TRANSFER_RULE_IDS.map((id) => `indicators.${id}`),
];

/** ISO codes: typed in any case, stored in capitals as the schema (and goAML) want them. */
const UPPER = new Set([
  "currencyCodeLocal",
  "accountCurrencyCode",
  "unknownCountryCode",
  "location.countryCode",
]);

/** Settings → the form's initial text, field by field. */
export function goamlFormValues(s: GoamlSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TOP) out[k] = s[k] === undefined ? "" : String(s[k]);
  for (const k of PERSON) out[`reportingPerson.${k}`] = s.reportingPerson[k];
  for (const k of LOCATION) out[`location.${k}`] = s.location[k];
  for (const id of TRANSFER_RULE_IDS) out[`indicators.${id}`] = s.indicators[id];
  return out;
}

/**
 * Submitted fields → the nested shape goamlSettingsSchema checks. Unknown fields are ignored;
 * missing ones stay missing (the schema reports them); an empty optional field means "none".
 */
export function nestGoamlForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of GOAML_FORM_FIELDS) {
    const raw = form[name];
    if (typeof raw !== "string") continue;
    const value = UPPER.has(name) ? raw.trim().toUpperCase() : raw;
    if (OPTIONAL.has(name) && value.trim() === "") continue;
    const [group, key] = name.split(".");
    if (key === undefined) {
      out[name] = value;
    } else if (group !== undefined) {
      const nested = (out[group] ??= {}) as Record<string, unknown>;
      nested[key] = value;
    }
  }
  return out;
}

export type CodeOption = { value: string; label: string };

/** A coded field the schema enumerates: a choice among its codes. */
export type CodeChoice = {
  options: CodeOption[];
  /** The current value when the schema's list lacks it (shown first, marked, so it can be fixed). */
  notInSchema: string | null;
  /** The field may be left empty ("— none —"). */
  optional: boolean;
};

/**
 * For each coded field whose list the schema enumerates, its codes ("CODE — label") and whether
 * the current value is among them. A field whose list is free text (null) is not here: it stays
 * a text input.
 */
export function goamlCodeChoices(
  values: Record<string, string>,
  lists: CodeLists,
): Record<string, CodeChoice> {
  const out: Record<string, CodeChoice> = {};
  for (const { field, list } of CODED_FIELDS) {
    const codes = lists[list];
    if (!codes) continue;
    const value = values[field] ?? "";
    out[field] = {
      options: codes.map((c) => ({ value: c.code, label: c.label ? `${c.code} — ${c.label}` : c.code })),
      notInSchema: value !== "" && !codes.some((c) => c.code === value) ? value : null,
      optional: OPTIONAL.has(field),
    };
  }
  return out;
}
