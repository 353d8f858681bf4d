// R3 rapid pass-through: at least 90% of an inbound amount sent on within 60 minutes. An inbound
// below the dust floor is not an inbound (logic version 2): poisoning dust of 1 wei would
// otherwise be "passed through" by the wallet's next payment. Outbounds count whatever their
// size, so splitting the onward payment into dust does not hide it.
//
// Per wallet we keep a running total of everything it has sent (cumOut). An inbound of amount a
// arriving when cumOut = c is "passed through" once cumOut ≥ c + ⌈0.9 a⌉; a min-heap on that
// target finds completed inbounds in O(log n), so busy unattributed wallets stay cheap.
import { z } from "zod";
import { exemption } from "../address-book";
import { bpsText, duration, percent, ratio, usd } from "../explain";
import {
  bpsParam,
  BUSINESS_EXEMPTIONS,
  DUST_FLOOR_WEI,
  exemptionParams,
  secondsParam,
  weiParam,
} from "../params";
import { defineRule } from "../rule";
import { comparePosition, refOf, type MonitorTransfer } from "../types";
import { MinHeap, sweeper, TimeQueue } from "../windows";

const schema = z.strictObject({
  /** Share of the inbound amount that must leave again, in basis points (9000 = 90%). */
  forwardBps: bpsParam,
  windowSeconds: secondsParam,
  /** Inbounds below this are ignored (0 = every inbound, as DOMAIN.md states the rule). */
  minInboundWei: weiParam,
  /** Inbounds below this are dust (address poisoning), not money received. */
  dustFloorWei: weiParam,
  ...exemptionParams,
});

const DEFAULTS_V1 = {
  forwardBps: 9_000,
  windowSeconds: 3_600,
  minInboundWei: "0",
  ...BUSINESS_EXEMPTIONS,
} satisfies Omit<z.input<typeof schema>, "dustFloorWei">;

// Entries keep the transfer itself; evidence refs are built only when an alert is raised.
/** `key`: the sender's running outflow at which this inbound counts as passed through. */
type Inbound = { time: number; t: MonitorTransfer; base: bigint; key: bigint };
type Wallet = {
  cumOut: bigint;
  pending: MinHeap<Inbound>;
  outs: TimeQueue<MonitorTransfer>;
  /** Business-exempt: its pass-throughs are counted as suppressed, not alerted. */
  exempt: boolean;
};

/** Expired inbounds are shed from a heap once it grows past this. */
const HEAP_SHED_AT = 256;

export const r03PassThrough = defineRule({
  id: "R3",
  title: "Rapid pass-through",
  logicVersion: 2,
  severity: "high",
  summary:
    "A wallet sends on at least the set share of an inbound amount within the window after receiving it; an inbound below the dust floor is not an inbound. Wallets attributed to a business are exempt by default (omnibus hot wallets forward all day).",
  schema,
  defaults: {
    forwardBps: 9_000,
    windowSeconds: 3_600,
    minInboundWei: "0",
    dustFloorWei: DUST_FLOOR_WEI,
    ...BUSINESS_EXEMPTIONS,
  },
  supersededDefaults: [DEFAULTS_V1 as z.input<typeof schema>],
  explanations: {
    pass_through:
      "{wallet} received {inAmount} from {source} and sent {outAmount} ({share}) on to {destinations} within {elapsed}. Moving at least {forward} of an inbound amount on within {window} is a rapid pass-through red flag (layering).",
  },
  replay: "wallets",
  lookbackSeconds: (p) => p.windowSeconds,
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const forwardBps = BigInt(p.forwardBps);
    const wallets = new Map<string, Wallet>();
    const sweep = sweeper(
      wallets,
      p.windowSeconds,
      (w, horizon) => !w.pending.some((x) => x.time >= horizon),
    );
    const wallet = (a: string): Wallet => {
      let w = wallets.get(a);
      if (!w) {
        w = {
          cumOut: 0n,
          pending: new MinHeap<Inbound>(),
          outs: new TimeQueue<MonitorTransfer>(),
          exempt: env.book.isExempt(a, ex),
        };
        wallets.set(a, w);
      }
      return w;
    };

    const inbound = (t: MonitorTransfer) => {
      if (t.amount === 0n || t.amount < p.minInboundWei || t.amount < p.dustFloorWei) return;
      const w = wallet(t.to);
      if (w.pending.size >= HEAP_SHED_AT) w.pending.filter((x) => t.time - x.time <= p.windowSeconds);
      const need = (t.amount * forwardBps + 9_999n) / 10_000n;
      w.pending.push({ time: t.time, t, base: w.cumOut, key: w.cumOut + need });
    };

    const outbound = (t: MonitorTransfer) => {
      const w = wallets.get(t.from);
      if (!w) return; // nothing received here while it was watched
      w.cumOut += t.amount;
      // With nothing pending, this outbound can be evidence for no inbound (later ones come after it).
      if (w.pending.size === 0) return;
      if (w.exempt) {
        // No evidence is kept for an exempt wallet: each completed inbound is one suppressed hit.
        for (let top = w.pending.peek(); top && top.key <= w.cumOut; top = w.pending.peek()) {
          w.pending.pop();
          if (t.time - top.time <= p.windowSeconds) env.exempted(t);
        }
        return;
      }
      w.outs.pruneBefore(t.time - p.windowSeconds);
      w.outs.push(t);
      for (let top = w.pending.peek(); top && top.key <= w.cumOut; top = w.pending.peek()) {
        w.pending.pop();
        if (t.time - top.time <= p.windowSeconds) raise(t, w, top);
      }
    };

    const raise = (t: MonitorTransfer, w: Wallet, inb: Inbound) => {
      const outs = w.outs.toArray().filter((o) => comparePosition(o, inb.t) > 0);
      const moved = w.cumOut - inb.base;
      const i = inb.t;
      env.raise({
        variant: `pass_through:${i.txHash}:${i.logIndex}`,
        severity: "high",
        intensity: ratio(moved * 10_000n, i.amount * forwardBps),
        subject: t.from,
        trigger: t,
        evidence: [
          refOf(i, "inbound"),
          ...outs.slice(0, -1).map((o) => refOf(o, "outbound")),
          refOf(t, "trigger"),
        ],
        addresses: [t.from, i.from, ...outs.map((o) => o.to)],
        amount: moved,
        facts: {
          wallet: env.book.describe(t.from),
          inAmount: usd(i.amount),
          source: env.book.describe(i.from),
          outAmount: usd(moved),
          share: percent(moved, i.amount),
          destinations: [...new Set(outs.map((o) => env.book.describe(o.to)))].join(", "),
          elapsed: duration(t.time - inb.time),
          forward: bpsText(p.forwardBps),
          window: duration(p.windowSeconds),
        },
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
