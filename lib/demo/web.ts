import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "@/lib/logger";

const NEXT_BIN = path.resolve("node_modules", ".bin", "next");

/** Production build of the dashboard (`next build`). */
export function buildWeb(log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    log.info("building the dashboard (next build)");
    const child = spawn(NEXT_BIN, ["build"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8_000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`next build failed (exit ${code}):\n${output}`));
    });
  });
}

export function hasBuild(): boolean {
  return fs.existsSync(path.resolve(".next", "BUILD_ID"));
}

function demoEnv(): NodeJS.ProcessEnv {
  const { BETTER_AUTH_URL: _ignored, ...rest } = process.env;
  return rest;
}

export type WebServer = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** `next start` against the given database URL; resolves once it answers HTTP. */
export async function startWeb(p: { port: number; databaseUrl: string; log: Logger }): Promise<WebServer> {
  // Own process group: `next start` forks next-server, and stopping must reach both.
  const child = spawn(NEXT_BIN, ["start", "-p", String(p.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
    // USD1_DEMO=1 lets this local http server use the fixed, public demo auth secret
    // (lib/auth/settings.ts); a real deployment sets BETTER_AUTH_SECRET and BETTER_AUTH_URL.
    // No inherited BETTER_AUTH_URL: the demo is served on loopback, and a public URL left in the
    // shell would make the server refuse to start (settings refuse the demo behind one).
    env: { ...demoEnv(), DATABASE_URL: p.databaseUrl, NEXT_TELEMETRY_DISABLED: "1", USD1_DEMO: "1" },
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", () => killGroup("SIGKILL"));
  child.stderr?.on("data", (d: Buffer) => p.log.warn({ web: d.toString().trim() }, "web server"));
  const url = `http://127.0.0.1:${p.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        killGroup("SIGTERM");
      }),
  };
}
