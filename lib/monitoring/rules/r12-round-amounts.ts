// R12 repeated round amounts: at least 5 transfers of the identical round amount from one sender
// within 7 days.
import { z } from "zod";
import { exemption } from "../address-book";
import { duration, usd } from "../explain";
import {
  BUSINESS_EXEMPTIONS,
  countParam,
  DAY,
  exemptionParams,
  secondsParam,
  usdWei,
  weiParam,
} from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";
import { expiredBy, sweeper, windowOf, type TimeQueue } from "../windows";

const schema = z.strictObject({
  minCount: countParam,
  windowSeconds: secondsParam,
  /** Amounts must be a multiple of this to count as round (0 = any identical amount). */
  roundUnitWei: weiParam,
  ...exemptionParams,
});

type Send = { time: number; t: MonitorTransfer };

export const r12RoundAmounts = defineRule({
  id: "R12",
  title: "Repeated round amounts",
  logicVersion: 1,
  severity: "low",
  summary:
    "At least N transfers of the same round amount (a multiple of the round unit) from one sender within the window. Business senders are exempt by default.",
  schema,
  defaults: {
    minCount: 5,
    windowSeconds: 7 * DAY,
    roundUnitWei: usdWei(100),
    ...BUSINESS_EXEMPTIONS,
  },
  explanations: {
    round_amounts:
      "{sender} sent exactly {amount} {count} times within {span}. Repeating the same round amount (at least {minCount} times within {window}) is a red flag for scripted or structured payments.",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  // A sender's round amounts only: a week of a busy wallet's traffic is mostly neither.
  replayFilter: (p) => ({ sendsOnly: true, multipleOf: p.roundUnitWei > 0n ? p.roundUnitWei : undefined }),
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const bySender = new Map<string, Map<bigint, TimeQueue<Send>>>();
    const sweep = sweeper(bySender, p.windowSeconds, (amounts, horizon) => {
      for (const [amount, q] of amounts) if (expiredBy(q, horizon)) amounts.delete(amount);
      return amounts.size === 0;
    });
    return {
      onTransfer: (t) => {
        sweep(t.time);
        if (t.kind !== "transfer" || t.amount === 0n) return;
        if (p.roundUnitWei > 0n && t.amount % p.roundUnitWei !== 0n) return;
        const exempt = env.book.isExempt(t.from, ex);
        let amounts = bySender.get(t.from);
        if (amounts === undefined) {
          amounts = new Map<bigint, TimeQueue<Send>>();
          bySender.set(t.from, amounts);
        }
        const q = windowOf(amounts, t.amount, t.time, p.windowSeconds);
        q.push({ time: t.time, t });
        if (q.size < p.minCount) return;
        const key = `${t.from}:${t.amount}`;
        if (env.quiet(key, t.time, p.windowSeconds, exempt)) return;
        if (exempt) return env.exempted(t, { key, windowSeconds: p.windowSeconds });
        const sends = q.toArray();
        env.raise({
          variant: "round_amounts",
          severity: "low",
          intensity: sends.length / p.minCount,
          subject: t.from,
          trigger: t,
          evidence: [...sends.slice(0, -1).map((s) => refOf(s.t, "repeat")), refOf(t, "trigger")],
          addresses: [t.from, ...sends.map((s) => s.t.to)],
          amount: t.amount * BigInt(sends.length),
          facts: {
            sender: env.book.describe(t.from),
            amount: usd(t.amount),
            count: String(sends.length),
            span: duration(t.time - (sends[0]?.time ?? t.time)),
            minCount: String(p.minCount),
            window: duration(p.windowSeconds),
          },
          suppress: { key: `${t.from}:${t.amount}`, windowSeconds: p.windowSeconds },
        });
      },
    };
  },
});
