// Full evaluation of a block range from empty state: the chain's transfers streamed in order,
// its token events (few) merged in by position. Used by rebuilds and by a monitor's first step.
import type { Tx } from "@/db/client";
import { loadTokenEvents } from "@/db/queries/monitoring-input";
import { streamTransfers } from "@/db/queries/monitoring-stream";
import type { ActiveRule } from "./engine";
import type { AddressBook, Watchlist } from "./address-book";
import { createEngine } from "./engine";
import type { SuppressedCount } from "./exemptions";
import {
  comparePosition,
  type AlertRecord,
  type MonitorEvent,
  type MonitorItem,
  type MonitorTransfer,
} from "./types";

/** Logs per engine batch (engine.processBatch): a few MB, each rule's pass over it stays in cache. */
const BATCH = 4_096;

export type EvaluateHistoryParams = {
  chainId: number;
  /** Exclusive. */ afterBlock: bigint;
  /** Inclusive. */ toBlock: bigint;
  rules: readonly ActiveRule[];
  book: AddressBook;
  watchlist: Watchlist;
  mode: "copy" | "keyset";
};

export type HistoryRun = {
  transfers: number;
  events: number;
  alerts: AlertRecord[];
  /** Hits the business exemptions stopped (exemptions.ts). */
  suppressed: SuppressedCount[];
  readMs: number;
};

export async function evaluateHistory(tx: Tx, p: EvaluateHistoryParams): Promise<HistoryRun> {
  const events = await loadTokenEvents(tx, {
    chainId: p.chainId,
    afterBlock: p.afterBlock,
    toBlock: p.toBlock,
  });
  const engine = createEngine({
    chainId: p.chainId,
    rules: p.rules,
    book: p.book,
    watchlist: p.watchlist,
    events,
  });
  let next = 0;
  let batch: MonitorItem[] = [];
  const onTransfer = (t: MonitorTransfer) => {
    while (next < events.length && comparePosition(events[next] as MonitorEvent, t) < 0) {
      batch.push(events[next++] as MonitorEvent);
    }
    batch.push(t);
    if (batch.length >= BATCH) {
      engine.processBatch(batch);
      batch = [];
    }
  };
  const started = Date.now();
  const transfers = await streamTransfers(
    tx,
    { chainId: p.chainId, afterBlock: p.afterBlock, toBlock: p.toBlock, mode: p.mode },
    onTransfer,
  );
  while (next < events.length) batch.push(events[next++] as MonitorEvent);
  engine.processBatch(batch);
  return {
    transfers,
    events: events.length,
    alerts: engine.alerts,
    suppressed: engine.suppressed,
    readMs: Date.now() - started,
  };
}
