import { describe, expect, it } from "vitest";
import { DEFAULT_GOAML_SETTINGS } from "@/lib/reports/goaml/settings";
import {
  alertExportFilterSchema,
  goamlExportParamsSchema,
  goamlSettingsSchema,
  monthlyReportParamsSchema,
  transactionExportFilterSchema,
} from "./exports";

describe("export request schemas", () => {
  it("parse the transactions filter into the view's types (wei as bigint, instants as Date)", () => {
    const f = transactionExportFilterSchema.parse({
      address: "0xAbCdEf0000000000000000000000000000000001",
      minAmount: "1500000000000000000000",
      since: "2025-03-01T00:00:00Z",
      flow: "adjusted",
    });
    expect(f).toEqual({
      address: "0xabcdef0000000000000000000000000000000001",
      minAmount: 1_500n * 10n ** 18n,
      since: new Date("2025-03-01T00:00:00Z"),
      flow: "adjusted",
    });
  });

  it("refuse what is not a filter", () => {
    expect(transactionExportFilterSchema.safeParse({ minAmount: "1.5" }).success).toBe(false);
    expect(transactionExportFilterSchema.safeParse({ sql: "drop table" }).success).toBe(false);
    expect(
      transactionExportFilterSchema.safeParse({
        since: "2025-03-02T00:00:00Z",
        until: "2025-03-01T00:00:00Z",
      }).success,
    ).toBe(false);
    expect(alertExportFilterSchema.safeParse({ fromDay: "2025-02-30" }).success).toBe(false);
    expect(monthlyReportParamsSchema.safeParse({ month: "2025-13" }).success).toBe(false);
    expect(goamlExportParamsSchema.safeParse({ alertIds: [], reason: "x" }).success).toBe(false);
    expect(goamlExportParamsSchema.safeParse({ alertIds: [1], reason: "  " }).success).toBe(false);
  });

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
