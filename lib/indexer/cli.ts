import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { loadEnv } from "@/lib/env-core";
import { createLogger } from "@/lib/logger";
import { resolveIndexerConfig } from "./config";
import { FatalIndexerError } from "./errors";
import { createIndexer, firstLine } from "./indexer";
import { runMarketFollower } from "./market/run";

// npm run indexer -- --rpc URL --chain-id N --address 0x… --from-block N [--to-block N | --follow] [--no-market]
async function main(): Promise<number> {
  const env = loadEnv();
  const log = createLogger("indexer", env.LOG_LEVEL);
  const config = resolveIndexerConfig(process.argv.slice(2), env);
  const controller = new AbortController();
  let stopReason: Error | null = null;
  const stop = (sig: string) => {
    log.info({ signal: sig }, "shutting down after the current write");
    stopReason = new Error(`received ${sig}`);
    controller.abort(stopReason);
  };
  // A signal can land while a request or a sleep is in flight, which then rejects with the abort
  // reason instead of returning: that is the stop we asked for (writes are transactions, so none
  // is half done), not a failure. Seen once in CI (market.int.test.ts, exit 1 on SIGTERM).
  const stoppedBySignal = (err: unknown) =>
    stopReason !== null &&
    (err === stopReason || (err instanceof Error && (err.name === "AbortError" || err.cause === stopReason)));
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));

  const child = log.child({ chainId: config.chainId });
  const indexer = createIndexer({ config, log: child, signal: controller.signal });
  // Bad input (unreachable RPC, wrong chain, not a token) must fail before the database is touched.
  await indexer.preflight();
  const handle = await openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    applicationName: "usd1-indexer",
  });
  try {
    await migrateDb(handle);
    const market = () =>
      runMarketFollower(handle.db, {
        rpcUrls: config.rpcUrls,
        chainId: config.chainId,
        follow: config.follow,
        toBlock: config.toBlock,
        pollIntervalMs: config.pollIntervalMs,
        verifyDepth: config.verifyDepth,
        initialSpan: config.initialSpan,
        maxSpan: config.maxSpan,
        log: child,
        signal: controller.signal,
      });
    let summary;
    try {
      if (!config.market) summary = await indexer.run(handle);
      else if (config.follow) {
        // Side by side until a signal; either failing stops the other.
        const stopOnError = (err: unknown) => {
          controller.abort(err);
          throw err;
        };
        [summary] = await Promise.all([indexer.run(handle).catch(stopOnError), market().catch(stopOnError)]);
      } else {
        // One pass: the token first, so R13 compares the reports with the supply up to the same block.
        summary = await indexer.run(handle);
        await market();
      }
    } catch (err) {
      if (!stoppedBySignal(err)) throw err;
      child.info({ reason: firstLine(err) }, "indexer stopped");
      return 0;
    }
    child.info(
      {
        indexedBlock: summary.indexedBlock.toString(),
        reconciled: summary.reconciled,
        matches: summary.matches,
      },
      "indexer stopped",
    );
    return summary.matches === false ? 3 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const msg = err instanceof FatalIndexerError ? err.message : `indexer failed: ${firstLine(err)}`;
    process.stderr.write(`error: ${msg}\n`);
    if (!(err instanceof FatalIndexerError)) console.error(err);
    process.exit(err instanceof FatalIndexerError ? 2 : 1);
  },
);
