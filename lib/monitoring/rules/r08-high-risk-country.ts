// R8 high-risk jurisdiction: a transfer whose counterparty entity is in a configured high-risk
// country. Unattributed wallets have no country and never match (nothing is guessed).
import { z } from "zod";
import { transferWords } from "../explain";
import { countryListParam } from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  /** ISO-2 codes. Default: FATF "call for action" list (Feb 2025 snapshot); edit as lists change. */
  countries: countryListParam,
  skipIntraEntity: z.boolean(),
});

export const r08HighRiskCountry = defineRule({
  id: "R8",
  title: "High-risk jurisdiction",
  logicVersion: 1,
  severity: "high",
  summary:
    "A transfer to or from an entity located in a configured high-risk country. Moves within one entity are skipped by default.",
  schema,
  defaults: { countries: ["KP", "IR", "MM"], skipIntraEntity: true },
  explanations: {
    high_risk_country:
      "{party} {verb} {amount} {preposition} {counterparty}, an entity in {country}, which is on the configured list of high-risk jurisdictions.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: (p, env) => {
    const countries = new Set(p.countries);
    const { book } = env;
    const raise = (t: MonitorTransfer, risky: string, other: string) => {
      const out = risky === t.to;
      env.raise({
        variant: `high_risk_country:${out ? "to" : "from"}`,
        severity: "high",
        intensity: 1,
        subject: risky,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.from, t.to],
        amount: t.amount,
        facts: {
          party: book.describe(other),
          ...transferWords(t, other),
          counterparty: book.describe(risky),
          country: book.country(risky),
        },
      });
    };
    return {
      onTransfer: (t) => {
        if (t.kind !== "transfer" || countries.size === 0) return;
        const fromEntity = book.entityId(t.from);
        if (p.skipIntraEntity && fromEntity !== null && fromEntity === book.entityId(t.to)) return;
        if (countries.has(book.country(t.to))) raise(t, t.to, t.from);
        if (t.from !== t.to && countries.has(book.country(t.from))) raise(t, t.from, t.to);
      },
    };
  },
});
