import { describe, expect, it } from "vitest";
import { ruleById } from "@/lib/monitoring/rules";
import { DEFAULT_GOAML_SETTINGS } from "@/lib/reports/goaml/settings";
import { GOAML_FORM_FIELDS, goamlFormValues } from "@/lib/reports/goaml/settings-form";
import { goamlSettingsFormSchema, installGoamlSchemaFormSchema, ruleSettingsFormSchema } from "./settings";

function errorsOf(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

const R6_FORM = {
  ruleId: "R6",
  enabled: "on",
  "p.singleWei": "12,500.25",
  "p.cumulativeWei": "50000",
  "p.windowSeconds": "24h",
  "p.exemptTags:treasury": "on",
  "p.skipIntraEntity": "on",
};

describe("rule settings form input", () => {
  it("refuses an unknown rule (the access matrix's probe)", () => {
    const r = ruleSettingsFormSchema.safeParse({ ruleId: "R99" });
    expect(r.success).toBe(false);
    expect(errorsOf(r)).toEqual({ ruleId: "Unknown rule." });
  });

  it("yields the rule's JSON parameters, enabled from the checkbox", () => {
    expect(ruleSettingsFormSchema.parse(R6_FORM)).toEqual({
      ruleId: "R6",
      enabled: true,
      params: {
        singleWei: "12500250000000000000000",
        cumulativeWei: "50000000000000000000000",
        windowSeconds: 86_400,
        exemptEntityKinds: [],
        exemptTags: ["treasury"],
        exemptCounterpartyTags: [],
        skipIntraEntity: true,
      },
    });
    const { enabled: _off, ...disabled } = R6_FORM;
    expect(ruleSettingsFormSchema.parse(disabled).enabled).toBe(false);
    expect(() => ruleById("R6").instantiate(ruleSettingsFormSchema.parse(R6_FORM).params)).not.toThrow();
  });

  it("puts each problem on its field", () => {
    const r = ruleSettingsFormSchema.safeParse({ ...R6_FORM, "p.singleWei": "abc", "p.cumulativeWei": "" });
    expect(errorsOf(r)).toEqual({
      "p.singleWei": "Enter an amount in USD1 using digits, e.g. 10000 or 10000.50.",
      "p.cumulativeWei": "Enter an amount in USD1, e.g. 10000 or 10000.50.",
    });
  });
});

describe("goAML settings form input", () => {
  const form = goamlFormValues(DEFAULT_GOAML_SETTINGS);

  it("has one field per setting, and the placeholders parse back to themselves", () => {
    expect(Object.keys(form)).toEqual([...GOAML_FORM_FIELDS]);
    expect(GOAML_FORM_FIELDS).toHaveLength(33);
    expect(goamlSettingsFormSchema.parse(form)).toEqual(DEFAULT_GOAML_SETTINGS);
  });

  it("nests the flat fields, capitalises codes, drops an empty account type", () => {
    const parsed = goamlSettingsFormSchema.parse({
      ...form,
      rentityId: "4711",
      accountTypeCode: " ",
      currencyCodeLocal: "pkr",
      "location.countryCode": "ae",
      "reportingPerson.email": "mlro@bank.example",
      "indicators.R1": "FMU-VA-01",
      unexpected: "ignored",
    });
    expect(parsed).toEqual({
      ...DEFAULT_GOAML_SETTINGS,
      rentityId: 4711,
      currencyCodeLocal: "PKR",
      location: { ...DEFAULT_GOAML_SETTINGS.location, countryCode: "AE" },
      reportingPerson: { ...DEFAULT_GOAML_SETTINGS.reportingPerson, email: "mlro@bank.example" },
      indicators: { ...DEFAULT_GOAML_SETTINGS.indicators, R1: "FMU-VA-01" },
    });
    expect("accountTypeCode" in parsed).toBe(false);
    expect(goamlSettingsFormSchema.parse({ ...form, accountTypeCode: "CRYWT" }).accountTypeCode).toBe(
      "CRYWT",
    );
  });

  it("requires the branch and the institution code (goAML needs both in every report)", () => {
    const r = goamlSettingsFormSchema.safeParse({ ...form, rentityBranch: " ", institutionCode: "" });
    expect(errorsOf(r)).toEqual({ rentityBranch: "Required.", institutionCode: "Required." });
    const { institutionCode: _none, ...withoutCode } = form;
    expect(errorsOf(goamlSettingsFormSchema.safeParse(withoutCode))).toEqual({
      institutionCode: "Required.",
    });
  });

  it("refuses an empty submission (the access matrix's probe)", () => {
    const r = goamlSettingsFormSchema.safeParse({});
    expect(r.success).toBe(false);
    expect(errorsOf(r)).toMatchObject({ rentityId: "Enter the positive whole number your FIU assigned." });
  });

  it("explains each bad field in words", () => {
    const r = goamlSettingsFormSchema.safeParse({
      ...form,
      rentityId: "0",
      submissionCode: " ",
      currencyCodeLocal: "RUPEE",
      localPerUsd: "0.00",
      unknownCountryCode: "ZZZZ",
      "location.countryCode": "PAK",
      "location.address": "x".repeat(101),
      "reportingPerson.email": "not-an-email",
      "reportingPerson.lastName": "  ",
      "indicators.R12": "",
    });
    expect(errorsOf(r)).toEqual({
      rentityId: "Enter the positive whole number your FIU assigned.",
      submissionCode: "Required.",
      currencyCodeLocal: "Three letters (ISO 4217 currency code), e.g. PKR.",
      localPerUsd: "The rate must be above zero.",
      unknownCountryCode: "At most 3 characters.",
      "location.countryCode": "Two letters (ISO 3166-1 alpha-2 country code), e.g. PK.",
      "location.address": "At most 100 characters.",
      "reportingPerson.email": "Enter an email address.",
      "reportingPerson.lastName": "Required.",
      "indicators.R12": "Required.",
    });
  });
});

describe("goAML schema upload input", () => {
  it("takes a file, and refuses none (a file input left empty sends a nameless empty one)", () => {
    const file = new File(["<xs:schema/>"], "fmu.xsd", { type: "application/xml" });
    expect(installGoamlSchemaFormSchema.parse({ file }).file).toBe(file);
    for (const input of [{}, { file: "fmu.xsd" }, { file: new File([], "") }]) {
      expect(errorsOf(installGoamlSchemaFormSchema.safeParse(input))).toEqual({
        file: "Choose the FMU's goAML schema (.xsd) file.",
      });
    }
  });
});
