// The evaluation engine: feeds logs in chain order to every active rule and turns what they
// raise into alert records. Pure and synchronous: the same logs, settings, registry and seeds
// always give the same alerts, whether they arrive in one rebuild or in many incremental steps.
import type { RuleId } from "@/db/schema/monitoring";
import type { AddressBook, Watchlist } from "./address-book";
import { suppressedCounter, type SuppressedCount } from "./exemptions";
import { renderTemplate, scoreOf } from "./explain";
import {
  emptySeeds,
  templateFor,
  type EngineSeeds,
  type RuleEnv,
  type RuleInstance,
  type RuleRuntime,
} from "./rule";
import {
  ZERO_ADDRESS,
  type AlertDraft,
  type AlertFold,
  type AlertRecord,
  type EvidenceRef,
  type MonitorEvent,
  type MonitorItem,
} from "./types";

/** A rule with its parameters and the settings version they belong to. */
export type ActiveRule = { instance: RuleInstance; version: number };

/** The latest alert of an episode key, from earlier runs (alerts table). */
export type PriorEpisode = { ruleId: RuleId; key: string; time: number };

export type CreateEngineParams = {
  chainId: number;
  rules: readonly ActiveRule[];
  book: AddressBook;
  watchlist: Watchlist;
  /** Every token event the run may meet, so rules can look at a transfer's own transaction. */
  events: readonly MonitorEvent[];
  seeds?: EngineSeeds;
  episodes?: readonly PriorEpisode[];
  /** Episodes of suppressed hits (exemptions.ts), from earlier runs. */
  exemptEpisodes?: readonly PriorEpisode[];
};

export type Engine = {
  /** Replays history: state moves, nothing is raised. */
  prime: (item: MonitorItem) => void;
  /** Evaluates a new log. */
  process: (item: MonitorItem) => void;
  /** Evaluates new logs, in chain order: the same alerts as `process` on each in turn. */
  processBatch: (items: readonly MonitorItem[]) => void;
  readonly alerts: AlertRecord[];
  /** Hits the rules' business exemptions stopped, per rule, block and key (exemptions.ts). */
  readonly suppressed: SuppressedCount[];
};

/** Most evidence rows one alert keeps (triggers always kept): enough to make the case, bounded for busy wallets. */
export const MAX_EVIDENCE = 250;

export function alertKey(ruleId: RuleId, chainId: number, d: AlertDraft): string {
  return `${ruleId}|${chainId}|${d.variant}|${d.subject ?? "-"}|${d.trigger.txHash}|${d.trigger.logIndex}`;
}

export function createEngine(p: CreateEngineParams): Engine {
  const alerts: AlertRecord[] = [];
  // Episodes per rule: the latest alert (or, apart, suppressed hit) of each episode key. An exempt
  // wallet's suppressed hits keep episodes of their own: its count never quiets an alert.
  const episodesOf = new Map<RuleId, { alerts: Map<string, number>; exempt: Map<string, number> }>();
  const episodeMaps = (ruleId: RuleId) => {
    let m = episodesOf.get(ruleId);
    if (!m) {
      m = { alerts: new Map(), exempt: new Map() };
      episodesOf.set(ruleId, m);
    }
    return m;
  };
  const later = (map: Map<string, number>, key: string, time: number) => {
    if ((map.get(key) ?? -Infinity) < time) map.set(key, time);
  };
  for (const e of p.episodes ?? []) later(episodeMaps(e.ruleId).alerts, e.key, e.time);
  for (const e of p.exemptEpisodes ?? []) later(episodeMaps(e.ruleId).exempt, e.key, e.time);
  // Suppressed hits are counted as they come, per rule, block and key (a rebuild meets hundreds of
  // thousands on busy exempt wallets: no object per hit).
  const suppressed: SuppressedCount[] = [];
  const byTx = new Map<string, MonitorEvent[]>();
  for (const e of p.events) {
    const list = byTx.get(e.txHash);
    if (list) list.push(e);
    else byTx.set(e.txHash, [e]);
  }
  const none: readonly MonitorEvent[] = [];
  const seeds = p.seeds ?? emptySeeds();
  let live = false;

  const runtimes: {
    onTransfer: NonNullable<RuleRuntime["onTransfer"]>[];
    onEvent: NonNullable<RuleRuntime["onEvent"]>[];
    byRule: RuleRuntime[];
  } = { onTransfer: [], onEvent: [], byRule: [] };
  for (const rule of p.rules) {
    const ruleId = rule.instance.id;
    const episodes = episodeMaps(ruleId);
    const counter = suppressedCounter(ruleId, suppressed);
    const env: RuleEnv = {
      chainId: p.chainId,
      book: p.book,
      watchlist: p.watchlist,
      seeds,
      eventsInTx: (tx) => byTx.get(tx) ?? none,
      raise: (draft) => {
        if (live) raise(rule, episodes.alerts, draft);
      },
      quiet: (key, time, windowSeconds, exempt) =>
        !live || inEpisode(exempt ? episodes.exempt : episodes.alerts, key, time, windowSeconds),
      exempted: (trigger, suppress) => {
        if (!live) return;
        if (suppress) {
          if (inEpisode(episodes.exempt, suppress.key, trigger.time, suppress.windowSeconds)) return;
          episodes.exempt.set(suppress.key, trigger.time);
        }
        counter(trigger, suppress?.key ?? null);
      },
    };
    const rt = rule.instance.create(env);
    runtimes.byRule.push(rt);
    if (rt.onTransfer) runtimes.onTransfer.push(rt.onTransfer);
    if (rt.onEvent) runtimes.onEvent.push(rt.onEvent);
  }

  function inEpisode(
    episodes: Map<string, number>,
    key: string,
    time: number,
    windowSeconds: number,
  ): boolean {
    const last = episodes.get(key);
    return last !== undefined && time - last < windowSeconds;
  }

  function raise(rule: ActiveRule, episodes: Map<string, number>, d: AlertDraft): void {
    if (d.standing) {
      alerts.push(toRecord(rule, d, "standing"));
      return;
    }
    if (d.suppress) {
      const { key, windowSeconds, always, extend } = d.suppress;
      if (!always && inEpisode(episodes, key, d.trigger.time, windowSeconds)) {
        // Within the episode: the trigger joins the episode's alert as evidence.
        if (extend) alerts.push(toRecord(rule, d, "episode"));
        return;
      }
      episodes.set(key, d.trigger.time);
    }
    alerts.push(toRecord(rule, d, null));
  }

  function toRecord(rule: ActiveRule, d: AlertDraft, fold: AlertFold): AlertRecord {
    const { instance } = rule;
    const addresses = [...new Set(d.addresses)].filter((a) => a !== ZERO_ADDRESS);
    const entityIds = [
      ...new Set(addresses.map((a) => p.book.entityId(a)).filter((id): id is number => id !== null)),
    ];
    const t = d.trigger;
    const corridor = t.type === "transfer" && t.kind === "transfer";
    return {
      key: alertKey(instance.id, p.chainId, d),
      ruleId: instance.id,
      ruleVersion: rule.version,
      logicVersion: instance.logicVersion,
      params: instance.paramsJson,
      chainId: p.chainId,
      severity: d.severity,
      score: scoreOf(d.severity, d.intensity),
      subject: d.subject,
      block: t.block,
      time: t.time,
      txHash: t.txHash,
      logIndex: t.logIndex,
      amount: d.amount,
      addresses,
      entityIds,
      corridorOrigin: corridor ? p.book.country(t.from) : null,
      corridorDestination: corridor ? p.book.country(t.to) : null,
      explanation: renderTemplate(templateFor(instance.explanations, d.variant), d.facts),
      facts: d.facts,
      suppressKey: d.standing?.key ?? d.suppress?.key ?? null,
      // A folded hit brings only its trigger; the case it joins already holds the context.
      evidence: fold === null ? capEvidence(d) : d.evidence.filter((e) => e.role === "trigger"),
      fold,
      gathers: d.standing !== undefined || d.suppress?.extend === true,
    };
  }

  /** Over the cap: the trigger plus the earliest other evidence, and a fact saying so. */
  function capEvidence(d: AlertDraft): EvidenceRef[] {
    if (d.evidence.length <= MAX_EVIDENCE) return d.evidence;
    const triggers = d.evidence.filter((e) => e.role === "trigger");
    const rest = d.evidence.filter((e) => e.role !== "trigger").slice(0, MAX_EVIDENCE - triggers.length);
    d.facts.evidenceShown = `${rest.length + triggers.length} of ${d.evidence.length}`;
    return [...rest, ...triggers];
  }

  const feed = (item: MonitorItem) => {
    if (item.type === "transfer") for (const f of runtimes.onTransfer) f(item);
    else for (const f of runtimes.onEvent) f(item);
  };

  /**
   * Rule by rule over the whole batch: each rule's state stays in cache for its pass, and each
   * pass calls one rule (the per-item loop calls twelve in turn). Rules share no state, so this
   * is the per-item order's result; alerts are put back in that order (item, then rule).
   */
  const processBatch = (items: readonly MonitorItem[]) => {
    live = true;
    const first = alerts.length;
    const order: number[] = [];
    const n = runtimes.byRule.length;
    for (let r = 0; r < n; r++) {
      const { onTransfer, onEvent } = runtimes.byRule[r] as RuleRuntime;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as MonitorItem;
        const before = alerts.length;
        if (item.type === "transfer") onTransfer?.(item);
        else onEvent?.(item);
        for (let k = before; k < alerts.length; k++) order.push(i * n + r);
      }
    }
    if (alerts.length === first) return;
    const raised = alerts.splice(first).map((a, k) => ({ a, at: order[k] as number }));
    raised.sort((x, y) => x.at - y.at); // stable: one rule's alerts on one item keep their order
    for (const x of raised) alerts.push(x.a);
  };

  return {
    prime: (item) => {
      live = false;
      feed(item);
    },
    process: (item) => {
      live = true;
      feed(item);
    },
    processBatch,
    alerts,
    suppressed,
  };
}
