import { loadEnv } from "@/lib/env-core";
import { openDb } from "./client";
import { migrateDb } from "./migrate";

// npm run db:migrate — applies committed migrations to DATABASE_URL, or to the embedded PGlite.
const env = loadEnv();
const handle = await openDb({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  await migrateDb(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
