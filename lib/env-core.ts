import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Environment of the Node processes (indexer, demo, scripts), validated once per process. */
export function loadEnv(source: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      DATABASE_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
        .optional(),
      /**
       * The owner role's URL, for `npm run db:migrate` only (db/roles.ts): migrations run as it and
       * it grants DATABASE_URL's user the app role's privileges. Unset = DATABASE_URL's user does both.
       */
      DATABASE_OWNER_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_OWNER_URL must be a postgres:// URL")
        .optional(),
      PGLITE_DIR: z.string().min(1).default(".data/pglite"),
      LOG_LEVEL: logLevel.default("info"),
      /** Indexer settings; CLI flags override them (lib/indexer/config.ts). */
      INDEXER_RPC_URLS: z.string().optional(),
      INDEXER_CHAIN_ID: z.string().optional(),
      INDEXER_ADDRESS: z.string().optional(),
      INDEXER_FROM_BLOCK: z.string().optional(),
      INDEXER_TO_BLOCK: z.string().optional(),
      INDEXER_CONFIRMATIONS: z.string().optional(),
      INDEXER_PRESET: z.string().optional(),
      INDEXER_GOVERNOR: z.string().optional(),
      INDEXER_LOG_CAP: z.string().optional(),
      INDEXER_VERIFY_DEPTH: z.string().optional(),
    },
    runtimeEnv: source,
    emptyStringAsUndefined: true,
  });
}
export type CoreEnv = ReturnType<typeof loadEnv>;
