import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { TRANSFER_RULE_IDS } from "@/db/schema/monitoring";
import { DEFAULT_GOAML_SETTINGS } from "./settings";
import { CODED_FIELDS } from "./settings-codes";
import { goamlCodeChoices, goamlFormValues } from "./settings-form";
import { builtInSchema } from "./validate";
import { readXsd, type CodeLists } from "./xsd";

const builtIn = readXsd(builtInSchema().content).codeLists;
const custom = readXsd(
  fs.readFileSync(new URL("./testing/fiu-custom-4x.xsd", import.meta.url), "utf8"),
).codeLists;
const values = goamlFormValues(DEFAULT_GOAML_SETTINGS);
const ALL_CODED = CODED_FIELDS.map((f) => f.field);
const count = (choices: ReturnType<typeof goamlCodeChoices>) =>
  Object.fromEntries(Object.entries(choices).map(([k, c]) => [k, c.options.length]));
const indicators = (n: number) => Object.fromEntries(TRANSFER_RULE_IDS.map((id) => [`indicators.${id}`, n]));

describe("the settings form's code choices", () => {
  it("under the built-in schema: every coded field a select of its codes", () => {
    const choices = goamlCodeChoices(values, builtIn);
    expect(Object.keys(choices)).toEqual(ALL_CODED);
    expect(count(choices)).toEqual({
      submissionCode: 2,
      reportCode: 4,
      currencyCodeLocal: 162,
      accountCurrencyCode: 162,
      transmodeCode: 4,
      fundsCode: 4,
      accountTypeCode: 4,
      unknownCountryCode: 249,
      "location.addressType": 3,
      "location.countryCode": 249,
      ...indicators(12),
    });
    expect(choices.transmodeCode?.options[0]).toEqual({
      value: "VA",
      label: "VA — Virtual-asset transfer on a public chain",
    });
    // The placeholder "-" for an unknown country is not an ISO code: shown, marked, to be fixed.
    const notIn = Object.entries(choices).filter(([, c]) => c.notInSchema !== null);
    expect(notIn.map(([f, c]) => [f, c.notInSchema])).toEqual([["unknownCountryCode", "-"]]);
    expect(
      Object.entries(choices)
        .filter(([, c]) => c.optional)
        .map(([f]) => f),
    ).toEqual(["accountTypeCode"]);
  });

  it("under the FIU's narrower schema: its codes, and each placeholder it lacks marked", () => {
    const choices = goamlCodeChoices(values, custom);
    expect(Object.keys(choices)).toEqual(ALL_CODED);
    expect(count(choices)).toEqual({
      submissionCode: 2,
      reportCode: 1,
      currencyCodeLocal: 162,
      accountCurrencyCode: 162,
      transmodeCode: 2,
      fundsCode: 2,
      accountTypeCode: 1,
      unknownCountryCode: 6,
      "location.addressType": 3,
      "location.countryCode": 6,
      ...indicators(3),
    });
    expect(choices.unknownCountryCode?.options.map((o) => o.label)).toEqual([
      "- — UNKNOWN",
      "AE — UNITED ARAB EMIRATES",
      "GB — UNITED KINGDOM",
      "PK — PAKISTAN",
      "SA — SAUDI ARABIA",
      "US — UNITED STATES",
    ]);
    const notIn = Object.fromEntries(
      Object.entries(choices)
        .filter(([, c]) => c.notInSchema !== null)
        .map(([f, c]) => [f, c.notInSchema]),
    );
    expect(notIn).toEqual({
      transmodeCode: "VA",
      fundsCode: "O",
      ...Object.fromEntries(
        TRANSFER_RULE_IDS.map((id) => [`indicators.${id}`, DEFAULT_GOAML_SETTINGS.indicators[id]]),
      ),
    });
    // No account type stored: nothing to flag, "— none —" is the choice.
    expect(choices.accountTypeCode).toMatchObject({ notInSchema: null, optional: true });
  });

  it("leaves a free-text list (null) as a text input", () => {
    const lists: CodeLists = { ...custom, transmode: null, country: null, indicator: null };
    const choices = goamlCodeChoices(values, lists);
    expect(Object.keys(choices)).toEqual(
      ALL_CODED.filter(
        (f) =>
          !["transmodeCode", "unknownCountryCode", "location.countryCode"].includes(f) &&
          !f.startsWith("indicators."),
      ),
    );
  });
});
