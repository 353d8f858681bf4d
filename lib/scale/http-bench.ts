// Shared by the HTTP benchmarks (bench:views, bench:export): a `next start` of a built app on a
// given database, a signed-in session of a bench user created through the app's own user code,
// fixed-count request loops with bounded concurrency, and the server process's memory peak.
// Every request goes to 127.0.0.1 only.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "better-auth/crypto";
import { openDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { createUserWithPassword, findUserByEmail } from "@/db/queries/users";
import { newUserId } from "@/lib/auth/demo-users";
import type { UserRole } from "@/lib/auth/roles";

export type RunningServer = { baseUrl: string; pid: number; stop: () => Promise<void> };

/** Children of a process (from /proc), depth-first. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** The process that serves requests: the one titled next-server, else the `next start` itself. */
export function serverPid(rootPid: number): number {
  for (const pid of [rootPid, ...descendants(rootPid)]) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8");
      if (/next-server/.test(cmd) || /next-server/.test(comm)) return pid;
    } catch {
      // ended
    }
  }
  return rootPid;
}

/** CPU time (user + system) the process has used so far, in ms (/proc/PID/stat, clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command: state is field 3, utime field 14 and stime field 15 (1-based, proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmHWM (peak resident set) and VmRSS of a process, in bytes. */
export function memoryOf(pid: number): { hwm: number; rss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { hwm: kib("VmHWM"), rss: kib("VmRSS") };
}

/** `next start` in `appDir` (built there beforehand) on `port`, ready when /api/health says so. */
export async function startNext(p: {
  appDir: string;
  port: number;
  env: Record<string, string>;
}): Promise<RunningServer> {
  const bin = path.join(p.appDir, "node_modules", ".bin", "next");
  if (!fs.existsSync(path.join(p.appDir, ".next", "BUILD_ID")))
    throw new Error(`${p.appDir} has no build: run next build there first`);
  const child: ChildProcess = spawn(bin, ["start", "-p", String(p.port), "-H", "127.0.0.1"], {
    cwd: p.appDir,
    env: { ...process.env, ...p.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${p.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error("next start did not become healthy within 120 s");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    pid: serverPid(child.pid as number),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A bench user of `role`, created through the same code as `npm run user:create` when missing. */
export async function ensureBenchUser(
  databaseUrl: string,
  p: { email: string; password: string; role: UserRole },
): Promise<void> {
  const handle = await openDb({ url: databaseUrl, poolSize: 1, applicationName: "usd1-bench" });
  try {
    if (await findUserByEmail(handle.db, { email: p.email })) return;
    const id = newUserId();
    const name = p.email.split("@")[0] ?? "bench";
    await createUserWithPassword(handle.db, {
      id,
      email: p.email,
      name,
      role: p.role,
      passwordHash: await hashPassword(p.password),
    });
    await recordAudit(handle.db, {
      action: "user.create",
      actor: null,
      target: p.email,
      params: { userId: id, name, role: p.role, via: "bench" },
    });
  } finally {
    await handle.close();
  }
}

/** Signs in over HTTP as a browser would; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: new URL(baseUrl).origin },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

export type Latencies = { ms: number[]; bytes: number; statuses: Map<number, number> };

/** `count` GETs of `url` with `concurrency` in flight; each body read to the end. */
export async function measure(
  url: string,
  cookie: string,
  count: number,
  concurrency: number,
): Promise<Latencies> {
  const ms: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  async function worker() {
    while (next < count) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
      const body = await res.arrayBuffer();
      ms.push(performance.now() - t0);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      bytes = Math.max(bytes, body.byteLength);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms, bytes, statuses };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}
