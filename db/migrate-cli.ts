import { loadEnv } from "@/lib/env-core";
import { openDb } from "./client";
import { migrateDb } from "./migrate";
import { provisionAppRole } from "./roles";

// npm run db:migrate — applies committed migrations as the owner (DATABASE_OWNER_URL, else
// DATABASE_URL), then gives DATABASE_URL's user the app role's privileges (db/roles.ts). Without
// any URL: the embedded PGlite, which has one user.
const env = loadEnv();
if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
  console.error("DATABASE_OWNER_URL is set but DATABASE_URL is not: set both (owner and app role)");
  process.exit(2);
}
const ownerUrl = env.DATABASE_OWNER_URL ?? env.DATABASE_URL;
const handle = await openDb({ url: ownerUrl, pgliteDir: env.PGLITE_DIR, poolSize: 1 });
try {
  await migrateDb(handle);
  console.log(`migrations applied (${handle.driver})`);
  if (handle.pool && env.DATABASE_URL) {
    const client = await handle.pool.connect();
    try {
      const setup = await provisionAppRole(client, env.DATABASE_URL);
      if (setup.mode === "single-role") {
        console.log(
          `DATABASE_URL's user ${setup.role} is the owner: the app runs as the owner (fine for development and tests; a production deployment must set DATABASE_OWNER_URL to a separate owner role)`,
        );
      } else {
        console.log(
          `app role ${setup.app}${setup.created ? " created" : ""}: privileges on ${setup.tables} tables granted by ${setup.owner} (append-only: INSERT and SELECT only)`,
        );
      }
    } finally {
      client.release();
    }
  }
} finally {
  await handle.close();
}
