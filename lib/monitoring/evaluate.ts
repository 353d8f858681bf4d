// Incremental evaluation: one step takes the blocks between the chain's monitor checkpoint and
// the indexer's tip (bounded by a transfer budget), replays the history the rules need from the
// database, evaluates the new logs, writes alerts and moves the checkpoint, all in one
// transaction. A crash or restart re-runs the step; alert keys make the rewrite a no-op.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { listRuleSettings, lockMonitorPosition, setMonitorCheckpoint } from "@/db/queries/monitoring";
import { writeAlerts, type WriteAlertsResult } from "@/db/queries/monitoring-alerts";
import { loadExemptEpisodes, writeSuppressedHits } from "@/db/queries/monitoring-exemptions";
import {
  loadAddressBook,
  loadEpisodes,
  loadFrozen,
  loadHopLinks,
  loadLastSeen,
  loadTokenEvents,
  loadTransfers,
  loadWatchlist,
} from "@/db/queries/monitoring-input";
import { stepEnd } from "@/db/queries/monitoring-stream";
import { activeRules, episodeSeconds, hasRule, replaySeconds } from "./active-rules";
import { AddressBook, listedAddresses, Watchlist } from "./address-book";
import { createEngine, type ActiveRule } from "./engine";
import type { SuppressedCount } from "./exemptions";
import { evaluateHistory } from "./history";
import { emptySeeds, type EngineSeeds } from "./rule";
import { comparePosition, ZERO_ADDRESS, type MonitorItem, type MonitorTransfer } from "./types";

/** Transfers per step: bounds memory and transaction length while the monitor catches up. */
export const STEP_TRANSFERS = 20_000;

export type StreamMode = "copy" | "keyset";

export type StepResult = {
  chainId: number;
  fromBlock: bigint;
  toBlock: bigint;
  transfers: number;
  events: number;
  /** Rows of history the step replayed before its first new log (transfers and events). */
  replayed: number;
  alerts: WriteAlertsResult;
  ms: number;
  /** True when the indexer's tip is reached. */
  caughtUp: boolean;
};

export type EvaluateChainParams = { chainId: number; mode?: StreamMode; stepTransfers?: number };

/** One step; null when there is nothing new (or the chain is not indexed yet). */
export async function evaluateStep(db: Db, p: EvaluateChainParams): Promise<StepResult | null> {
  const started = Date.now();
  return db.transaction(async (tx) => {
    const pos = await lockMonitorPosition(tx, p.chainId);
    if (!pos || pos.monitoredBlock >= pos.indexedBlock) return null;
    const from = pos.monitoredBlock;
    const rules = activeRules(await listRuleSettings(tx));
    const book = new AddressBook(await loadAddressBook(tx, p.chainId));
    const watchlist = new Watchlist(await loadWatchlist(tx, p.chainId));
    // Nothing evaluated yet: stream everything; there is no earlier history to seed from.
    const fresh = from < pos.startBlock;
    let to: bigint;
    let counts: { transfers: number; events: number; replayed: number };
    let records;
    let suppressed: SuppressedCount[];
    if (fresh) {
      to = pos.indexedBlock;
      const run = await evaluateHistory(tx, {
        chainId: p.chainId,
        afterBlock: from,
        toBlock: to,
        rules,
        book,
        watchlist,
        mode: p.mode ?? "keyset",
      });
      counts = { transfers: run.transfers, events: run.events, replayed: 0 };
      records = run.alerts;
      suppressed = run.suppressed;
    } else {
      to = await stepEnd(tx, {
        chainId: p.chainId,
        afterBlock: from,
        toBlock: pos.indexedBlock,
        budget: p.stepTransfers ?? STEP_TRANSFERS,
      });
      const run = await evaluateRange(tx, { chainId: p.chainId, from, to, rules, book, watchlist });
      counts = { transfers: run.transfers, events: run.events, replayed: run.replayed };
      records = run.alerts;
      suppressed = run.suppressed;
    }
    const alerts = await writeAlerts(tx, records, "reinstated: its evidence is on the canonical chain again");
    await writeSuppressedHits(tx, { chainId: p.chainId, counts: suppressed });
    const ms = Date.now() - started;
    await setMonitorCheckpoint(tx, {
      chainId: p.chainId,
      monitoredBlock: to,
      stepMs: ms,
      items: counts.transfers + counts.events,
    });
    return {
      chainId: p.chainId,
      fromBlock: from + 1n,
      toBlock: to,
      ...counts,
      alerts,
      ms,
      caughtUp: to >= pos.indexedBlock,
    };
  });
}

/** A catch-up over more transfers than this refreshes the alert tables' planner statistics. */
const ANALYZE_AFTER_TRANSFERS = 100_000;

/** Steps until the indexer's tip is reached; returns the steps taken. */
export async function catchUpChain(db: Db, p: EvaluateChainParams): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  for (;;) {
    const step = await evaluateStep(db, p);
    if (step) steps.push(step);
    if (!step || step.caughtUp) break;
  }
  // A first catch-up over a long history writes its alerts and evidence in one go (10M seed: a
  // million evidence rows), faster than autovacuum notices; until analyzed the planner took
  // alert_evidence for empty and every alert case page read it whole (bench:views alert case p50 824 ms at 10 connections; analyzed, 357 ms, #18).
  if (steps.reduce((n, s) => n + s.transfers, 0) > ANALYZE_AFTER_TRANSFERS)
    await db.execute(sql`analyze alerts, alert_evidence`);
  return steps;
}

type RangeParams = {
  chainId: number;
  from: bigint;
  to: bigint;
  rules: ActiveRule[];
  book: AddressBook;
  watchlist: Watchlist;
};

async function evaluateRange(tx: Tx, p: RangeParams) {
  const transfers = await loadTransfers(tx, { chainId: p.chainId, afterBlock: p.from, toBlock: p.to });
  const events = await loadTokenEvents(tx, { chainId: p.chainId, afterBlock: p.from, toBlock: p.to });
  const fresh: MonitorItem[] = [...transfers, ...events].sort(comparePosition);
  const first = fresh[0];
  if (!first) return { transfers: 0, events: 0, replayed: 0, alerts: [], suppressed: [] };
  const t0 = first.time; // block times never decrease along the chain
  const wallets = [...new Set(transfers.flatMap((t) => [t.from, t.to]))].filter((a) => a !== ZERO_ADDRESS);
  const context = await loadContext(tx, p, t0, wallets);
  const engine = createEngine({
    chainId: p.chainId,
    rules: p.rules,
    book: p.book,
    watchlist: p.watchlist,
    events: [...context.events, ...events],
    seeds: await loadSeeds(tx, p, wallets),
    episodes: await loadEpisodes(tx, {
      chainId: p.chainId,
      ruleIds: p.rules.map((r) => r.instance.id),
      sinceTime: t0 - episodeSeconds(p.rules),
    }),
    exemptEpisodes: await loadExemptEpisodes(tx, {
      chainId: p.chainId,
      ruleIds: p.rules.map((r) => r.instance.id),
      sinceTime: t0 - episodeSeconds(p.rules),
    }),
  });
  for (const item of context.items) engine.prime(item);
  for (const item of fresh) engine.process(item);
  return {
    transfers: transfers.length,
    events: events.length,
    replayed: context.items.length,
    alerts: engine.alerts,
    suppressed: engine.suppressed,
  };
}

/**
 * The history the rules replay: their wallets' recent transfers, recent mints, and the events
 * beside them. Each "wallets" rule gets what it reads over its own lookback (#16 item 7): every
 * transfer of the wallets over the longest lookback of the rules that read both sides, the
 * wallets' sends over the longest of the sender-keyed rules, and a filtered query (R12's round
 * amounts over a week) only where those do not already cover it. Rules ignore older logs they are
 * handed (their windows prune them), so the union is exact for each of them.
 */
async function loadContext(tx: Tx, p: RangeParams, t0: number, wallets: string[]) {
  const mintSeconds = replaySeconds(p.rules, "mints");
  const base = { chainId: p.chainId, afterBlock: -1n, toBlock: p.from };
  const byWallet: MonitorTransfer[][] = [];
  let span = mintSeconds;
  if (wallets.length > 0) {
    for (const q of replayQueries(p.rules)) {
      span = Math.max(span, q.seconds);
      byWallet.push(
        await loadTransfers(tx, {
          ...base,
          sinceTime: t0 - q.seconds,
          addresses: wallets,
          sendsOnly: q.sendsOnly,
          multipleOf: q.multipleOf,
        }),
      );
    }
  }
  const mints =
    mintSeconds > 0 ? await loadTransfers(tx, { ...base, sinceTime: t0 - mintSeconds, kinds: ["mint"] }) : [];
  const seen = new Set<string>();
  const transfers: MonitorTransfer[] = [];
  for (const t of [...byWallet.flat(), ...mints]) {
    const k = `${t.block}:${t.logIndex}`;
    if (!seen.has(k)) {
      seen.add(k);
      transfers.push(t);
    }
  }
  const events = span > 0 ? await loadTokenEvents(tx, { ...base, sinceTime: t0 - span }) : [];
  return { items: [...transfers, ...events].sort(comparePosition), events };
}

type ReplayQuery = { seconds: number; sendsOnly: boolean; multipleOf?: bigint };

/** The fewest wallet queries that give every "wallets" rule what it reads over its lookback. */
export function replayQueries(rules: readonly ActiveRule[]): ReplayQuery[] {
  const wanted = rules
    .filter((r) => r.instance.replay === "wallets" && r.instance.lookbackSeconds > 0)
    .map((r) => ({
      seconds: r.instance.lookbackSeconds,
      sendsOnly: r.instance.replayFilter.sendsOnly === true,
      multipleOf: r.instance.replayFilter.multipleOf,
    }));
  const longest = (xs: typeof wanted) => Math.max(0, ...xs.map((x) => x.seconds));
  const both = longest(wanted.filter((w) => !w.sendsOnly && w.multipleOf === undefined));
  const sends = longest(wanted.filter((w) => w.sendsOnly && w.multipleOf === undefined));
  const out: ReplayQuery[] = [];
  if (both > 0) out.push({ seconds: both, sendsOnly: false });
  if (sends > both) out.push({ seconds: sends, sendsOnly: true });
  for (const w of wanted) {
    if (w.multipleOf === undefined) continue;
    const covered = w.seconds <= both || (w.sendsOnly && w.seconds <= sends);
    const same = out.some(
      (q) => q.multipleOf === w.multipleOf && q.sendsOnly === w.sendsOnly && q.seconds >= w.seconds,
    );
    if (!covered && !same) out.push(w);
  }
  return out;
}

async function loadSeeds(tx: Tx, p: RangeParams, wallets: string[]): Promise<EngineSeeds> {
  const seeds = emptySeeds();
  const upTo = p.from;
  const r7 = hasRule(p.rules, "R7");
  if (r7) {
    // R7 ignores dust as activity; so must its seed, or a step would differ from a rebuild.
    const minAmount = BigInt(String(r7.instance.paramsJson.dustFloorWei ?? "0"));
    seeds.lastSeen = await loadLastSeen(tx, { chainId: p.chainId, upTo, addresses: wallets, minAmount });
  }
  const r1 = hasRule(p.rules, "R1");
  if (r1 && r1.instance.paramsJson.oneHop === true) {
    const lists = new Set(
      Array.isArray(r1.instance.paramsJson.lists) ? (r1.instance.paramsJson.lists as string[]) : [],
    );
    const listed = listedAddresses(p.book, p.watchlist, lists);
    seeds.hops = await loadHopLinks(tx, { chainId: p.chainId, upTo, listed });
  }
  if (hasRule(p.rules, "R10")) seeds.frozen = await loadFrozen(tx, { chainId: p.chainId, upTo });
  return seeds;
}
