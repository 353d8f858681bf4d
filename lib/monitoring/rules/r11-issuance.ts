// R11 unusual issuance: a mint or burn outside the issuer path (the treasury mints to and burns
// from its own balance), or a mint far above the recent pattern. Bridge-pool mints and burns are
// cross-chain moves, not issuance, and are ignored (same test as rollups' isBridgeSql).
import { z } from "zod";
import { duration, ratio, usd } from "../explain";
import { addressListParam, countParam, DAY, secondsParam } from "../params";
import { defineRule, type RuleEnv } from "../rule";
import { refOf, type MonitorTransfer } from "../types";
import { SortedBigints, TimeQueue } from "../windows";

const schema = z.strictObject({
  /** Issuer addresses besides those tagged `treasury` in the registry. */
  issuerAddresses: addressListParam,
  /** A mint at or above this multiple of the median recent mint is a spike. */
  spikeMultiple: z.number().min(1).max(1_000_000),
  lookbackSeconds: secondsParam,
  /** Fewer recent mints than this is no pattern: no spike check. */
  minPriorMints: countParam,
});

/** A mint/burn is a bridge move when the pool (a `bridge`-tagged caller) made it, or a pool burns. */
export function isBridgeMove(t: MonitorTransfer, env: Pick<RuleEnv, "book" | "eventsInTx">): boolean {
  if (t.kind === "burn" && env.book.hasTag(t.from, "bridge")) return true;
  const eventKind = t.kind === "mint" ? "issuer_mint" : "issuer_burn";
  const account = t.kind === "mint" ? t.to : t.from;
  return env
    .eventsInTx(t.txHash)
    .some(
      (e) =>
        e.kind === eventKind &&
        e.subject === account &&
        e.amount === t.amount &&
        e.actor !== null &&
        env.book.hasTag(e.actor, "bridge"),
    );
}

export const r11Issuance = defineRule({
  id: "R11",
  title: "Unusual issuance",
  logicVersion: 1,
  severity: "high",
  summary:
    "A mint or burn not made by the issuer path (treasury-tagged or configured issuer addresses), or a mint at or above a multiple of the median mint of the lookback period. Bridge-pool mints and burns are ignored.",
  schema,
  defaults: { issuerAddresses: [], spikeMultiple: 10, lookbackSeconds: 30 * DAY, minPriorMints: 5 },
  explanations: {
    off_path:
      "{amount} was {action} {account}, which is not an issuer address: USD1 is issued to, and redeemed from, the issuer treasury. Issuance outside the configured path needs explaining.",
    spike:
      "The issuer minted {amount}, {multiple} times the median of the {count} mints in the previous {lookback} ({median}). A mint far above the recent pattern is unusual issuance (threshold: {threshold}× the median).",
  },
  replay: "mints",
  lookbackSeconds: (p) => p.lookbackSeconds,
  create: (p, env) => {
    const extra = new Set(p.issuerAddresses);
    const isIssuer = (a: string) => extra.has(a) || env.book.hasTag(a, "treasury");
    const mints = new TimeQueue<{ time: number; amount: bigint }>();
    const recent = new SortedBigints();
    const multiple100 = BigInt(Math.round(p.spikeMultiple * 100));

    const offPath = (t: MonitorTransfer, account: string) =>
      env.raise({
        variant: `off_path:${t.kind}`,
        severity: "high",
        intensity: 1,
        subject: account,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [account],
        amount: t.amount,
        facts: {
          amount: usd(t.amount),
          action: t.kind === "mint" ? "minted to" : "burned from",
          account: env.book.describe(account),
        },
      });

    const spike = (t: MonitorTransfer) => {
      mints.pruneBefore(t.time - p.lookbackSeconds, (m) => recent.remove(m.amount));
      const prior = recent.size;
      const med = recent.median() ?? 0n;
      mints.push({ time: t.time, amount: t.amount });
      recent.add(t.amount);
      if (prior < p.minPriorMints) return;
      if (t.amount * 100n < med * multiple100) return;
      env.raise({
        variant: "spike",
        severity: "high",
        intensity: ratio(t.amount * 100n, med * multiple100),
        subject: t.to,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.to],
        amount: t.amount,
        facts: {
          amount: usd(t.amount),
          multiple: med === 0n ? "∞" : ratio(t.amount, med).toFixed(1),
          count: String(prior),
          lookback: duration(p.lookbackSeconds),
          median: usd(med),
          threshold: String(p.spikeMultiple),
        },
      });
    };

    return {
      onTransfer: (t) => {
        if (t.kind === "transfer" || isBridgeMove(t, env)) return;
        const account = t.kind === "mint" ? t.to : t.from;
        if (!isIssuer(account)) offPath(t, account);
        if (t.kind === "mint") spike(t);
      },
    };
  },
});
