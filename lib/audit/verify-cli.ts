// npm run audit:verify — walks the whole audit chain (lib/audit/verify.ts) on DATABASE_URL (or
// the embedded PGlite); prints the rows checked and the head hash, or names the first broken row
// and exits 1. Read-only: the app role is enough.
import { openDb } from "@/db/client";
import { loadEnv } from "@/lib/env-core";
import { formatChainReport } from "./report";
import { verifyAuditChain } from "./verify";

async function main(): Promise<number> {
  const env = loadEnv();
  const handle = await openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    poolSize: 1,
    applicationName: "usd1-audit-verify",
  });
  try {
    const report = await verifyAuditChain(handle.db);
    const out = formatChainReport(report);
    (report.break ? process.stderr : process.stdout).write(`${out}\n`);
    return report.break ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
