// R4 fan-in: at least 10 distinct senders pay one wallet within 24 h, then it moves at least
// 80% of what it received out. Checked at each outbound: the inbounds of the past window and
// everything the wallet sent since the first of them.
import { z } from "zod";
import { exemption } from "../address-book";
import { bpsText, duration, percent, ratio, usd } from "../explain";
import { bpsParam, BUSINESS_EXEMPTIONS, countParam, DAY, exemptionParams, secondsParam } from "../params";
import { defineRule } from "../rule";
import { comparePosition, refOf, type MonitorTransfer } from "../types";
import { CountMap, expiredBy, sweeper, TimeQueue } from "../windows";

const schema = z.strictObject({
  minSenders: countParam,
  windowSeconds: secondsParam,
  /** Share of the fan-in total that must leave again, in basis points (8000 = 80%). */
  moveOutBps: bpsParam,
  ...exemptionParams,
});

type Inbound = { time: number; t: MonitorTransfer; base: bigint };

/**
 * Sender counts and the inbound total are kept only while the window holds at least minSenders
 * inbounds ("hot"): fewer inbounds cannot come from enough senders, and almost every wallet
 * stays cold, which keeps this rule cheap on a million transfers.
 */
type Hot = { senders: CountMap<string>; sumIn: bigint };
type Collector = {
  inbounds: TimeQueue<Inbound>;
  cumOut: bigint;
  outs: TimeQueue<MonitorTransfer> | undefined;
  hot: Hot | undefined;
  /** Business-exempt: a fan-in here is counted as suppressed, not alerted. */
  exempt: boolean;
};

export const r04FanIn = defineRule({
  id: "R4",
  title: "Fan-in",
  logicVersion: 1,
  severity: "high",
  summary:
    "At least N distinct senders pay one wallet within the window and it then moves at least the set share of the total out, all within the window. Business wallets are exempt by default.",
  schema,
  defaults: {
    minSenders: 10,
    windowSeconds: DAY,
    moveOutBps: 8_000,
    ...BUSINESS_EXEMPTIONS,
  },
  explanations: {
    fan_in:
      "{collector} received {inAmount} from {senders} different senders within {inSpan}, then sent {outAmount} ({share}) on to {destinations}. Collecting from at least {minSenders} senders within {window} and moving at least {moveOut} out is a fan-in (collection account) red flag.",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const collectors = new Map<string, Collector>();
    const sweep = sweeper(collectors, p.windowSeconds, (c, horizon) => expiredBy(c.inbounds, horizon));

    const prune = (c: Collector, now: number) => {
      const hot = c.hot;
      const since = now - p.windowSeconds;
      for (let x = c.inbounds.shiftBefore(since); x; x = c.inbounds.shiftBefore(since)) {
        if (!hot) continue;
        hot.senders.remove(x.t.from);
        hot.sumIn -= x.t.amount;
      }
      if (hot && c.inbounds.size < p.minSenders) c.hot = undefined;
      c.outs?.pruneBefore(now - p.windowSeconds);
    };

    const heat = (c: Collector): Hot => {
      const hot: Hot = { senders: new CountMap(), sumIn: 0n };
      for (const x of c.inbounds.toArray()) {
        hot.senders.add(x.t.from);
        hot.sumIn += x.t.amount;
      }
      return hot;
    };

    const inbound = (t: MonitorTransfer) => {
      let c = collectors.get(t.to);
      if (!c) {
        const exempt = env.book.isExempt(t.to, ex);
        c = { inbounds: new TimeQueue(), cumOut: 0n, outs: undefined, hot: undefined, exempt };
        collectors.set(t.to, c);
      }
      prune(c, t.time);
      c.inbounds.push({ time: t.time, t, base: c.cumOut });
      if (c.hot) {
        c.hot.senders.add(t.from);
        c.hot.sumIn += t.amount;
      } else if (c.inbounds.size >= p.minSenders) c.hot = heat(c);
    };

    const outbound = (t: MonitorTransfer) => {
      const c = collectors.get(t.from);
      if (!c) return;
      c.cumOut += t.amount;
      prune(c, t.time);
      const first = c.inbounds.first();
      // No inbound in the window: this outbound precedes any future fan-in, so it is never evidence.
      if (!first) return;
      (c.outs ??= new TimeQueue()).push(t);
      const hot = c.hot;
      if (!hot || hot.senders.distinct < p.minSenders || hot.sumIn === 0n) return;
      if (env.quiet(t.from, t.time, p.windowSeconds, c.exempt)) return;
      const moved = c.cumOut - first.base;
      if (moved * 10_000n < hot.sumIn * BigInt(p.moveOutBps)) return;
      if (c.exempt) return env.exempted(t, { key: t.from, windowSeconds: p.windowSeconds });
      const outs = c.outs.toArray().filter((o) => comparePosition(o, first.t) > 0);
      const inbounds = c.inbounds.toArray();
      env.raise({
        variant: "fan_in",
        severity: "high",
        intensity: hot.senders.distinct / p.minSenders,
        subject: t.from,
        trigger: t,
        evidence: [
          ...inbounds.map((x) => refOf(x.t, "inbound")),
          ...outs.slice(0, -1).map((o) => refOf(o, "outbound")),
          refOf(t, "trigger"),
        ],
        addresses: [t.from, ...hot.senders.keys(), ...outs.map((o) => o.to)],
        amount: hot.sumIn,
        facts: {
          collector: env.book.describe(t.from),
          inAmount: usd(hot.sumIn),
          senders: String(hot.senders.distinct),
          inSpan: duration((inbounds[inbounds.length - 1]?.time ?? first.time) - first.time),
          outAmount: usd(moved),
          share: percent(moved, hot.sumIn),
          destinations: [...new Set(outs.map((o) => env.book.describe(o.to)))].join(", "),
          minSenders: String(p.minSenders),
          window: duration(p.windowSeconds),
          moveOut: bpsText(p.moveOutBps),
          ratio: ratio(moved, hot.sumIn).toString(),
        },
        suppress: { key: t.from, windowSeconds: p.windowSeconds },
      });
    };

    return {
      onTransfer: (t) => {
        sweep(t.time);
        if (t.kind !== "transfer" || t.from === t.to) return;
        outbound(t);
        inbound(t);
      },
    };
  },
});
