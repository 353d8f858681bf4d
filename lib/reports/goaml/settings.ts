// goAML settings: the reporting entity's identifiers and the FIU's codes. Every value below is a
// PLACEHOLDER for a compliance officer to replace with what the FMU assigned (DOMAIN.md section 5:
// code lists are each FIU's own, read from its installed XSD). They are what getGoamlSettings
// (db/queries/app-settings.ts) returns, at version 0, until a compliance officer saves the
// settings at /reports/goaml-settings; saved settings live in app_settings (versioned, audited).
// With placeholders a case gives a watermarked draft at most, never a fileable report. The codes
// are those of the built-in schema's stand-in lists, so a draft validates; the country of an
// unattributed wallet is "-" on purpose: the ISO list has no "unknown" code, and which code the
// FMU wants there is the officer's to set.
import type { TransferRuleId } from "@/db/schema/monitoring";
import { goamlSettingsSchema, type GoamlSettings } from "@/lib/validators/exports";

export type { GoamlSettings };

/** Placeholder indicator codes, one per rule (DOMAIN.md section 4); the FMU publishes the real list. */
const PLACEHOLDER_INDICATORS: Record<TransferRuleId, string> = {
  R1: "VA-SANCTIONS",
  R2: "VA-STRUCTURING",
  R3: "VA-PASS-THROUGH",
  R4: "VA-FAN-IN",
  R5: "VA-FAN-OUT",
  R6: "VA-HIGH-VALUE",
  R7: "VA-NEW-DORMANT",
  R8: "VA-HIGH-RISK-JURISDICTION",
  R9: "VA-UNLICENSED-COUNTERPARTY",
  R10: "VA-ISSUER-ADMIN-EVENT",
  R11: "VA-UNUSUAL-ISSUANCE",
  R12: "VA-ROUND-AMOUNTS",
};

export const DEFAULT_GOAML_SETTINGS: GoamlSettings = goamlSettingsSchema.parse({
  rentityId: 1,
  rentityBranch: "Head office",
  submissionCode: "E",
  reportCode: "STR",
  currencyCodeLocal: "PKR",
  localPerUsd: "278.50",
  accountCurrencyCode: "USD",
  transmodeCode: "VA",
  fundsCode: "O",
  institutionCode: "UNATTRIBUTED",
  unknownCountryCode: "-",
  unattributedInstitution: "Unattributed wallet",
  reportingPerson: {
    firstName: "Compliance",
    lastName: "Officer",
    email: "compliance@example.invalid",
    occupation: "Compliance officer",
  },
  location: {
    addressType: "B",
    address: "Placeholder address",
    city: "Karachi",
    countryCode: "PK",
  },
  indicators: PLACEHOLDER_INDICATORS,
});

/** Settings as edited (partial) on top of the defaults, validated as a whole. */
export function resolveGoamlSettings(overrides: Partial<GoamlSettings> = {}): GoamlSettings {
  return goamlSettingsSchema.parse({ ...DEFAULT_GOAML_SETTINGS, ...overrides });
}
