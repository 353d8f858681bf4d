// Re-evaluates history after a parameter, list or registry change and reconciles the alerts
// table with the result: new hits are added, withdrawn ones raised again are reinstated, and
// live alerts the rules no longer raise are withdrawn (never deleted), with the reason.
//
// Decided cases are records, not results: an alert a user acted on (db/queries/monitoring-rebuild.ts)
// is never withdrawn or rewritten by a rebuild. If the rules no longer raise it, it stays as decided
// (state, reason, evidence) with a note in its history that the case page shows, and is counted.
import type { Db, Tx } from "@/db/client";
import type { RuleId } from "@/db/schema/monitoring";
import {
  listMonitoredChains,
  listRuleSettings,
  lockMonitorPosition,
  setMonitorCheckpoint,
} from "@/db/queries/monitoring";
import { writeAlerts } from "@/db/queries/monitoring-alerts";
import { foldAlerts } from "@/db/queries/monitoring-cases";
import {
  loadAlertIndex,
  noteRaisedAgain,
  retireStaleAlerts,
  type AlertIndexEntry,
} from "@/db/queries/monitoring-rebuild";
import { replaceSuppressedHits } from "@/db/queries/monitoring-exemptions";
import { loadAddressBook, loadWatchlist } from "@/db/queries/monitoring-input";
import { activeRules } from "./active-rules";
import { AddressBook, Watchlist } from "./address-book";
import type { ActiveRule } from "./engine";
import type { StreamMode } from "./evaluate";
import { evaluateHistory } from "./history";
import { notRaisedNote, raisedAgainNote } from "./rebuild-note";
import type { AlertRecord } from "./types";

export type RebuildParams = {
  /** Only these rules (default: every enabled rule, which also catches the monitor up). */
  rules?: RuleId[];
  chainIds?: number[];
  dryRun?: boolean;
  mode: StreamMode;
};

export type RuleDelta = {
  ruleId: RuleId;
  version: number;
  raised: number;
  added: AlertRecord[];
  reinstated: AlertRecord[];
  withdrawn: number;
  /** Alerts that took (or, in a dry run, would take) evidence of later hits (R1 episodes, R9 standing cases). */
  updated: number;
  /** Decided alerts the rules no longer raise: left as they are (a note in their history). */
  decided: number;
  kept: number;
};

export type ChainRebuild = {
  chainId: number;
  toBlock: bigint;
  transfers: number;
  events: number;
  evaluateMs: number;
  writeMs: number;
  rules: RuleDelta[];
};

export async function rebuildAlerts(db: Db, p: RebuildParams): Promise<ChainRebuild[]> {
  const chainIds = p.chainIds ?? (await listMonitoredChains(db));
  const out: ChainRebuild[] = [];
  for (const chainId of chainIds) {
    const r = await rebuildChain(db, chainId, p);
    if (r) out.push(r);
  }
  return out;
}

async function rebuildChain(db: Db, chainId: number, p: RebuildParams): Promise<ChainRebuild | null> {
  return db.transaction(async (tx) => {
    const pos = await lockMonitorPosition(tx, chainId);
    if (!pos) return null;
    const everything = p.rules === undefined;
    // A partial rebuild stays within what the monitor has evaluated; a full one catches it up.
    const toBlock = everything ? pos.indexedBlock : pos.monitoredBlock;
    const rules = activeRules(await listRuleSettings(tx), p.rules);
    const started = Date.now();
    const run = await evaluateHistory(tx, {
      chainId,
      afterBlock: pos.startBlock - 1n,
      toBlock,
      rules,
      book: new AddressBook(await loadAddressBook(tx, chainId)),
      watchlist: new Watchlist(await loadWatchlist(tx, chainId)),
      mode: p.mode,
    });
    const evaluateMs = Date.now() - started;
    const index = await loadAlertIndex(tx, { chainId, ruleIds: rules.map((r) => r.instance.id) });
    const diff = diffAlerts(run.alerts, index, rules);
    const writeStarted = Date.now();
    if (p.dryRun) await writeFolds(tx, diff, true);
    else {
      await applyDiff(tx, diff);
      await replaceSuppressedHits(tx, {
        chainId,
        ruleIds: rules.map((r) => r.instance.id),
        toBlock,
        counts: run.suppressed,
        copy: p.mode === "copy",
      });
      if (everything)
        await setMonitorCheckpoint(tx, {
          chainId,
          monitoredBlock: toBlock,
          stepMs: evaluateMs,
          items: run.transfers + run.events,
        });
    }
    return {
      chainId,
      toBlock,
      transfers: run.transfers,
      events: run.events,
      evaluateMs,
      writeMs: Date.now() - writeStarted,
      rules: [...diff.deltas.values()],
    };
  });
}

type Diff = ReturnType<typeof diffAlerts>;

/** Writes the diff; the deltas' withdrawn and decided counts become what was actually done. */
async function applyDiff(tx: Tx, diff: Diff): Promise<void> {
  const { produced, deltas, stale, keptDecided } = diff;
  await writeAlerts(tx, [...produced.values()], RAISED_AGAIN);
  await writeFolds(tx, diff, false);
  for (const [ruleId, ids] of stale) {
    const d = deltas.get(ruleId) as RuleDelta;
    const r = await retireStaleAlerts(tx, {
      ids,
      reason: `rebuild: not raised under ${ruleId} v${d.version}`,
      note: notRaisedNote(ruleId, d.version),
    });
    d.withdrawn = r.withdrawn;
    d.decided = r.decided;
  }
  for (const [ruleId, ids] of keptDecided) {
    const d = deltas.get(ruleId) as RuleDelta;
    await noteRaisedAgain(tx, { ids, note: raisedAgainNote(ruleId, d.version) });
  }
}

const RAISED_AGAIN = "rebuild: raised again under the current parameters";

/**
 * Folded hits, rule by rule: cases they open count as added, cases they bring back as
 * reinstated, alerts they extend as updated (a hit already in its alert changes nothing). A
 * standing case the rules no longer feed is not withdrawn by a rebuild: it stays as it is.
 */
async function writeFolds(tx: Tx, diff: Diff, dryRun: boolean): Promise<void> {
  const byRule = new Map<RuleId, AlertRecord[]>();
  for (const a of diff.folds) push(byRule, a.ruleId, a);
  for (const [ruleId, records] of byRule) {
    const f = await foldAlerts(tx, records, { reinstateReason: RAISED_AGAIN, dryRun });
    const d = diff.deltas.get(ruleId) as RuleDelta;
    d.added.push(...f.opened);
    d.reinstated.push(...f.reinstated);
    d.updated += f.updated;
    d.kept += f.kept;
  }
}

/**
 * Compares what the rules raise now with what the table holds, per rule. The deltas' withdrawn
 * and decided counts are what a dry run reports; applyDiff replaces them with what it did.
 */
function diffAlerts(
  raised: readonly AlertRecord[],
  index: Map<string, AlertIndexEntry>,
  rules: readonly ActiveRule[],
) {
  const produced = new Map<string, AlertRecord>();
  const keptDecided = new Map<RuleId, number[]>();
  const folds: AlertRecord[] = [];
  for (const a of raised) {
    if (a.fold !== null) folds.push(a);
    else if (!produced.has(a.key)) produced.set(a.key, a);
  }
  const deltas = new Map<RuleId, RuleDelta>(
    rules.map((r) => [
      r.instance.id,
      {
        ruleId: r.instance.id,
        version: r.version,
        raised: 0,
        added: [],
        reinstated: [],
        withdrawn: 0,
        updated: 0,
        decided: 0,
        kept: 0,
      },
    ]),
  );
  for (const a of produced.values()) {
    const d = deltas.get(a.ruleId) as RuleDelta;
    d.raised++;
    const existing = index.get(a.key);
    if (!existing) d.added.push(a);
    else if (existing.status === "withdrawn") d.reinstated.push(a);
    else {
      d.kept++;
      if (existing.decided) push(keptDecided, a.ruleId, existing.id);
    }
  }
  for (const a of folds) (deltas.get(a.ruleId) as RuleDelta).raised++;
  const stale = new Map<RuleId, number[]>();
  for (const [key, e] of index) {
    // Standing cases span chains and are fed by folds (writeFolds), not matched by key.
    if (e.status === "withdrawn" || produced.has(key) || key.includes("|standing|")) continue;
    const d = deltas.get(e.ruleId) as RuleDelta;
    if (e.decided) d.decided++;
    else d.withdrawn++;
    push(stale, e.ruleId, e.id);
  }
  return { produced, folds, deltas, stale, keptDecided };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
}
