// R6 high value: a single transfer of at least USD 10,000, or at least USD 50,000 sent by one
// sender within 24 h. A single large transfer always alerts and starts no episode; the cumulative
// alert (two transfers at least) is raised once per episode of its own, a large transfer included
// in the total (logic version 2: a single alert no longer hides the sender's cumulative total, so
// 10,000 then 20 × 9,000 raises both). Businesses are exempt as senders by default: their
// settlement flows are volume analytics (corridors), not alerts; an admin can narrow the list.
import { z } from "zod";
import { exemption } from "../address-book";
import { duration, ratio, usd } from "../explain";
import {
  BUSINESS_EXEMPTIONS,
  DAY,
  exemptionParams,
  PLUMBING_TAGS,
  secondsParam,
  tagsParam,
  usdWei,
  weiParam,
} from "../params";
import { defineRule } from "../rule";
import { refOf, type MonitorTransfer } from "../types";
import { expiredBy, sweeper, TimeQueue } from "../windows";

const schema = z.strictObject({
  singleWei: weiParam,
  cumulativeWei: weiParam,
  windowSeconds: secondsParam,
  /** Senders of these kinds or tags are not watched. */
  ...exemptionParams,
  /** Payments to addresses with these tags (issuance, redemption, bridging) are plumbing, not payments. */
  exemptCounterpartyTags: tagsParam,
  /** Moves between wallets of one entity are not payments. */
  skipIntraEntity: z.boolean(),
});

type Sender = { sends: TimeQueue<MonitorTransfer>; sum: bigint };

/**
 * Evidence for a cumulative hit: the trigger plus the window's largest transfers, just enough to
 * reach the threshold (a busy sender's whole day would bury the point in thousands of rows).
 */
function reachingThreshold(
  sends: readonly MonitorTransfer[],
  trigger: MonitorTransfer,
  threshold: bigint,
): MonitorTransfer[] {
  const picked = [trigger];
  let sum = trigger.amount;
  const rest = sends.filter((t) => t !== trigger);
  rest.sort((a, b) =>
    a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : a.block - b.block || a.logIndex - b.logIndex,
  );
  for (const t of rest) {
    if (sum >= threshold) break;
    picked.push(t);
    sum += t.amount;
  }
  return picked.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

export const r06HighValue = defineRule({
  id: "R6",
  title: "High value",
  logicVersion: 2,
  severity: "medium",
  summary:
    "A single transfer at or above the single threshold, or a sender's total within the window at or above the cumulative threshold. Business senders, payments into issuance or bridge plumbing, and intra-entity moves are skipped by default.",
  schema,
  defaults: {
    singleWei: usdWei(10_000),
    cumulativeWei: usdWei(50_000),
    windowSeconds: DAY,
    ...BUSINESS_EXEMPTIONS,
    exemptCounterpartyTags: PLUMBING_TAGS,
    skipIntraEntity: true,
  },
  explanations: {
    single:
      "{sender} sent {amount} to {recipient} in one transfer, at or above the high-value threshold of {threshold}.",
    cumulative:
      "{sender} sent {total} in {count} transfers within {span}, at or above the cumulative threshold of {threshold} per {window}. The evidence lists the largest of them, enough to reach the threshold.",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  replayFilter: () => ({ sendsOnly: true }),
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const counterpartyEx = exemption([], p.exemptCounterpartyTags);
    const senders = new Map<string, Sender>();
    const sweep = sweeper(senders, p.windowSeconds, (s, horizon) => expiredBy(s.sends, horizon));
    return {
      onTransfer: (t) => {
        sweep(t.time);
        if (t.kind !== "transfer" || t.from === t.to) return;
        const { book } = env;
        // Plumbing counterparties and intra-entity moves are not payments; a business sender's
        // payments are (its exemption is counted as suppressed hits).
        if (book.isExempt(t.to, counterpartyEx)) return;
        const exempt = book.isExempt(t.from, ex);
        const fromEntity = book.entityId(t.from);
        if (p.skipIntraEntity && fromEntity !== null && fromEntity === book.entityId(t.to)) return;
        let s = senders.get(t.from);
        if (!s) {
          s = { sends: new TimeQueue<MonitorTransfer>(), sum: 0n };
          senders.set(t.from, s);
        }
        const sender = s;
        const since = t.time - p.windowSeconds;
        for (let x = sender.sends.shiftBefore(since); x; x = sender.sends.shiftBefore(since))
          sender.sum -= x.amount;
        sender.sends.push(t);
        s.sum += t.amount;
        if (t.amount >= p.singleWei && exempt) env.exempted(t);
        else if (t.amount >= p.singleWei) {
          env.raise({
            variant: "single",
            severity: "medium",
            intensity: ratio(t.amount, p.singleWei),
            subject: t.from,
            trigger: t,
            evidence: [refOf(t, "trigger")],
            addresses: [t.from, t.to],
            amount: t.amount,
            facts: {
              sender: book.describe(t.from),
              recipient: book.describe(t.to),
              amount: usd(t.amount),
              threshold: usd(p.singleWei),
            },
          });
        }
        // A total needs two transfers at least: one transfer alone is the single variant's case.
        if (s.sum < p.cumulativeWei || s.sends.size < 2 || env.quiet(t.from, t.time, p.windowSeconds, exempt))
          return;
        if (exempt) return env.exempted(t, { key: t.from, windowSeconds: p.windowSeconds });
        const sends = s.sends.toArray();
        const shown = reachingThreshold(sends, t, p.cumulativeWei);
        env.raise({
          variant: "cumulative",
          severity: "medium",
          intensity: ratio(s.sum, p.cumulativeWei),
          subject: t.from,
          trigger: t,
          evidence: shown.map((x) => refOf(x, x === t ? "trigger" : "payment")),
          addresses: [t.from, ...shown.map((x) => x.to)],
          amount: s.sum,
          facts: {
            sender: book.describe(t.from),
            total: usd(s.sum),
            count: String(sends.length),
            span: duration(t.time - (sends[0]?.time ?? t.time)),
            threshold: usd(p.cumulativeWei),
            window: duration(p.windowSeconds),
          },
          // The key is the sender alone, as before version 2: only cumulative alerts carry it now.
          suppress: { key: t.from, windowSeconds: p.windowSeconds },
        });
      },
    };
  },
});
