// npm run bench:views -- [--app-dir DIR] [--database-url URL] [--port 3541] [--requests 100] [--concurrency 10]
//   [--only NAME,...] (views whose name starts with one of these, e.g. --only transactions,registry)
// Starts `next start` of the app built in DIR (default: this checkout; build it there first with the
// same environment) on the database (default usd1_large, filled by `npm run seed:large`), signs in
// as a bench analyst (created through the app's own user code), and requests every view a fixed
// number of times with 10 connections in flight. Prints p50/p95/p99 and HTML bytes per view, and
// which views miss the targets (p95 < 150 ms; < 300 ms for the treasury's address page).
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDb } from "@/db/client";
import { getBenchSamples } from "@/db/queries/scale";
import { assertLocalDatabase } from "./local-db";
import { cpuMsOf, ensureBenchUser, measure, percentile, signIn, startNext } from "./http-bench";

const { values } = parseArgs({
  options: {
    "app-dir": { type: "string", default: process.cwd() },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/usd1_large" },
    port: { type: "string", default: "3541" },
    requests: { type: "string", default: "100" },
    concurrency: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    force: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const flags = z
  .object({
    appDir: z.string().min(1),
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//),
    port: z.coerce.number().int().min(1024).max(65535),
    requests: z.coerce.number().int().min(1).max(10_000),
    concurrency: z.coerce.number().int().min(1).max(100),
    warmup: z.coerce.number().int().min(0).max(100),
    force: z.boolean(),
    only: z.array(z.string().min(1)).optional(),
  })
  .parse({
    appDir: values["app-dir"],
    databaseUrl: values["database-url"],
    port: values.port,
    requests: values.requests,
    concurrency: values.concurrency,
    warmup: values.warmup,
    force: values.force,
    only: values.only?.split(",").map((v) => v.trim()),
  });

const EMAIL = "bench-views@bench.local";
const PASSWORD = "bench-views-password-not-secret";
const TARGET_MS = 150;
const TREASURY_TARGET_MS = 300;

async function main(): Promise<number> {
  assertLocalDatabase(flags.databaseUrl, flags.force);
  const handle = await openDb({ url: flags.databaseUrl, poolSize: 1 });
  const samples = await getBenchSamples(handle.db).finally(() => handle.close());
  await ensureBenchUser(flags.databaseUrl, { email: EMAIL, password: PASSWORD, role: "analyst" });

  const views: { name: string; path: string; target: number }[] = [
    { name: "overview", path: "/overview", target: TARGET_MS },
    { name: "supply", path: "/supply", target: TARGET_MS },
    { name: "corridors", path: "/corridors", target: TARGET_MS },
    { name: "transactions", path: "/transactions", target: TARGET_MS },
    ...(samples.entityId !== null
      ? [
          {
            name: "transactions ?entity",
            path: `/transactions?entity=${samples.entityId}`,
            target: TARGET_MS,
          },
        ]
      : []),
    { name: "transactions ?country=AE", path: "/transactions?country=AE", target: TARGET_MS },
    { name: "transactions ?min=5000", path: "/transactions?min=5000", target: TARGET_MS },
    ...(samples.txHash
      ? [{ name: "transactions ?q=<tx hash>", path: `/transactions?q=${samples.txHash}`, target: TARGET_MS }]
      : []),
    ...(samples.ordinaryAddress
      ? [{ name: "address (ordinary)", path: `/addresses/${samples.ordinaryAddress}`, target: TARGET_MS }]
      : []),
    ...(samples.treasuryAddress
      ? [
          {
            name: "address (treasury)",
            path: `/addresses/${samples.treasuryAddress}`,
            target: TREASURY_TARGET_MS,
          },
        ]
      : []),
    { name: "alerts", path: "/alerts", target: TARGET_MS },
    ...(samples.alertId !== null
      ? [{ name: "alert case", path: `/alerts/${samples.alertId}`, target: TARGET_MS }]
      : []),
    ...(samples.largestCase !== null && samples.largestCase.id !== samples.alertId
      ? [
          {
            name: `alert case (largest: ${samples.largestCase.evidence.toLocaleString("en")} evidence rows)`,
            path: `/alerts/${samples.largestCase.id}`,
            target: TARGET_MS,
          },
        ]
      : []),
    { name: "registry", path: "/registry", target: TARGET_MS },
  ];
  const selected = flags.only
    ? views.filter((v) => flags.only?.some((prefix) => v.name.startsWith(prefix)))
    : views;
  if (selected.length === 0)
    throw new Error(`--only matches no view: ${views.map((v) => v.name).join(", ")}`);
  if (samples.alertId === null)
    console.log(
      "(no alert in the database: the alert case page is not measured; run `npm run monitor -- --once`)",
    );

  const server = await startNext({
    appDir: flags.appDir,
    port: flags.port,
    env: {
      DATABASE_URL: flags.databaseUrl,
      BETTER_AUTH_URL: `http://127.0.0.1:${flags.port}`,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? "bench-views-secret-0123456789abcdef0123456789",
      LOG_LEVEL: "warn",
    },
  });
  let failed = 0;
  try {
    const cookie = await signIn(server.baseUrl, EMAIL, PASSWORD);
    console.log(
      `bench:views on ${new URL(flags.databaseUrl).pathname.slice(1)}: ${flags.requests} requests a view, ${flags.concurrency} connections (after ${flags.warmup} warm-up requests); load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    console.log(
      `${"view".padEnd(28)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"HTML".padStart(10)} ${"node CPU".padStart(9)}  status`,
    );
    for (const v of selected) {
      const url = `${server.baseUrl}${v.path}`;
      if (flags.warmup > 0) await measure(url, cookie, flags.warmup, 1);
      const cpu0 = cpuMsOf(server.pid);
      const r = await measure(url, cookie, flags.requests, flags.concurrency);
      const nodeCpu = (cpuMsOf(server.pid) - cpu0) / flags.requests;
      const sorted = [...r.ms].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const ok = p95 < v.target && r.statuses.size === 1 && r.statuses.has(200);
      if (!ok) failed++;
      const statuses = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(" ");
      console.log(
        `${v.name.padEnd(28)} ${percentile(sorted, 50).toFixed(0).padStart(6)}ms ${p95.toFixed(0).padStart(6)}ms ${percentile(sorted, 99).toFixed(0).padStart(6)}ms ${(r.bytes / 1024).toFixed(0).padStart(7)} KiB ${nodeCpu.toFixed(1).padStart(6)} ms  ${statuses}${ok ? "" : `  MISSES p95 < ${v.target} ms`}`,
      );
    }
  } finally {
    await server.stop();
  }
  console.log(failed === 0 ? "every view within its target" : `${failed} view(s) miss their target`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
