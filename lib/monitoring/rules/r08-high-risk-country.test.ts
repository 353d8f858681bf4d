import { describe, expect, it } from "vitest";
import { entityRow, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r08HighRiskCountry } from "./r08-high-risk-country";

const A = wallet(1);
const IR = wallet(2);
const AE = wallet(3);
const book = [entityRow(IR, { entityId: 1, country: "IR" }), entityRow(AE, { entityId: 2, country: "AE" })];

describe("R8 high-risk jurisdiction", () => {
  it("flags a counterparty entity in a listed country, either direction", () => {
    const alerts = runRule(
      r08HighRiskCountry,
      [transfer(A, IR, usd(10), T0), transfer(IR, A, usd(10), T0 + 1)],
      { book },
    );
    expect(alerts.map((a) => [a.subject, a.severity, a.key.split("|")[2]])).toEqual([
      [IR, "high", "high_risk_country:to"],
      [IR, "high", "high_risk_country:from"],
    ]);
    expect(alerts[0]?.corridorDestination).toBe("IR");
  });

  it("ignores other countries, unattributed wallets and an empty list", () => {
    expect(runRule(r08HighRiskCountry, [transfer(A, AE, usd(10), T0)], { book })).toEqual([]);
    expect(runRule(r08HighRiskCountry, [transfer(A, wallet(9), usd(10), T0)], { book })).toEqual([]);
    expect(
      runRule(r08HighRiskCountry, [transfer(A, IR, usd(10), T0)], { book, params: { countries: [] } }),
    ).toEqual([]);
    expect(
      runRule(r08HighRiskCountry, [transfer(A, AE, usd(10), T0)], { book, params: { countries: ["AE"] } }),
    ).toHaveLength(1);
  });
});
