// Incremental evaluation: one step takes the blocks between the chain's monitor checkpoint and
// the indexer's tip (bounded by a transfer budget), replays the history the rules need from the
// database, evaluates the new logs, writes alerts and moves the checkpoint, all in one
// transaction. A crash or restart re-runs the step; alert keys make the rewrite a no-op.
import type { Db, Tx } from "@/db/client";
import { listRuleSettings, lockMonitorPosition, setMonitorCheckpoint } from "@/db/queries/monitoring";
import { writeAlerts, type WriteAlertsResult } from "@/db/queries/monitoring-alerts";
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
    let counts: { transfers: number; events: number };
    let records;
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
      counts = run;
      records = run.alerts;
    } else {
      to = await stepEnd(tx, {
        chainId: p.chainId,
        afterBlock: from,
        toBlock: pos.indexedBlock,
        budget: p.stepTransfers ?? STEP_TRANSFERS,
      });
      const run = await evaluateRange(tx, { chainId: p.chainId, from, to, rules, book, watchlist });
      counts = run;
      records = run.alerts;
    }
    const alerts = await writeAlerts(tx, records, "reinstated: its evidence is on the canonical chain again");
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

/** Steps until the indexer's tip is reached; returns the steps taken. */
export async function catchUpChain(db: Db, p: EvaluateChainParams): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  for (;;) {
    const step = await evaluateStep(db, p);
    if (!step) return steps;
    steps.push(step);
    if (step.caughtUp) return steps;
  }
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
  if (!first) return { transfers: 0, events: 0, alerts: [] };
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
  });
  for (const item of context.items) engine.prime(item);
  for (const item of fresh) engine.process(item);
  return { transfers: transfers.length, events: events.length, alerts: engine.alerts };
}

/** The history the rules replay: their wallets' recent transfers, recent mints, and the events beside them. */
async function loadContext(tx: Tx, p: RangeParams, t0: number, wallets: string[]) {
  const walletSeconds = replaySeconds(p.rules, "wallets");
  const mintSeconds = replaySeconds(p.rules, "mints");
  const base = { chainId: p.chainId, afterBlock: -1n, toBlock: p.from };
  const byWallet =
    walletSeconds > 0 && wallets.length > 0
      ? await loadTransfers(tx, { ...base, sinceTime: t0 - walletSeconds, addresses: wallets })
      : [];
  const mints =
    mintSeconds > 0 ? await loadTransfers(tx, { ...base, sinceTime: t0 - mintSeconds, kinds: ["mint"] }) : [];
  const seen = new Set<string>();
  const transfers: MonitorTransfer[] = [];
  for (const t of [...byWallet, ...mints]) {
    const k = `${t.block}:${t.logIndex}`;
    if (!seen.has(k)) {
      seen.add(k);
      transfers.push(t);
    }
  }
  const span = Math.max(walletSeconds, mintSeconds);
  const events = span > 0 ? await loadTokenEvents(tx, { ...base, sinceTime: t0 - span }) : [];
  return { items: [...transfers, ...events].sort(comparePosition), events };
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
