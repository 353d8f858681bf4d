import { describe, expect, it } from "vitest";
import { RULES, ruleById } from "./rules";
import {
  alignChoiceOrder,
  choiceFieldName,
  fieldName,
  formValueOf,
  paramKeys,
  paramSpec,
  paramsFromForm,
} from "./settings-form";
import type { RuleModule } from "./rule";

/** What the browser would submit for these stored parameters, untouched. */
function formOf(rule: RuleModule, params: Record<string, unknown>): Record<string, string> {
  const form: Record<string, string> = { ruleId: rule.id, enabled: "on" };
  for (const key of paramKeys(rule)) {
    const v = formValueOf(paramSpec(key), params[key]);
    if (typeof v === "string") form[fieldName(key)] = v;
    else if (v === true) form[fieldName(key)] = "on";
    else if (Array.isArray(v)) for (const o of v) form[choiceFieldName(key, o)] = "on";
  }
  return form;
}

const R6 = ruleById("R6");

describe("rule settings form", () => {
  it("round-trips every rule's defaults exactly (what the action stores for an untouched form)", () => {
    for (const rule of RULES) {
      const parsed = paramsFromForm(rule, formOf(rule, rule.defaults));
      if (!parsed.ok) throw new Error(`${rule.id}: ${JSON.stringify(parsed.errors)}`);
      expect(alignChoiceOrder(rule, parsed.params, rule.defaults), rule.id).toStrictEqual(rule.defaults);
    }
  });

  it("shows R6's defaults the way an admin reads them", () => {
    const shown = Object.fromEntries(
      paramKeys(R6).map((k) => [k, formValueOf(paramSpec(k), R6.defaults[k])]),
    );
    expect(shown).toEqual({
      singleWei: "10000",
      cumulativeWei: "50000",
      windowSeconds: "24h",
      exemptEntityKinds: ["issuer", "exchange", "remittance_provider", "bank", "wallet_provider", "bridge"],
      exemptTags: ["treasury", "bridge"],
      exemptCounterpartyTags: ["treasury", "bridge"],
      skipIntraEntity: true,
    });
  });

  it("turns typed values into the rule's JSON: wei strings, seconds, basis points", () => {
    const form: Record<string, string> = {
      ...formOf(R6, R6.defaults),
      "p.singleWei": "9,999.999999",
      "p.windowSeconds": "48h",
    };
    delete form["p.skipIntraEntity"];
    delete form["p.exemptTags:bridge"];
    expect(paramsFromForm(R6, form)).toEqual({
      ok: true,
      params: {
        ...R6.defaults,
        singleWei: "9999999999000000000000",
        windowSeconds: 172_800,
        exemptTags: ["treasury"],
        skipIntraEntity: false,
      },
    });
    const r3 = ruleById("R3");
    expect(paramsFromForm(r3, { ...formOf(r3, r3.defaults), "p.forwardBps": "95.5" })).toEqual({
      ok: true,
      params: { ...r3.defaults, forwardBps: 9_550 },
    });
  });

  it("reports each wrong field under its own name", () => {
    const bad = paramsFromForm(R6, {
      ...formOf(R6, R6.defaults),
      "p.singleWei": "-1",
      "p.cumulativeWei": "50000.0000001",
      "p.windowSeconds": "1 fortnight",
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        "p.singleWei": "The amount cannot be negative.",
        "p.cumulativeWei": "Use at most 6 decimal places.",
        "p.windowSeconds": "Enter a duration such as 60m, 24h or 7d.",
      },
    });
  });

  it("passes on the rule schema's own limits in plain words", () => {
    const r2 = ruleById("R2");
    expect(paramsFromForm(r2, { ...formOf(r2, r2.defaults), "p.minCount": "0" })).toEqual({
      ok: false,
      errors: { "p.minCount": "Must be at least 1." },
    });
    expect(paramsFromForm(r2, { ...formOf(r2, r2.defaults), "p.minCount": "2.5" })).toEqual({
      ok: false,
      errors: { "p.minCount": "Enter a whole number." },
    });
    const r9 = ruleById("R9");
    const none = formOf(r9, r9.defaults);
    for (const status of ["unlicensed", "pending", "revoked", "unknown"])
      delete none[`p.flaggedStatuses:${status}`];
    expect(paramsFromForm(r9, none)).toEqual({
      ok: false,
      errors: { "p.flaggedStatuses": "Choose at least 1." },
    });
    const r8 = ruleById("R8");
    expect(paramsFromForm(r8, { ...formOf(r8, r8.defaults), "p.countries": "kp, ir\nIRN" })).toEqual({
      ok: false,
      errors: { "p.countries": "IRN: ISO 3166-1 alpha-2, upper case" },
    });
    expect(paramsFromForm(r8, { ...formOf(r8, r8.defaults), "p.countries": "kp, sy" })).toEqual({
      ok: true,
      params: { ...r8.defaults, countries: ["KP", "SY"] },
    });
  });

  it("lower-cases issuer addresses", () => {
    const r11 = ruleById("R11");
    const a = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
    expect(paramsFromForm(r11, { ...formOf(r11, r11.defaults), "p.issuerAddresses": a })).toEqual({
      ok: true,
      params: { ...r11.defaults, issuerAddresses: [a.toLowerCase()] },
    });
  });

  it("keeps ticked options in the stored order, new ones last", () => {
    const current = { ...R6.defaults, exemptTags: ["bridge", "treasury"] };
    const next = { ...R6.defaults, exemptTags: ["treasury", "bridge", "hot_wallet"] };
    expect(alignChoiceOrder(R6, next, current)).toEqual({
      ...R6.defaults,
      exemptTags: ["bridge", "treasury", "hot_wallet"],
    });
  });
});
