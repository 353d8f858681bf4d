// npm run monitor -- --rebuild [--rule R2 ...] [--chain N] [--dry-run]   re-evaluate history, report changes
// npm run monitor -- --once                                               catch every chain's monitor up
// npm run monitor -- --follow [--interval-ms 2000]                        keep catching up (a worker)
// npm run monitor -- --import-watchlist FILE [--list-name NAME]          import a list (CSV or OFAC sdn.xml)
// npm run monitor -- --report [--days 30 --scale 0.5 --seed S]            demo seed → planted vs benign alerts
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { detectBulkMode } from "@/db/queries/indexer-batch";
import { listMonitoredChains } from "@/db/queries/monitoring";
import { importWatchlistFile } from "@/db/queries/watchlists";
import { loadEnv } from "@/lib/env-core";
import { createLogger, type Logger } from "@/lib/logger";
import { monitorCliSchema, reportFlagsSchema, type MonitorCliFlags } from "@/lib/validators/monitoring";
import { allPlantedFlagged, formatDemoReport, runDemoReport } from "./demo/report";
import { catchUpChain, type StreamMode } from "./evaluate";
import { evaluateMarketRules } from "./market/evaluate";
import { rebuildAlerts, type ChainRebuild } from "./rebuild";

const { values } = parseArgs({
  options: {
    rebuild: { type: "boolean" },
    once: { type: "boolean" },
    follow: { type: "boolean" },
    report: { type: "boolean" },
    rule: { type: "string", multiple: true },
    chain: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    "import-watchlist": { type: "string" },
    replace: { type: "boolean" },
    "list-name": { type: "string" },
    "interval-ms": { type: "string" },
    days: { type: "string" },
    scale: { type: "string" },
    seed: { type: "string" },
  },
});

async function main(): Promise<number> {
  const env = loadEnv();
  const log = createLogger("monitor", env.LOG_LEVEL);
  const flags = monitorCliSchema.parse({
    ...values,
    dryRun: values["dry-run"],
    importWatchlist: values["import-watchlist"],
    listName: values["list-name"],
    intervalMs: values["interval-ms"],
  });
  if (flags.report) return report(log);
  const handle = await openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    applicationName: "usd1-monitor",
  });
  try {
    await migrateDb(handle);
    const mode: StreamMode = (await detectBulkMode(handle.db, handle.driver)) === "copy" ? "copy" : "keyset";
    if (flags.importWatchlist) return await importList(handle, flags.importWatchlist, flags.listName);
    if (flags.rebuild) return await rebuild(handle, flags, mode);
    return await catchUp(handle, flags, mode, log);
  } finally {
    await handle.close();
  }
}

async function report(log: Logger): Promise<number> {
  const p = reportFlagsSchema.parse(values);
  const params = { ...p, endDate: "2026-06-30" };
  const r = await runDemoReport(params, log);
  console.log(formatDemoReport(r, params));
  return allPlantedFlagged(r) && r.rebuildDiff === 0 ? 0 : 1;
}

/** The same import as the Lists page (db/queries/watchlists.ts): each list in the file replaces its entries. */
async function importList(handle: DbHandle, file: string, name: string | undefined): Promise<number> {
  const r = await importWatchlistFile(handle.db, {
    bytes: fs.readFileSync(file),
    fileName: path.basename(file),
    format: "auto",
    name,
    actor: null,
  });
  if (r.status === "rejected") {
    console.error(`nothing imported: ${r.errorCount} error(s) in ${r.fileName}`);
    for (const e of r.errors) console.error(`  ${e.where}: ${e.message}`);
    return 1;
  }
  for (const l of r.lists) {
    console.log(
      `${l.name}: ${l.entries} entries (replacing ${l.replaced}${l.skipped ? `; ${l.skipped} non-EVM ids skipped` : ""})`,
    );
  }
  console.log(`${r.format}${r.version ? ` version ${r.version}` : ""}, sha256 ${r.sha256}`);
  console.log(
    "alerts already raised are unchanged: run `npm run monitor -- --rebuild --rule R1` to apply the lists to history",
  );
  return 0;
}

async function rebuild(handle: DbHandle, flags: MonitorCliFlags, mode: StreamMode): Promise<number> {
  const result = await rebuildAlerts(handle.db, {
    rules: flags.rule,
    chainIds: flags.chain,
    dryRun: flags.dryRun,
    mode,
  });
  for (const c of result) printRebuild(c, flags.dryRun);
  if (result.length === 0) console.log("no indexed chains");
  return 0;
}

function printRebuild(c: ChainRebuild, dryRun: boolean): void {
  const ms = c.evaluateMs + c.writeMs;
  const rate = ms > 0 ? Math.round((c.transfers * 1000) / ms) : c.transfers;
  console.log(
    `chain ${c.chainId}: ${dryRun ? "[dry run] " : ""}evaluated ${c.transfers} transfers and ${c.events} events up to block ${c.toBlock} in ${ms} ms (${rate} transfers/s)`,
  );
  for (const d of c.rules) {
    console.log(
      `  ${d.ruleId} v${d.version}: raised ${d.raised}; added ${d.added.length}, reinstated ${d.reinstated.length}, withdrawn ${d.withdrawn}, decided (left as is): ${d.decided}, unchanged ${d.kept}`,
    );
    for (const a of [...d.added, ...d.reinstated].slice(0, 5)) console.log(`    + ${a.explanation}`);
  }
}

async function catchUp(
  handle: DbHandle,
  flags: MonitorCliFlags,
  mode: StreamMode,
  log: Logger,
): Promise<number> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  process.once("SIGTERM", () => controller.abort());
  do {
    for (const chainId of flags.chain ?? (await listMonitoredChains(handle.db))) {
      const steps = await catchUpChain(handle.db, { chainId, mode });
      const last = steps[steps.length - 1];
      if (!last) continue;
      const raised = steps.reduce((n, s) => n + s.alerts.inserted + s.alerts.reinstated, 0);
      log.info(
        { chainId, monitoredBlock: last.toBlock.toString(), steps: steps.length, raised },
        "monitor caught up",
      );
    }
    // R13/R14 over the reserve reports and pool swaps (time series, all chains at once).
    const market = await evaluateMarketRules(handle.db);
    for (const r of market.rules) log.info({ ...r }, "market rules evaluated");
    if (flags.follow) await new Promise((r) => setTimeout(r, flags.intervalMs));
  } while (flags.follow && !controller.signal.aborted);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const msg =
      err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
    console.error(`error: ${msg}`);
    process.exit(1);
  },
);
