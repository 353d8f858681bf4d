// R2 structuring: several transfers from one sender in a window, each just under the reporting
// threshold T (in [lowerBand × T, T)), together reaching T.
import { z } from "zod";
import { exemption } from "../address-book";
import { bpsText, duration, ratio, usd } from "../explain";
import {
  bpsParam,
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
  /** T: the reporting threshold being avoided (USD 1,000 travel rule, or the CTR equivalent). */
  thresholdWei: weiParam,
  /** Lower edge of the band as a share of T, in basis points (8000 = 0.8 T). */
  lowerBandBps: bpsParam,
  minCount: countParam,
  windowSeconds: secondsParam,
  ...exemptionParams,
});

type Send = { time: number; t: MonitorTransfer };

export const r02Structuring = defineRule({
  id: "R2",
  title: "Structuring",
  logicVersion: 1,
  severity: "high",
  summary:
    "At least N transfers from one sender within the window, each in [band × T, T), together at least T. Senders attributed to a business (VASP, bank, issuer, bridge) are exempt by default.",
  schema,
  defaults: {
    thresholdWei: usdWei(1_000),
    lowerBandBps: 8_000,
    minCount: 3,
    windowSeconds: DAY,
    ...BUSINESS_EXEMPTIONS,
  },
  explanations: {
    structuring:
      "{sender} sent {count} transfers within {span}, each between {low} and just under {threshold} (the reporting threshold), {total} in all. Splitting a payment into amounts just below a threshold is a structuring red flag (rule: at least {minCount} such transfers within {window}).",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  replayFilter: () => ({ sendsOnly: true }),
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const bySender = new Map<string, TimeQueue<Send>>();
    const sweep = sweeper(bySender, p.windowSeconds, expiredBy);
    // a × 10,000 ≥ threshold × bps ⇔ a ≥ ⌈threshold × bps / 10,000⌉ (integers): one comparison per transfer.
    const low = (p.thresholdWei * BigInt(p.lowerBandBps) + 9_999n) / 10_000n;
    const inBand = (a: bigint) => a < p.thresholdWei && a >= low;
    return {
      onTransfer: (t) => {
        sweep(t.time);
        if (t.kind !== "transfer" || !inBand(t.amount)) return;
        // An exempt sender is watched too: what it would raise is counted, not alerted.
        const exempt = env.book.isExempt(t.from, ex);
        const q = windowOf(bySender, t.from, t.time, p.windowSeconds);
        q.push({ time: t.time, t });
        if (q.size < p.minCount || env.quiet(t.from, t.time, p.windowSeconds, exempt)) return;
        const sends = q.toArray();
        const total = sends.reduce((s, x) => s + x.t.amount, 0n);
        if (total < p.thresholdWei) return;
        if (exempt) return env.exempted(t, { key: t.from, windowSeconds: p.windowSeconds });
        const first = sends[0] as Send;
        env.raise({
          variant: "structuring",
          severity: "high",
          intensity: sends.length / p.minCount,
          subject: t.from,
          trigger: t,
          // The current transfer is the last one queued: it completes the pattern.
          evidence: [...sends.slice(0, -1).map((s) => refOf(s.t, "structured")), refOf(t, "trigger")],
          addresses: [t.from, ...sends.map((s) => s.t.to)],
          amount: total,
          facts: {
            sender: env.book.describe(t.from),
            count: String(sends.length),
            span: duration(t.time - first.time),
            low: usd(low),
            threshold: usd(p.thresholdWei),
            total: usd(total),
            minCount: String(p.minCount),
            window: duration(p.windowSeconds),
            band: bpsText(p.lowerBandBps),
            ratio: ratio(total, p.thresholdWei).toString(),
          },
          suppress: { key: t.from, windowSeconds: p.windowSeconds },
        });
      },
    };
  },
});
