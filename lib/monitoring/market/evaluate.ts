// The market monitor: R13 and R14 over every reserve report and pool swap, in one transaction.
//
// Time-series rules need the series, not one log at a time, so a run derives the rules' alerts
// from the whole stored history (cheap: a few reports an hour, 288 buckets a day per pool) and
// writes the difference, like a rebuild: new keys are inserted, withdrawn ones that come back are
// reinstated, and undecided live alerts no longer derived (their report or swap was rolled back
// by a reorg, or the parameters changed) are withdrawn with the reason; a decided case keeps its
// state and gets a note. The alert key is the rule, chain, variant, subject (feed or pool) and the
// triggering log, so running twice changes nothing. Only complete 5-minute buckets and the chain's
// own clock (the latest block time stored) are used, so a run does not depend on when it runs.
import type { Db, Tx } from "@/db/client";
import type { RuleId } from "@/db/schema/monitoring";
import {
  loadNativeSupplyMoves,
  loadPoolsWithSwaps,
  loadReserveFeeds,
  lockMarketMonitor,
  marketAlertChains,
  marketClock,
  type SupplyMoves,
} from "@/db/queries/market-monitor";
import { listRuleSettings } from "@/db/queries/monitoring";
import { writeAlerts } from "@/db/queries/monitoring-alerts";
import { loadAlertIndex, retireStaleAlerts } from "@/db/queries/monitoring-rebuild";
import { renderTemplate, scoreOf } from "../explain";
import { notRaisedNote } from "../rebuild-note";
import { templateFor } from "../rule";
import { ruleById } from "../rules";
import type { R13Params } from "../rules/r13-reserves";
import type { R14Params } from "../rules/r14-peg";
import type { AlertRecord } from "../types";
import { evaluatePeg } from "./peg-eval";
import { evaluateReserves, type SupplyAt } from "./reserves-eval";
import type { MarketHit } from "./types";

export type MarketRuleResult = {
  ruleId: RuleId;
  version: number;
  derived: number;
  inserted: number;
  reinstated: number;
  withdrawn: number;
  /** Decided alerts no longer derived: kept as decided, with a note. */
  keptDecided: number;
};

export type MarketRunResult = { now: number | null; rules: MarketRuleResult[] };

const REINSTATE = "reinstated: the market data shows it again";

/** Native supply at an epoch second: indexed mints − burns up to it, plus entered figures as of its day. */
export function supplyAtFn(s: SupplyMoves): SupplyAt {
  const times = s.moves.map((m) => m.time);
  const cumulative: bigint[] = [];
  let acc = 0n;
  for (const m of s.moves) cumulative.push((acc += m.delta));
  return (time) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! <= time) lo = mid + 1;
      else hi = mid;
    }
    const indexed = lo === 0 ? 0n : cumulative[lo - 1]!;
    const day = new Date(time * 1000).toISOString().slice(0, 10);
    const latest = new Map<string, bigint>();
    for (const e of s.entered) if (e.asOf <= day) latest.set(e.chain, e.supplyWei);
    return [...latest.values()].reduce((a, b) => a + b, indexed);
  };
}

function toRecord(
  ruleId: RuleId,
  version: number,
  paramsJson: Record<string, unknown>,
  h: MarketHit,
): AlertRecord {
  const rule = ruleById(ruleId);
  return {
    key: `${ruleId}|${h.chainId}|${h.variant}|${h.subject}|${h.trigger.txHash}|${h.trigger.logIndex}`,
    ruleId,
    ruleVersion: version,
    logicVersion: rule.logicVersion,
    params: paramsJson,
    chainId: h.chainId,
    severity: h.severity,
    score: scoreOf(h.severity, h.intensity),
    subject: h.subject,
    block: h.trigger.block,
    time: h.trigger.time,
    txHash: h.trigger.txHash,
    logIndex: h.trigger.logIndex,
    amount: h.amount,
    addresses: [h.subject],
    entityIds: [],
    corridorOrigin: null,
    corridorDestination: null,
    explanation: renderTemplate(templateFor(rule.explanations, h.variant), h.facts),
    facts: h.facts,
    suppressKey: null,
    evidence: h.evidence,
    fold: null,
    gathers: false,
  };
}

async function derive(tx: Tx, ruleId: RuleId, params: unknown, now: number): Promise<MarketHit[]> {
  if (ruleId === "R13") {
    const p = params as R13Params;
    const supplyAt = supplyAtFn(await loadNativeSupplyMoves(tx));
    return (await loadReserveFeeds(tx)).flatMap((f) => evaluateReserves(p, f, supplyAt, now));
  }
  const p = params as R14Params;
  return (await loadPoolsWithSwaps(tx)).flatMap(({ pool, swaps }) =>
    evaluatePeg(
      p,
      {
        chainId: pool.chainId,
        address: pool.address,
        label: pool.label,
        quoteSymbol: pool.quoteSymbol,
        swaps,
      },
      now,
    ),
  );
}

/** One run of R13 and R14 (the enabled ones) over everything stored. `now` defaults to the chain clock. */
export async function evaluateMarketRules(db: Db, opts: { now?: number } = {}): Promise<MarketRunResult> {
  return db.transaction(async (tx) => {
    await lockMarketMonitor(tx);
    const now = opts.now ?? (await marketClock(tx));
    const settings = (await listRuleSettings(tx)).filter(
      (s) => s.enabled && (s.ruleId === "R13" || s.ruleId === "R14"),
    );
    const results: MarketRuleResult[] = [];
    if (now === null) return { now, rules: results };
    for (const s of settings) {
      const rule = ruleById(s.ruleId);
      const paramsJson = { ...rule.defaults, ...s.params };
      const params = rule.paramsSchema.parse(paramsJson);
      const records = (await derive(tx, s.ruleId, params, now)).map((h) =>
        toRecord(s.ruleId, s.version, paramsJson, h),
      );
      const written = await writeAlerts(tx, records, REINSTATE);
      const produced = new Set(records.map((r) => r.key));
      const chains = new Set([...records.map((r) => r.chainId), ...(await marketAlertChains(tx))]);
      const stale: number[] = [];
      for (const chainId of chains) {
        const index = await loadAlertIndex(tx, { chainId, ruleIds: [s.ruleId] });
        for (const [key, e] of index) if (e.status !== "withdrawn" && !produced.has(key)) stale.push(e.id);
      }
      const retired = await retireStaleAlerts(tx, {
        ids: stale,
        reason: `market: not raised by the stored reports and swaps under ${s.ruleId} v${s.version} (reorg or parameter change)`,
        note: notRaisedNote(s.ruleId, s.version),
      });
      results.push({
        ruleId: s.ruleId,
        version: s.version,
        derived: records.length,
        inserted: written.inserted,
        reinstated: written.reinstated,
        withdrawn: retired.withdrawn,
        keptDecided: retired.decided,
      });
    }
    return { now, rules: results };
  });
}
