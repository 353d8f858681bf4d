// R9 unlicensed counterparty in a corridor: a cross-border transfer (both sides attributed, in
// different countries) to or from an entity without a licence.
//
// Logic version 2 (#16): a standing relationship is one standing case, not a weekly stream of
// them. The first qualifying transfer of an entity opens its case; every later one, on any chain,
// joins that case as evidence with running totals (transfers, total, chains, first and last seen);
// only after the case is closed (reported or dismissed) does the next transfer open a new one. The
// writer (db/queries/monitoring-cases.ts) keeps one case per entity across chains. Every licence
// status but `licensed` is flagged by default (`unknown` and `pending` are not a licence either).
import { z } from "zod";
import { LICENCE_STATUSES } from "@/db/schema/registry";
import { transferWords } from "../explain";
import { DAY } from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";

const fields = z.strictObject({
  /** Licence statuses that count as "without a licence". */
  flaggedStatuses: z.array(z.enum(LICENCE_STATUSES)).min(1),
});

/** Logic version 1's episode window means nothing to a standing case: a stored one is dropped. */
const schema = z.preprocess((v) => {
  if (v === null || typeof v !== "object" || !("windowSeconds" in v)) return v;
  const { windowSeconds: _, ...rest } = v as Record<string, unknown>;
  return rest;
}, fields);

/** R9's defaults before logic version 2 (one case per entity per chain per week; unknown and pending not flagged). */
const DEFAULTS_V1 = { flaggedStatuses: ["unlicensed", "revoked"], windowSeconds: 7 * DAY };

export const R9_FLAGGED_DEFAULT = LICENCE_STATUSES.filter((s) => s !== "licensed");

export const r09UnlicensedCorridor = defineRule({
  id: "R9",
  title: "Unlicensed counterparty in a corridor",
  logicVersion: 2,
  severity: "medium",
  summary:
    "A cross-border transfer between attributed entities where one side's licence status is flagged (every status but licensed by default): one standing case per entity across chains, updated with each further transfer until it is closed.",
  schema,
  defaults: { flaggedStatuses: R9_FLAGGED_DEFAULT },
  supersededDefaults: [DEFAULTS_V1],
  explanations: {
    unlicensed:
      "{entity} ({country}, licence {licence}) {verb} {amount} {preposition} {counterparty} in the {corridor} corridor. Cross-border business with an entity without a licence is a red flag. This is the entity's standing case: its further cross-border transfers, on any chain, are added to it (running totals below) until the case is closed.",
  },
  replay: "none",
  // Stateless, and no episode: the standing case is the writer's.
  lookbackSeconds: () => 0,
  episodeSeconds: () => 0,
  create: (p, env) => {
    const flagged = new Set<string>(p.flaggedStatuses);
    const { book } = env;
    const raise = (t: MonitorTransfer, side: string, other: string) => {
      const info = book.get(side);
      if (!info || info.entityId === null || !flagged.has(info.licenceStatus ?? "unknown")) return;
      const out = side === t.from;
      env.raise({
        variant: `unlicensed:${out ? "from" : "to"}`,
        severity: "medium",
        intensity: 1,
        subject: side,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.from, t.to],
        amount: t.amount,
        facts: {
          entity: book.describe(side),
          country: book.country(side),
          licence: info.licenceStatus ?? "unknown",
          ...transferWords(t, side),
          counterparty: book.describe(other),
          corridor: `${book.country(t.from)}→${book.country(t.to)}`,
        },
        standing: { key: `entity:${info.entityId}` },
      });
    };
    return {
      onTransfer: (t) => {
        if (t.kind !== "transfer") return;
        const from = book.get(t.from);
        const to = book.get(t.to);
        if (!from?.country || !to?.country || from.entityId === null || to.entityId === null) return;
        if (from.country === to.country) return;
        raise(t, t.from, t.to);
        raise(t, t.to, t.from);
      },
    };
  },
});
