// Sorts the demo's alerts against what the simulator planted: which rule caught each planted
// pattern, and how many alerts each rule raised on benign traffic (no planted transfer in its
// evidence). Admin events (R10) are supervisory facts, counted apart. R13 and R14 (time series)
// are matched against the demo market's planted episodes instead: same chain, rule and feed or
// pool (both chains' pools share one address), trigger time inside the episode; any other alert
// of theirs fell on a normal day and counts as benign.
import { RULE_IDS, type RuleId } from "@/db/schema/monitoring";
import type { Plan, PlantedRule } from "@/lib/demo/simulator";
import type { MonitorTransfer } from "../types";
import type { PlantedActions } from "./planted-actions";
import type { MarketRuleId, PlantedMarketEpisode } from "./planted-market";

/** `time`: the trigger block's time (epoch s). */
export type ChainAlert = {
  id: number;
  key: string;
  ruleId: RuleId;
  status: string;
  time: number;
  evidenceTx: string[];
};

export type ChainInput = {
  chainId: number;
  plan: Plan;
  patterns: PlantedActions[];
  transfers: MonitorTransfer[];
  alerts: ChainAlert[];
};

export type PlantedOutcome = {
  chainId: number;
  rule: PlantedRule;
  description: string;
  txHashes: string[];
  /** Rules with a live alert citing one of the pattern's transfers. */
  flaggedBy: RuleId[];
};

export type RuleCount = { ruleId: RuleId; total: number; onPlanted: number; benign: number; admin: number };

export type MarketOutcome = {
  chainId: number;
  ruleId: MarketRuleId;
  description: string;
  expected: string[];
  /** Variants of the live alerts the episode caused (by name), with their alert ids. */
  caughtBy: { variant: string; alertIds: number[] }[];
};

export type DemoClassification = { planted: PlantedOutcome[]; market: MarketOutcome[]; rules: RuleCount[] };

/** The alert key's variant and subject (`rule|chain|variant|subject|…`). */
function keyParts(key: string): { variant: string; subject: string } {
  const [, , variant = "", subject = ""] = key.split("|");
  return { variant, subject };
}

function inEpisode(a: ChainAlert, chainId: number, e: PlantedMarketEpisode): boolean {
  return (
    e.chainId === chainId &&
    e.ruleId === a.ruleId &&
    keyParts(a.key).subject === e.subject.toLowerCase() &&
    a.time >= e.from &&
    a.time <= e.to
  );
}

const keyOf = (from: string, to: string, amount: bigint) => `${from}|${to}|${amount}`;

/** Planned transfers → indexed tx hashes, matched on sender, recipient and exact amount. */
function matcher(transfers: readonly MonitorTransfer[]) {
  const byKey = new Map<string, string[]>();
  for (const t of transfers) {
    if (t.kind !== "transfer") continue;
    const k = keyOf(t.from, t.to, t.amount);
    const list = byKey.get(k);
    if (list) list.push(t.txHash);
    else byKey.set(k, [t.txHash]);
  }
  return (from: string, to: string, amount: bigint) =>
    byKey.get(keyOf(from.toLowerCase(), to.toLowerCase(), amount)) ?? [];
}

export function classifyDemoAlerts(
  chains: readonly ChainInput[],
  marketEpisodes: readonly PlantedMarketEpisode[] = [],
): DemoClassification {
  const planted: PlantedOutcome[] = [];
  const market: MarketOutcome[] = marketEpisodes.map((e) => ({
    chainId: e.chainId,
    ruleId: e.ruleId,
    description: e.description,
    expected: e.expected,
    caughtBy: [],
  }));
  const counts = new Map<RuleId, RuleCount>(
    RULE_IDS.map((id) => [id, { ruleId: id, total: 0, onPlanted: 0, benign: 0, admin: 0 }]),
  );
  for (const c of chains) {
    const find = matcher(c.transfers);

    const plantedTx = new Set(
      c.plan.actions.flatMap((a) =>
        a.kind === "transfer" && a.purpose === "planted" ? find(a.from, a.to, a.amount) : [],
      ),
    );
    const live = c.alerts.filter((a) => a.status !== "withdrawn");
    for (const p of c.patterns) {
      const txHashes = p.actions.flatMap((a) => find(a.from, a.to, a.amount));
      const hits = live.filter((a) => a.evidenceTx.some((tx) => txHashes.includes(tx)));
      planted.push({
        chainId: c.chainId,
        rule: p.rule,
        description: p.description,
        txHashes,
        flaggedBy: [...new Set(hits.map((a) => a.ruleId))].sort(byRuleOrder),
      });
    }
    for (const a of live) {
      const n = counts.get(a.ruleId) as RuleCount;
      n.total++;
      const episodes = marketEpisodes.flatMap((e, i) => (inEpisode(a, c.chainId, e) ? [i] : []));
      for (const i of episodes) {
        const caught = (market[i] as MarketOutcome).caughtBy;
        const variant = keyParts(a.key).variant;
        const v = caught.find((x) => x.variant === variant);
        if (v) v.alertIds.push(a.id);
        else caught.push({ variant, alertIds: [a.id] });
      }
      if (episodes.length > 0 || a.evidenceTx.some((tx) => plantedTx.has(tx))) n.onPlanted++;
      else if (a.key.split("|")[2]?.startsWith("event:")) n.admin++;
      else n.benign++;
    }
  }
  for (const m of market) m.caughtBy.sort((a, b) => a.variant.localeCompare(b.variant));
  return { planted, market, rules: [...counts.values()] };
}

/** True when the episode raised every variant it was planted to trip. */
export function marketCaught(m: MarketOutcome): boolean {
  return m.expected.every((v) => m.caughtBy.some((x) => x.variant === v));
}

function byRuleOrder(a: RuleId, b: RuleId): number {
  return RULE_IDS.indexOf(a) - RULE_IDS.indexOf(b);
}
