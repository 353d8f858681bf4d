// A real primary and a real streaming standby, made on this machine with Debian's PostgreSQL
// binaries (initdb, pg_ctl, pg_basebackup), each in its own folder under /tmp and on its own port.
// The pair is ours alone: the shared cluster on :5432 keeps its own configuration and size
// (a base backup of it would copy every other database on it).
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export type ReplicaPair = {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the standby only (to test what the app does when it is gone). */
  stopReplica: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Debian installs each major version's server binaries here; the newest one wins. */
export function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(root, v, "bin", "pg_basebackup")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`no PostgreSQL server binaries under ${root} (Debian package postgresql)`);
  return path.join(root, versions[0], "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The server refuses to run as root: as root, run the binaries as the `postgres` user. */
async function pgRun(bin: string, args: string[]): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const file = asRoot ? "runuser" : bin;
  const argv = asRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  try {
    const { stdout } = await run(file, argv, { timeout: 120_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`);
  }
}

function appendConf(dataDir: string, lines: string[]): void {
  fs.appendFileSync(path.join(dataDir, "postgresql.conf"), `\n${lines.join("\n")}\n`);
}

export async function waitForReplay(primaryUrl: string, replicaUrl: string, timeoutMs = 30_000): Promise<void> {
  const p = new pg.Client({ connectionString: primaryUrl });
  const r = new pg.Client({ connectionString: replicaUrl });
  await p.connect();
  await r.connect();
  try {
    const { rows } = await p.query<{ lsn: string }>("select pg_current_wal_insert_lsn()::text as lsn");
    const target = rows[0]!.lsn;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await r.query<{ ok: boolean }>(
        "select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as ok",
        [target],
      );
      if (res.rows[0]?.ok) return;
      if (Date.now() > until) throw new Error(`standby did not replay up to ${target} within ${timeoutMs} ms`);
      await new Promise((res2) => setTimeout(res2, 50));
    }
  } finally {
    await p.end();
    await r.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const bin = postgresBinDir();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-replica-"));
  if (process.getuid?.() === 0) await run("chown", ["postgres:postgres", base]);
  const primaryDir = path.join(base, "primary");
  const replicaDir = path.join(base, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const common = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${base}'`,
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    "shared_buffers = 32MB",
  ];

  let started: string[] = [];
  const stopDir = async (dir: string) => {
    await pgRun(path.join(bin, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"]).catch(() => {});
    started = started.filter((d) => d !== dir);
  };
  const stop = async () => {
    for (const dir of [...started].reverse()) await stopDir(dir);
    fs.rmSync(base, { recursive: true, force: true });
  };

  try {
    // initdb's trust template already allows replication connections from 127.0.0.1.
    await pgRun(path.join(bin, "initdb"), ["-D", primaryDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
    appendConf(primaryDir, [
      ...common,
      `port = ${primaryPort}`,
      "wal_level = replica",
      "max_wal_senders = 4",
    ]);
    await pgRun(path.join(bin, "pg_ctl"), ["-D", primaryDir, "-l", path.join(base, "primary.log"), "-w", "start"]);
    started.push(primaryDir);

    // The standby: a base backup with -R (standby.signal + primary_conninfo), streaming WAL.
    await pgRun(path.join(bin, "pg_basebackup"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      replicaDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
      "--no-sync",
    ]);
    appendConf(replicaDir, [`port = ${replicaPort}`, "hot_standby = on"]);
    await pgRun(path.join(bin, "pg_ctl"), ["-D", replicaDir, "-l", path.join(base, "replica.log"), "-w", "start"]);
    started.push(replicaDir);
  } catch (err) {
    await stop();
    throw err;
  }

  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  return { primaryUrl, replicaUrl, stopReplica: () => stopDir(replicaDir), stop };
}
