import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DEMO } from "./e2e/fixtures/demo-params";

const CI = Boolean(process.env.CI);
// E2E_PORT / E2E_DATA_DIR let two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
// Debian's chromium where it exists (no browser downloads on this network); Playwright's own elsewhere.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath = fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The real demo: anvil, the test token, the seeded simulator, the indexer and PGlite behind the
  // Postgres wire protocol, then `next start`. Fixed seed and end date, so figures are exact.
  webServer: {
    command: [
      "npm run demo --",
      `--port ${PORT}`,
      `--seed ${E2E_DEMO.seed}`,
      `--days ${E2E_DEMO.days}`,
      `--scale ${E2E_DEMO.scale}`,
      `--end-date ${E2E_DEMO.endDate}`,
      "--no-live",
      `--data-dir ${DATA_DIR}`,
    ].join(" "),
    url: `http://127.0.0.1:${PORT}/api/health`,
    // next build, two anvil chains seeded with the simulator's history, the indexer and the monitor:
    // about 2 minutes on an idle 2-core machine, past 5 when the machine is busy.
    timeout: 900_000,
    reuseExistingServer: !CI,
    // SIGTERM lets the demo stop its own children (next-server, anvil) instead of orphaning them.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
