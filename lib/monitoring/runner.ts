// The indexer's hook: after each committed batch (or head advance) the indexer kicks the runner,
// which catches the chain's monitor up in the background, one step at a time. Kicks while a run
// is going coalesce into one more run. A failing step is logged and retried on the next kick:
// monitoring never stops indexing, and its checkpoint makes the retry pick up where it stopped.
import type { Db } from "@/db/client";
import type { Logger } from "@/lib/logger";
import { catchUpChain, type StreamMode } from "./evaluate";

export type MonitorRunner = {
  kick: (db: Db, mode: StreamMode) => void;
  /** Resolves once no run is pending (the indexer awaits it before returning or exiting). */
  drain: () => Promise<void>;
};

export function createMonitorRunner(p: { chainId: number; log: Logger }): MonitorRunner {
  let running: Promise<void> | undefined;
  let pending: { db: Db; mode: StreamMode } | undefined;

  async function pump(): Promise<void> {
    try {
      while (pending) {
        const { db, mode } = pending;
        pending = undefined;
        try {
          const steps = await catchUpChain(db, { chainId: p.chainId, mode });
          const raised = steps.reduce((n, s) => n + s.alerts.inserted + s.alerts.reinstated, 0);
          const last = steps[steps.length - 1];
          if (last && raised > 0) {
            p.log.info(
              { monitoredBlock: last.toBlock.toString(), alerts: raised },
              "monitoring raised alerts",
            );
          }
        } catch (err) {
          p.log.error(
            { err: err instanceof Error ? err.message : String(err) },
            "monitoring step failed; will retry",
          );
        }
      }
    } finally {
      running = undefined;
    }
  }

  return {
    kick: (db, mode) => {
      pending = { db, mode };
      running ??= pump();
    },
    drain: async () => {
      while (running) await running;
    },
  };
}
