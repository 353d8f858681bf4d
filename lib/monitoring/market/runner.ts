// The market follower's hook: after a follower step stores reports or swaps (or rolls some back),
// kick the runner; kicks during a run coalesce into one more run. A failing run is logged and
// retried on the next kick (it re-derives everything, so nothing is lost).
import type { Db } from "@/db/client";
import type { Logger } from "@/lib/logger";
import { evaluateMarketRules } from "./evaluate";

export type MarketMonitorRunner = { kick: (db: Db) => void; drain: () => Promise<void> };

export function createMarketMonitorRunner(p: { log: Logger }): MarketMonitorRunner {
  let running: Promise<void> | undefined;
  let pending: Db | undefined;
  async function pump(): Promise<void> {
    try {
      while (pending) {
        const db = pending;
        pending = undefined;
        try {
          const r = await evaluateMarketRules(db);
          const raised = r.rules.reduce((n, x) => n + x.inserted + x.reinstated, 0);
          const withdrawn = r.rules.reduce((n, x) => n + x.withdrawn, 0);
          if (raised + withdrawn > 0)
            p.log.info({ raised, withdrawn }, "market rules raised or withdrew alerts");
        } catch (err) {
          p.log.error(
            { err: err instanceof Error ? err.message : String(err) },
            "market rules failed; will retry",
          );
        }
      }
    } finally {
      running = undefined;
    }
  }
  return {
    kick: (db) => {
      pending = db;
      running ??= pump();
    },
    drain: async () => {
      while (running) await running;
    },
  };
}
