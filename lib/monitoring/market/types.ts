// Time-series rules (R13 reserves, R14 peg) judge reserve reports and pool swaps, not transfers:
// lib/monitoring/market/evaluate.ts derives their alerts from the whole series on every run and
// writes the difference (new keys inserted, vanished undecided ones withdrawn), so a run is
// idempotent and a reorg that removes a report or swap withdraws what it raised.
import type { EvidenceRef, Severity } from "../types";

/** A reserve report or a swap: the log an alert points at. */
export type MarketLog = { block: number; txHash: string; logIndex: number; time: number };

export type MarketHit = {
  variant: string;
  severity: Severity;
  /** Observed ÷ threshold (≥ 1): drives the score within the severity's band. */
  intensity: number;
  chainId: number;
  /** The feed or pool address. */
  subject: string;
  trigger: MarketLog;
  evidence: EvidenceRef[];
  amount: bigint | null;
  facts: Record<string, string>;
};

export const MAX_MARKET_EVIDENCE = 250;

export function refOfLog(source: "reserve_report" | "pool_swap", log: MarketLog, role: string): EvidenceRef {
  return { source, block: log.block, txHash: log.txHash, logIndex: log.logIndex, role };
}
