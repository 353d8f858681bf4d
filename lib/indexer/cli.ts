import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { loadEnv } from "@/lib/env-core";
import { createLogger } from "@/lib/logger";
import { resolveIndexerConfig } from "./config";
import { FatalIndexerError } from "./errors";
import { createIndexer, firstLine } from "./indexer";

// npm run indexer -- --rpc URL --chain-id N --address 0x… --from-block N [--to-block N | --follow]
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
    const summary = await indexer.run(handle);
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
