// R7 new or dormant wallet, large first flow: a wallet never seen before, or idle for more than
// 180 days, whose first flow (in or out) is at least USD 5,000. "Seen" = any USD1 movement at or
// above the dust floor in the indexed history, mints and burns included. Logic version 2: a
// transfer below the floor (1 wei of poisoning dust, or one sent on purpose ahead of the real
// flow) neither counts as the wallet's first flow nor wakes a dormant one.
import { z } from "zod";
import { exemption } from "../address-book";
import { duration, isoTime, ratio, usd } from "../explain";
import {
  BUSINESS_EXEMPTIONS,
  DAY,
  DUST_FLOOR_WEI,
  exemptionParams,
  secondsParam,
  usdWei,
  weiParam,
} from "../params";
import { defineRule } from "../rule";
import { refOf, ZERO_ADDRESS, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  minAmountWei: weiParam,
  dormantSeconds: secondsParam,
  /** Transfers below this are dust: not a flow, not activity. */
  dustFloorWei: weiParam,
  ...exemptionParams,
});

const DEFAULTS_V1 = {
  minAmountWei: usdWei(5_000),
  dormantSeconds: 180 * DAY,
  ...BUSINESS_EXEMPTIONS,
} satisfies Omit<z.input<typeof schema>, "dustFloorWei">;

export const r07NewDormant = defineRule({
  id: "R7",
  title: "New or dormant wallet, large first flow",
  logicVersion: 2,
  severity: "medium",
  summary:
    "A wallet's first flow ever, or its first after being idle longer than the dormancy period, is at least the set amount; transfers below the dust floor are not flows. Attributed business wallets are exempt by default (a new hot wallet is not a red flag).",
  schema,
  defaults: {
    minAmountWei: usdWei(5_000),
    dormantSeconds: 180 * DAY,
    dustFloorWei: DUST_FLOOR_WEI,
    ...BUSINESS_EXEMPTIONS,
  },
  supersededDefaults: [DEFAULTS_V1 as z.input<typeof schema>],
  explanations: {
    new: "{wallet} appeared for the first time with a {direction} of {amount} ({counterpartyRole} {counterparty}), at or above {threshold}. A large first flow through a brand-new wallet is a red flag.",
    dormant:
      "{wallet} had been idle for {idle} (last activity {lastSeen}) and then made a {direction} of {amount} ({counterpartyRole} {counterparty}), at or above {threshold}. Dormant wallets that wake up with large flows are a red flag (idle threshold: {dormant}).",
  },
  replay: "none",
  // Dormancy comes from the lastSeen seed (non-dust movements only), not from replayed history.
  lookbackSeconds: () => 0,
  create: (p, env) => {
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const lastSeen = env.seeds.lastSeen;

    const check = (t: MonitorTransfer, wallet: string, inbound: boolean, prev: number | undefined) => {
      const dormant = prev !== undefined && t.time - prev > p.dormantSeconds;
      if (prev !== undefined && !dormant) return;
      if (env.book.isExempt(wallet, ex)) return env.exempted(t);
      const other = inbound ? t.from : t.to;
      env.raise({
        variant: `${dormant ? "dormant" : "new"}:${inbound ? "to" : "from"}`,
        severity: "medium",
        intensity: ratio(t.amount, p.minAmountWei),
        subject: wallet,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.from, t.to],
        amount: t.amount,
        facts: {
          wallet: env.book.describe(wallet),
          direction: inbound ? "receipt" : "payment",
          amount: usd(t.amount),
          counterpartyRole: inbound ? "from" : "to",
          counterparty: env.book.describe(other),
          threshold: usd(p.minAmountWei),
          idle: prev === undefined ? "" : duration(t.time - prev),
          lastSeen: prev === undefined ? "" : isoTime(prev),
          dormant: duration(p.dormantSeconds),
        },
      });
    };

    const touch = (a: string, prev: number | undefined, time: number) => {
      if (a === ZERO_ADDRESS) return;
      // max(): an incremental run seeds the latest time, then replays older context.
      if (prev === undefined || prev < time) lastSeen.set(a, time);
    };

    return {
      onTransfer: (t) => {
        if (t.amount < p.dustFloorWei) return;
        // One lookup per side: the checks see the times from before this transfer.
        const prevTo = lastSeen.get(t.to);
        const prevFrom = t.from === t.to ? prevTo : lastSeen.get(t.from);
        if (t.kind === "transfer" && t.from !== t.to && t.amount >= p.minAmountWei) {
          check(t, t.to, true, prevTo);
          check(t, t.from, false, prevFrom);
        }
        touch(t.from, prevFrom, t.time);
        if (t.to !== t.from) touch(t.to, prevTo, t.time);
      },
    };
  },
});
