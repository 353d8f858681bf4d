import { describe, expect, it } from "vitest";
import { DEFAULT_GOAML_SETTINGS } from "@/lib/reports/goaml/settings";
import { goamlSettingsSchema } from "./exports";

describe("export request schemas", () => {
  it("validate goAML settings as a compliance officer edits them", () => {
    expect(goamlSettingsSchema.parse(DEFAULT_GOAML_SETTINGS)).toEqual(DEFAULT_GOAML_SETTINGS);
    expect(goamlSettingsSchema.safeParse({ ...DEFAULT_GOAML_SETTINGS, localPerUsd: "0" }).success).toBe(
      false,
    );
    expect(
      goamlSettingsSchema.safeParse({ ...DEFAULT_GOAML_SETTINGS, currencyCodeLocal: "pkr" }).success,
    ).toBe(false);
    const { R1: _dropped, ...fewer } = DEFAULT_GOAML_SETTINGS.indicators;
    expect(goamlSettingsSchema.safeParse({ ...DEFAULT_GOAML_SETTINGS, indicators: fewer }).success).toBe(
      false,
    );
  });
});
