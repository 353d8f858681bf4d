// R9 unlicensed counterparty in a corridor: a cross-border transfer (both sides attributed, in
// different countries) to or from an entity without a licence. One alert per entity per window:
// an unlicensed business shows up in every payment it takes, in every corridor it serves, and one
// case a week per entity is what an analyst can act on.
import { z } from "zod";
import { LICENCE_STATUSES } from "@/db/schema/registry";
import { duration, transferWords } from "../explain";
import { DAY, secondsParam } from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  /** Licence statuses that count as "without a licence". */
  flaggedStatuses: z.array(z.enum(LICENCE_STATUSES)).min(1),
  windowSeconds: secondsParam,
});

export const r09UnlicensedCorridor = defineRule({
  id: "R9",
  title: "Unlicensed counterparty in a corridor",
  logicVersion: 1,
  severity: "medium",
  summary:
    "A cross-border transfer between attributed entities where one side's licence status is flagged (unlicensed or revoked by default); at most one alert per entity per window.",
  schema,
  defaults: { flaggedStatuses: ["unlicensed", "revoked"], windowSeconds: 7 * DAY },
  explanations: {
    unlicensed:
      "{entity} ({country}, licence {licence}) {verb} {amount} {preposition} {counterparty} in the {corridor} corridor. Cross-border business with an entity without a licence is a red flag; further cross-border transfers of this entity within {window} are covered by this alert.",
  },
  replay: "none",
  // Stateless: only the episode reaches back.
  lookbackSeconds: () => 0,
  episodeSeconds: (p) => p.windowSeconds,
  create: (p, env) => {
    const flagged = new Set<string>(p.flaggedStatuses);
    const { book } = env;
    const raise = (t: MonitorTransfer, side: string, other: string) => {
      const info = book.get(side);
      if (!info || info.entityId === null || !flagged.has(info.licenceStatus ?? "unknown")) return;
      const corridor = `${book.country(t.from)}→${book.country(t.to)}`;
      const key = `entity:${info.entityId}`;
      if (env.quiet(key, t.time, p.windowSeconds)) return;
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
          corridor,
          window: duration(p.windowSeconds),
        },
        suppress: { key, windowSeconds: p.windowSeconds },
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
