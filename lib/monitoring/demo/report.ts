// npm run monitor -- --report [--days 30 --scale 0.5 --seed monitor-report]
// Runs the demo seed through anvil → indexer (with its monitoring hook) → a throwaway local
// Postgres database, then prints which rule flagged each planted pattern, which R13/R14 alerts
// caught each planted market episode (depegs, liquidity drop, under-collateralised day, stale
// feed) and, per rule, how many alerts fell on benign traffic (for R13/R14: on normal days). Also
// checks that a full rebuild agrees with what the incremental hook raised.
import type { DbHandle } from "@/db/client";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { loadTransfers } from "@/db/queries/monitoring-input";
import { openTestDb } from "@/db/testing/test-db";
import type { Logger } from "@/lib/logger";
import { ruleById } from "../rules";
import { rebuildAlerts } from "../rebuild";
import { classifyDemoAlerts, marketCaught, type ChainInput, type DemoClassification } from "./classify";
import { indexDemoSeed, type DemoSeedParams } from "./index-seed";
import { plantedActions } from "./planted-actions";
import { plantedMarketEpisodes } from "./planted-market";

export type DemoReport = DemoClassification & {
  transfers: number;
  /** Alerts a full rebuild would add or withdraw (0 when incremental and rebuild agree). */
  rebuildDiff: number;
};

export async function runDemoReport(p: DemoSeedParams, log: Logger): Promise<DemoReport> {
  const db = await openTestDb("usd1_monitor_report");
  let stop = async () => {};
  try {
    const seeded = await indexDemoSeed(db.handle, p, log);
    stop = seeded.stop;
    const patterns = plantedActions(seeded.network, p);
    const chains: ChainInput[] = [];
    for (const { chainId, plan } of seeded.network.plans) {
      const { transfers, alerts } = await readChain(db.handle, chainId);
      chains.push({ chainId, plan, patterns: patterns.get(chainId) ?? [], transfers, alerts });
    }
    const rebuild = await rebuildAlerts(db.handle.db, { dryRun: true, mode: "copy" });
    const rebuildDiff = rebuild
      .flatMap((c) => c.rules)
      .reduce((n, d) => n + d.added.length + d.reinstated.length + d.withdrawn, 0);
    return {
      ...classifyDemoAlerts(chains, plantedMarketEpisodes(seeded.network)),
      transfers: chains.reduce((n, c) => n + c.transfers.length, 0),
      rebuildDiff,
    };
  } finally {
    await stop();
    await db.handle.close();
    await db.database.drop();
  }
}

async function readChain(handle: DbHandle, chainId: number) {
  return handle.db.transaction(async (tx) => ({
    transfers: await loadTransfers(tx, { chainId, afterBlock: -1n, toBlock: 10n ** 12n }),
    alerts: await listChainAlerts(tx, chainId),
  }));
}

export function formatDemoReport(r: DemoReport, p: DemoSeedParams): string {
  const lines = [
    `Demo seed "${p.seed}": ${p.days} days at scale ${p.scale}, ${r.transfers} transfers on ${new Set(r.planted.map((x) => x.chainId)).size} chains.`,
    "",
    "Planted patterns (simulator) → rules that flagged them:",
  ];
  for (const x of r.planted) {
    const verdict = x.flaggedBy.includes(x.rule) ? "OK " : "MISSED";
    const also = x.flaggedBy.filter((id) => id !== x.rule);
    lines.push(
      `  ${verdict} chain ${x.chainId} ${x.rule} ${x.description}` +
        ` → ${x.flaggedBy.includes(x.rule) ? x.rule : "not flagged by " + x.rule}${also.length ? ` (also ${also.join(", ")})` : ""}`,
    );
  }
  lines.push("", "Planted market episodes (demo market) → R13/R14 alerts that caught them:");
  for (const m of r.market) {
    const caught = m.caughtBy.map(
      (x) => `${m.ruleId} ${x.variant}${x.alertIds.length > 1 ? ` ×${x.alertIds.length}` : ""}`,
    );
    const missing = m.expected.filter((v) => !m.caughtBy.some((x) => x.variant === v));
    lines.push(
      `  ${marketCaught(m) ? "OK " : "MISSED"} chain ${m.chainId} ${m.ruleId} ${m.description}` +
        ` → ${caught.length ? caught.join(", ") : "no alert"}${missing.length ? ` (missing ${missing.join(", ")})` : ""}`,
    );
  }
  lines.push(
    "",
    "Alerts per rule (live):  total | on planted traffic | on benign traffic | admin events",
    "  (R13/R14: on a planted market episode | on normal days)",
  );
  for (const c of r.rules) {
    const title = `${c.ruleId} ${ruleById(c.ruleId).title}`.padEnd(48);
    lines.push(
      `  ${title} ${String(c.total).padStart(5)} | ${String(c.onPlanted).padStart(5)} | ${String(c.benign).padStart(5)} | ${String(c.admin).padStart(5)}`,
    );
  }
  const benign = r.rules.reduce((n, c) => n + c.benign, 0);
  lines.push("", `False positives on benign traffic: ${benign} in all.`);
  lines.push(
    `Rebuild check: a full rebuild would change ${r.rebuildDiff} alerts (0 = incremental and rebuild agree).`,
  );
  return lines.join("\n");
}

/** True when every planted pattern was flagged by the rule it was planted for, and every market episode caught. */
export function allPlantedFlagged(r: DemoReport): boolean {
  return (
    r.planted.length > 0 &&
    r.planted.every((x) => x.flaggedBy.includes(x.rule)) &&
    r.market.every(marketCaught)
  );
}
