import type { EvidenceSource, RuleId, RuleParamsJson, Severity } from "@/db/schema/monitoring";
import type { TokenEventKind, TransferKind } from "@/db/schema/chain";

export type { RuleId, Severity };

export { zeroAddress as ZERO_ADDRESS } from "viem";

/** Position of a log on its chain: the engine's one ordering. */
export type LogPosition = { block: number; logIndex: number };

/** A transfer as the engine sees it: lower-case hex, integer wei, epoch seconds. */
export type MonitorTransfer = LogPosition & {
  type: "transfer";
  time: number;
  txHash: string;
  from: string;
  to: string;
  amount: bigint;
  kind: TransferKind;
};

export type MonitorEvent = LogPosition & {
  type: "event";
  time: number;
  txHash: string;
  /** The token, or a TokenGovernor owning it (governor kinds; governor-pairs.ts). */
  emitter: string;
  kind: TokenEventKind;
  actor: string | null;
  subject: string | null;
  counterparty: string | null;
  amount: bigint | null;
  /** Decoded arguments as strings (roleName, function, version, ...). */
  args: Readonly<Record<string, string>>;
};

export type MonitorItem = MonitorTransfer | MonitorEvent;

export type EvidenceRef = {
  source: EvidenceSource;
  block: number;
  txHash: string;
  logIndex: number;
  role: string;
};

/** What a rule reports; the engine adds key, version, parameters, score, entities and text. */
export type AlertDraft = {
  /** Tells apart several alerts one log can raise under one rule (e.g. "direct:to", "single"). */
  variant: string;
  severity: Severity;
  /** Observed ÷ threshold (≥ 1): how far past the line the hit is; drives the score. */
  intensity: number;
  subject: string | null;
  trigger: MonitorItem;
  evidence: EvidenceRef[];
  addresses: string[];
  amount: bigint | null;
  /** Values for the explanation template, already formatted for people. */
  facts: Record<string, string>;
  /**
   * Episode: no second alert of this rule and key within `windowSeconds` of the last one.
   * `always` raises regardless but still starts an episode (a large single transfer). `extend`:
   * a hit within the episode adds its trigger to the episode's alert (fold "episode") instead of
   * being dropped (R1 one hop).
   */
  suppress?: { key: string; windowSeconds: number; always?: boolean; extend?: boolean };
  /**
   * A standing case across chains (R9): every hit is folded into the rule's one case for `key`
   * (opened by the first hit, or again by the first hit after the case was closed); the writer
   * decides which (db/queries/monitoring-cases.ts), since it sees every chain's alerts.
   */
  standing?: { key: string };
};

/**
 * How a record is written. null: an alert of its own, keyed by its trigger. "episode": the
 * trigger joins the running episode's alert (same chain, rule and suppress key) as evidence.
 * "standing": the trigger joins the open standing case of the rule and suppress key, on any
 * chain, or opens one. Alerts that gather evidence keep running totals in their facts.
 */
export type AlertFold = "episode" | "standing" | null;

export type AlertRecord = {
  key: string;
  ruleId: RuleId;
  ruleVersion: number;
  logicVersion: number;
  params: RuleParamsJson;
  chainId: number;
  severity: Severity;
  score: number;
  subject: string | null;
  block: number;
  time: number;
  txHash: string;
  logIndex: number;
  amount: bigint | null;
  addresses: string[];
  entityIds: number[];
  corridorOrigin: string | null;
  corridorDestination: string | null;
  explanation: string;
  facts: Record<string, string>;
  suppressKey: string | null;
  evidence: EvidenceRef[];
  fold: AlertFold;
  /** The alert gathers later evidence: its facts carry running totals (case* facts). */
  gathers: boolean;
};

export function comparePosition(a: LogPosition, b: LogPosition): number {
  return a.block - b.block || a.logIndex - b.logIndex;
}

export function refOf(item: MonitorItem, role: string): EvidenceRef {
  return {
    source: item.type === "transfer" ? "transfer" : "token_event",
    block: item.block,
    txHash: item.txHash,
    logIndex: item.logIndex,
    role,
  };
}
