import { parseArgs } from "node:util";
import { loadEnv } from "@/lib/env-core";
import { createLogger } from "@/lib/logger";
import { demoArgsSchema } from "@/lib/validators/demo";
import { runDemo } from "./run-demo";

// npm run demo [-- --seed S --days N --scale X --end-date YYYY-MM-DD --port 3000 --no-live --no-build]
const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    days: { type: "string" },
    scale: { type: "string" },
    "end-date": { type: "string" },
    port: { type: "string" },
    "db-port": { type: "string" },
    "data-dir": { type: "string" },
    "no-live": { type: "boolean" },
    "no-build": { type: "boolean" },
  },
});
const parsed = demoArgsSchema.safeParse({
  seed: values.seed,
  days: values.days,
  scale: values.scale,
  endDate: values["end-date"],
  port: values.port,
  dbPort: values["db-port"],
  dataDir: values["data-dir"],
  live: !values["no-live"],
  build: !values["no-build"],
});
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  process.stderr.write(`error: invalid --${issue?.path.join(".") ?? "flag"}: ${issue?.message}\n`);
  process.exit(2);
}
const env = loadEnv();
const log = createLogger("demo", env.LOG_LEVEL, { pretty: process.stdout.isTTY });
const controller = new AbortController();
// `on`, not `once`: a terminal or a test runner often signals twice (the group, then a relay);
// a second signal must not cut the shutdown short and orphan anvil or next-server.
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) return;
    log.info({ signal: sig }, "stopping the demo");
    controller.abort();
  });
}
runDemo(parsed.data, log, controller.signal).then(
  () => process.exit(0),
  (err: unknown) => {
    if (controller.signal.aborted) process.exit(0);
    process.stderr.write(`error: demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    console.error(err);
    process.exit(1);
  },
);
