import type { z } from "zod";
import type { RuleParamsJson } from "@/db/schema/monitoring";
import type { AddressBook, Watchlist } from "./address-book";
import type {
  AlertDraft,
  EvidenceRef,
  MonitorEvent,
  MonitorItem,
  MonitorTransfer,
  RuleId,
  Severity,
} from "./types";

/**
 * A link from an address to a listed address: the latest transfer between them (exposure lapses
 * a set time after it), with that transfer's time (epoch s).
 */
export type HopLink = { listed: string; ref: EvidenceRef; time: number };

/**
 * State that reaches further back than any window, handed to an incremental run by queries
 * (a rebuild starts them empty and fills them from the stream).
 */
export type EngineSeeds = {
  /** Last time (epoch s) each address moved USD1 (R7). */
  lastSeen: Map<string, number>;
  /** Direct counterparties of listed addresses (R1 one hop). */
  hops: Map<string, HopLink>;
  /** Currently frozen accounts (R10). */
  frozen: Set<string>;
};

export function emptySeeds(): EngineSeeds {
  return { lastSeen: new Map(), hops: new Map(), frozen: new Set() };
}

/** What a running rule may use. `raise` does nothing while the engine is priming. */
export type RuleEnv = {
  chainId: number;
  book: AddressBook;
  watchlist: Watchlist;
  seeds: EngineSeeds;
  eventsInTx: (txHash: string) => readonly MonitorEvent[];
  raise: (draft: AlertDraft) => void;
  /**
   * True when an alert with this episode key would not be raised now (an episode is running, or
   * the engine is priming): lets a rule skip building a draft that would be dropped.
   */
  quiet: (episodeKey: string, time: number, windowSeconds: number, exempt?: boolean) => boolean;
  /**
   * The rule would raise an alert here but its business exemption stops it: counted as a
   * suppressed hit, never an alert (lib/monitoring/exemptions.ts). With `suppress`, one count per
   * episode of its own (`quiet(key, time, window, true)` asks about those episodes).
   */
  exempted: (trigger: MonitorItem, suppress?: { key: string; windowSeconds: number }) => void;
};

/**
 * One rule's state machine. Invariant that makes incremental runs equal a rebuild: state
 * depends only on the logs within the rule's lookback (plus the seeds), never on whether an
 * earlier alert was actually raised (episodes live in the engine's suppressor).
 */
export type RuleRuntime = {
  onTransfer?: (t: MonitorTransfer) => void;
  onEvent?: (e: MonitorEvent) => void;
};

export type ReplayKind = "wallets" | "mints" | "none";

/**
 * Which of its wallets' transfers a "wallets" rule reads (#16 item 7): `sendsOnly` when its state
 * is keyed by the sender alone, `multipleOf` when it looks only at amounts that are multiples of
 * it. An incremental step replays no more than the active rules need.
 */
export type ReplayFilter = { sendsOnly?: boolean; multipleOf?: bigint };

export type RuleSpec<S extends z.ZodType<object>> = {
  id: RuleId;
  title: string;
  /** Bump when the code's meaning changes (alerts record it beside the settings version). */
  logicVersion: number;
  severity: Severity;
  /** One line for the settings page: what is flagged, and who is exempt by default. */
  summary: string;
  schema: S;
  defaults: z.input<S>;
  /**
   * Earlier code defaults, oldest first. A stored setting still equal to one of them was never
   * chosen by an admin: listRuleSettings moves it to `defaults` (a new, audited version).
   */
  supersededDefaults?: z.input<S>[];
  /** Variant (or variant prefix before ':') → template with {placeholders}. */
  explanations: Record<string, string>;
  /**
   * History an incremental step must replay before its first new log: the transfers touching
   * the step's wallets, the chain's mints, or none (state comes from seeds or nothing).
   */
  replay: ReplayKind;
  /** How far back (seconds) that replay reaches. */
  lookbackSeconds: (p: z.output<S>) => number;
  /** Narrows the "wallets" replay (default: every transfer touching the wallets). */
  replayFilter?: (p: z.output<S>) => ReplayFilter;
  /** Longest episode (seconds) the rule suppresses repeats for; default = lookbackSeconds. */
  episodeSeconds?: (p: z.output<S>) => number;
  create: (p: z.output<S>, env: RuleEnv) => RuleRuntime;
};

/** A rule with its parameters checked: ready to run. */
export type RuleInstance = {
  id: RuleId;
  logicVersion: number;
  paramsJson: RuleParamsJson;
  replay: ReplayKind;
  lookbackSeconds: number;
  replayFilter: ReplayFilter;
  episodeSeconds: number;
  explanations: Record<string, string>;
  create: (env: RuleEnv) => RuleRuntime;
};

/** The type-erased rule the registry, settings and engine handle. */
export type RuleModule = {
  id: RuleId;
  title: string;
  logicVersion: number;
  severity: Severity;
  summary: string;
  explanations: Record<string, string>;
  defaults: RuleParamsJson;
  /** Earlier code defaults (RuleSpec.supersededDefaults). */
  supersededDefaults: RuleParamsJson[];
  paramsSchema: z.ZodType<object>;
  /** Validates stored or submitted parameters; throws a ZodError on bad input. */
  instantiate: (params: unknown) => RuleInstance;
};

export function defineRule<S extends z.ZodType<object>>(spec: RuleSpec<S>): RuleModule {
  const instantiate = (params: unknown): RuleInstance => {
    const parsed = spec.schema.parse(params);
    return {
      id: spec.id,
      logicVersion: spec.logicVersion,
      paramsJson: params as RuleParamsJson,
      replay: spec.replay,
      lookbackSeconds: spec.lookbackSeconds(parsed),
      replayFilter: spec.replayFilter?.(parsed) ?? {},
      episodeSeconds: (spec.episodeSeconds ?? spec.lookbackSeconds)(parsed),
      explanations: spec.explanations,
      create: (env) => spec.create(parsed, env),
    };
  };
  // The defaults must parse: a typo here would only show when the rule first runs.
  instantiate(spec.defaults);
  return {
    id: spec.id,
    title: spec.title,
    logicVersion: spec.logicVersion,
    severity: spec.severity,
    summary: spec.summary,
    explanations: spec.explanations,
    defaults: spec.defaults as RuleParamsJson,
    supersededDefaults: (spec.supersededDefaults ?? []) as RuleParamsJson[],
    paramsSchema: spec.schema,
    instantiate,
  };
}

/** Template for a variant: exact match first, then its prefix before ':'. */
export function templateFor(explanations: Record<string, string>, variant: string): string {
  const t = explanations[variant] ?? explanations[variant.split(":")[0] ?? ""];
  if (t === undefined) throw new Error(`no explanation template for variant "${variant}"`);
  return t;
}
