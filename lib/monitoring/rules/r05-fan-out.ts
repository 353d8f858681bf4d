// R5 fan-out: one sender pays at least 5 distinct entities, or entities in at least 3 countries,
// within 24 h. Only attributed recipients count (an unattributed wallet has no entity or country),
// and the sender's own entity is not a counterparty.
import { z } from "zod";
import { exemption } from "../address-book";
import { duration } from "../explain";
import { BUSINESS_EXEMPTIONS, countParam, DAY, exemptionParams, secondsParam } from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";
import { CountMap, expiredBy, sweeper, TimeQueue } from "../windows";

const schema = z.strictObject({
  minEntities: countParam,
  minCountries: countParam,
  windowSeconds: secondsParam,
  ...exemptionParams,
});

type Send = { time: number; t: MonitorTransfer; entityId: number; country: string };
type Sender = { sends: TimeQueue<Send>; entities: CountMap<number>; countries: CountMap<string> };

export const r05FanOut = defineRule({
  id: "R5",
  title: "Fan-out",
  logicVersion: 1,
  severity: "medium",
  summary:
    "One sender pays at least N distinct entities, or entities in at least M countries, within the window. Business senders are exempt by default (paying many counterparties is their job).",
  schema,
  defaults: {
    minEntities: 5,
    minCountries: 3,
    windowSeconds: DAY,
    ...BUSINESS_EXEMPTIONS,
  },
  explanations: {
    fan_out:
      "{sender} paid {entities} different entities in {countries} countries ({countryList}) within {span}. Spreading funds over at least {minEntities} entities or {minCountries} countries within {window} is a fan-out red flag.",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  replayFilter: () => ({ sendsOnly: true }),
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const senders = new Map<string, Sender>();
    const sweep = sweeper(senders, p.windowSeconds, (s, horizon) => expiredBy(s.sends, horizon));
    return {
      onTransfer: (t) => {
        sweep(t.time);
        if (t.kind !== "transfer") return;
        const to = env.book.get(t.to);
        if (!to || to.entityId === null || to.country === null) return;
        if (to.entityId === env.book.entityId(t.from)) return;
        const exempt = env.book.isExempt(t.from, ex);
        let s = senders.get(t.from);
        if (s === undefined) {
          s = {
            sends: new TimeQueue<Send>(),
            entities: new CountMap<number>(),
            countries: new CountMap<string>(),
          };
          senders.set(t.from, s);
        }
        const since = t.time - p.windowSeconds;
        for (let x = s.sends.shiftBefore(since); x; x = s.sends.shiftBefore(since)) {
          s.entities.remove(x.entityId);
          s.countries.remove(x.country);
        }
        s.sends.push({ time: t.time, t, entityId: to.entityId, country: to.country });
        s.entities.add(to.entityId);
        s.countries.add(to.country);
        if (s.entities.distinct < p.minEntities && s.countries.distinct < p.minCountries) return;
        if (env.quiet(t.from, t.time, p.windowSeconds, exempt)) return;
        if (exempt) return env.exempted(t, { key: t.from, windowSeconds: p.windowSeconds });
        const sends = s.sends.toArray();
        env.raise({
          variant: "fan_out",
          severity: "medium",
          intensity: Math.max(s.entities.distinct / p.minEntities, s.countries.distinct / p.minCountries),
          subject: t.from,
          trigger: t,
          evidence: [...sends.slice(0, -1).map((x) => refOf(x.t, "payment")), refOf(t, "trigger")],
          addresses: [t.from, ...sends.map((x) => x.t.to)],
          amount: null,
          facts: {
            sender: env.book.describe(t.from),
            entities: String(s.entities.distinct),
            countries: String(s.countries.distinct),
            countryList: s.countries.keys().sort().join(", "),
            span: duration(t.time - (sends[0]?.time ?? t.time)),
            minEntities: String(p.minEntities),
            minCountries: String(p.minCountries),
            window: duration(p.windowSeconds),
          },
          suppress: { key: t.from, windowSeconds: p.windowSeconds },
        });
      },
    };
  },
});
