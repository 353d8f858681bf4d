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
  const stop = (sig: string) => {
    log.info({ signal: sig }, "shutting down after the current write");
    controller.abort(new Error(`received ${sig}`));
  };
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
