// R11 unusual issuance: a mint or burn outside the issuer path, or a mint far above the recent
// pattern. Without a governor the issuer path is the account minted to or burned from (the treasury
// mints to and burns from its own balance); with a TokenGovernor as owner the token's Mint/Burn
// always name the governor, so the governor's NativeMint/NativeBurn caller (the minter, the burner)
// is judged. Bridge mints and burns are cross-chain moves, not issuance, and are ignored (same
// test as rollups' isBridgeSql).
import { z } from "zod";
import { duration, ratio, usd } from "../explain";
import { addressListParam, countParam, DAY, secondsParam } from "../params";
import { defineRule, type RuleEnv } from "../rule";
import { refOf, type MonitorEvent, type MonitorTransfer } from "../types";
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

type TxEvents = Pick<RuleEnv, "book" | "eventsInTx">;

/** The governor event of a mint/burn's transaction with its amount, of one of the given kinds. */
function governorEvent(
  t: MonitorTransfer,
  env: TxEvents,
  mint: string,
  burn: string,
): MonitorEvent | undefined {
  const kind = t.kind === "mint" ? mint : burn;
  return env.eventsInTx(t.txHash).find((e) => e.kind === kind && e.amount === t.amount);
}

/** The governor's NativeMint/NativeBurn of an issuer mint or redemption (its caller is the real actor). */
export function nativeEventOf(t: MonitorTransfer, env: TxEvents): MonitorEvent | undefined {
  return governorEvent(t, env, "native_mint", "native_burn");
}

/**
 * A mint/burn is a bridge move when the governor's BridgeMint/BridgeBurn of its amount is in the
 * transaction; issuance when its NativeMint/NativeBurn is. Without either (the owner is not a
 * governor): when the pool (a `bridge`-tagged caller) made it, or a pool burns.
 */
export function isBridgeMove(t: MonitorTransfer, env: TxEvents): boolean {
  if (governorEvent(t, env, "bridge_mint", "bridge_burn")) return true;
  if (nativeEventOf(t, env)) return false;
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
  logicVersion: 2,
  severity: "high",
  summary:
    "A mint or burn not made by the issuer path (treasury-tagged or configured issuer addresses; through a governor, its minter or burner), or a mint at or above a multiple of the median mint of the lookback period. Bridge mints and burns are ignored.",
  schema,
  defaults: { issuerAddresses: [], spikeMultiple: 10, lookbackSeconds: 30 * DAY, minPriorMints: 5 },
  explanations: {
    off_path:
      "{amount} was {action} {account}, which is not an issuer address: USD1 is issued to, and redeemed from, the issuer treasury. Issuance outside the configured path needs explaining.",
    off_path_caller:
      "{caller} {action} {amount} through the governor {governor} ({party}), but is not an issuer address: issuance and redemption go through the configured issuer path. Issuance outside it needs explaining.",
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

    /** Through a governor: its caller (the minter or burner) is off the issuer path. */
    const offPathCaller = (t: MonitorTransfer, native: MonitorEvent, caller: string) => {
      const party = native.subject;
      env.raise({
        variant: `off_path_caller:${t.kind}`,
        severity: "high",
        intensity: 1,
        subject: caller,
        trigger: t,
        evidence: [refOf(t, "trigger"), refOf(native, "governor_event")],
        addresses: [caller, native.emitter, ...(party ? [party] : [])],
        amount: t.amount,
        facts: {
          caller: env.book.describe(caller),
          action: t.kind === "mint" ? "minted" : "redeemed",
          amount: usd(t.amount),
          governor: env.book.describe(native.emitter),
          party: party
            ? `${t.kind === "mint" ? "to" : "from"} ${env.book.describe(party)}`
            : "no account named",
        },
      });
    };

    const spike = (t: MonitorTransfer, minter: string) => {
      const since = t.time - p.lookbackSeconds;
      for (let m = mints.shiftBefore(since); m; m = mints.shiftBefore(since)) recent.remove(m.amount);
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
        subject: minter,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [minter],
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
        const native = nativeEventOf(t, env);
        // Through a governor the token's account is the governor itself: judge the caller.
        if (native?.actor) {
          if (!isIssuer(native.actor)) offPathCaller(t, native, native.actor);
          if (t.kind === "mint") spike(t, native.actor);
          return;
        }
        const account = t.kind === "mint" ? t.to : t.from;
        if (!isIssuer(account)) offPath(t, account);
        if (t.kind === "mint") spike(t, t.to);
      },
    };
  },
});
