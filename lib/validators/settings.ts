// The settings forms at the boundary (server action inputs): a rule's parameters (admin), the
// goAML reporting settings and the FMU's goAML XSD (compliance officer). Form fields arrive flat;
// a problem is reported on the field that has it, in words an operator understands.
import { z } from "zod";
import { RULE_IDS } from "@/db/schema/monitoring";
import { ruleById } from "@/lib/monitoring/rules";
import { paramsFromForm } from "@/lib/monitoring/settings-form";
import { nestGoamlForm } from "@/lib/reports/goaml/settings-form";
import { goamlSettingsSchema } from "./exports";

const isOn = (v: string | undefined) => v === "on" || v === "true";

/**
 * One rule's settings form: `ruleId`, the `enabled` checkbox and `p.<param>` fields (see
 * lib/monitoring/settings-form.ts), checked by that rule's own parameter schema.
 */
export const ruleSettingsFormSchema = z
  .object({
    ruleId: z.enum(RULE_IDS, { error: "Unknown rule." }),
    enabled: z.string().optional(),
  })
  .catchall(z.string())
  .transform((form, ctx) => {
    const parsed = paramsFromForm(ruleById(form.ruleId), form);
    if (!parsed.ok) {
      for (const [name, message] of Object.entries(parsed.errors)) {
        ctx.addIssue({ code: "custom", path: [name], message });
      }
      return z.NEVER;
    }
    return { ruleId: form.ruleId, enabled: isOn(form.enabled), params: parsed.params };
  });
export type RuleSettingsForm = z.output<typeof ruleSettingsFormSchema>;

const CURRENCY = new Set(["currencyCodeLocal", "accountCurrencyCode"]);
const COUNTRY = new Set(["location.countryCode"]);

/** goamlSettingsSchema speaks in regexes and ">0"; the form speaks to a compliance officer. */
function goamlMessage(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case "invalid_format":
      if (issue.format === "email") return "Enter an email address.";
      if (CURRENCY.has(field)) return "Three letters (ISO 4217 currency code), e.g. PKR.";
      if (COUNTRY.has(field)) return "Two letters (ISO 3166-1 alpha-2 country code), e.g. PK.";
      if (field === "localPerUsd") return "A rate such as 278.50 (digits, at most 8 decimals).";
      return issue.message;
    case "too_small":
      return field === "rentityId" ? "Enter the positive whole number your FIU assigned." : "Required.";
    case "too_big":
      return `At most ${issue.maximum} characters.`;
    case "invalid_type":
      return field === "rentityId" ? "Enter the positive whole number your FIU assigned." : "Required.";
    case "custom":
      return field === "localPerUsd" ? "The rate must be above zero." : issue.message;
    default:
      return issue.message;
  }
}

/**
 * What a save must give: the stored shape, with the institution code required (it is optional
 * there only so that settings saved before it existed still load; a report cannot do without it).
 */
const goamlSettingsToSave = goamlSettingsSchema.required({ institutionCode: true });

/**
 * The goAML settings form (flat fields named by path) → validated GoamlSettings. Whether each code
 * is in the schema in force is checked by the action (lib/reports/goaml/settings-check.ts).
 */
export const goamlSettingsFormSchema = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const parsed = goamlSettingsToSave.safeParse(nestGoamlForm(form));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "_";
    ctx.addIssue({ code: "custom", path: [field], message: goamlMessage(issue, field) });
  }
  return z.NEVER;
});

/** The FMU's goAML XSD, uploaded as a file (checked in depth by installGoamlSchema). */
export const installGoamlSchemaFormSchema = z.object({
  file: z
    .instanceof(File, { error: "Choose the FMU's goAML schema (.xsd) file." })
    // A file input left empty still sends a nameless, empty File.
    .refine((f) => f.name !== "" || f.size > 0, "Choose the FMU's goAML schema (.xsd) file."),
});
