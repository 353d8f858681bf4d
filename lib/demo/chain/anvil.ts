/**
 * Starts and stops local anvil nodes (the demo chains and the integration tests).
 *
 * Invariants: every node is spawned with zero fees so impersonated, unfunded addresses can transact
 * (`--base-fee 0` also pins the base fee: anvil treats a zero base fee as constant, so full blocks do not
 * raise it); every node is killed when stop() is called or when this process exits, so none is orphaned.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { z } from "zod";

export type StartAnvilOptions = {
  chainId: number;
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** Genesis block timestamp (unix seconds). */
  timestamp?: number;
  /** Interval mining in seconds; undefined = automine (callers may switch with evm_setAutomine). */
  blockTime?: number;
  /** Default true: anvil's own log lines are dropped (stderr is still kept for error messages). */
  quiet?: boolean;
  /** Block gas limit; the default (1e9) holds ~16,000 ERC-20 transfers (measured 59.5k gas each) per block. */
  gasLimit?: bigint;
  extraArgs?: string[];
  /** How long to wait for the node to answer eth_chainId. */
  startTimeoutMs?: number;
};

export type AnvilNode = {
  rpcUrl: string;
  port: number;
  chainId: number;
  pid: number;
  stop(): Promise<void>;
};

const optionsSchema = z.object({
  chainId: z.number().int().positive(),
  port: z.number().int().min(0).max(65535).optional(),
  timestamp: z.number().int().nonnegative().optional(),
  blockTime: z.number().positive().optional(),
  quiet: z.boolean().optional(),
  gasLimit: z.bigint().positive().optional(),
  extraArgs: z.array(z.string()).optional(),
  startTimeoutMs: z.number().int().positive().optional(),
});

const HOST = "127.0.0.1";
const DEFAULT_GAS_LIMIT = 1_000_000_000n;
const DEFAULT_START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 3_000;
const AUTO_PORT_ATTEMPTS = 3;
const STDERR_TAIL_CHARS = 4_000;

const require = createRequire(import.meta.url);
const PLATFORM_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64" };

/** The native binary from @foundry-rs/anvil-<os>-<arch>; else the package's node wrapper in .bin. */
export function resolveAnvilBinary(): string {
  const arch = PLATFORM_ARCH[process.arch];
  const binaryName = process.platform === "win32" ? "anvil.exe" : "anvil";
  if (arch) {
    try {
      const pkg = require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`);
      const candidate = path.join(path.dirname(pkg), "bin", binaryName);
      if (existsSync(candidate)) return candidate;
    } catch {
      // platform package not installed: fall through to the wrapper
    }
  }
  const wrapper = path.resolve(process.cwd(), "node_modules", ".bin", "anvil");
  if (existsSync(wrapper)) return wrapper;
  throw new Error("anvil binary not found: install @foundry-rs/anvil (npm install)");
}

// ---- orphan protection ----

const liveChildren = new Set<ChildProcess>();
let hooksInstalled = false;

function killAllNow(): void {
  for (const child of liveChildren) child.kill("SIGKILL");
}

/** On a fatal signal with no other listener, kill the nodes and re-raise so Node's default exit still happens. */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return; // the app handles shutdown; the exit hook cleans up after it
  killAllNow();
  process.removeListener(signal, onSignal);
  process.kill(process.pid, signal);
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", killAllNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}

// ---- start ----

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

function buildArgs(opts: StartAnvilOptions, port: number): string[] {
  const args = [
    "--chain-id", String(opts.chainId),
    "--port", String(port),
    "--host", HOST,
    "--auto-impersonate",
    "--base-fee", "0",
    "--gas-price", "0",
    "--disable-min-priority-fee",
    "--gas-limit", String(opts.gasLimit ?? DEFAULT_GAS_LIMIT),
    // anvil 1.7's default (Prague) rules make each block cost more to mine as the chain grows;
    // Cancun keeps it flat (3x faster over 15k blocks). Keeping state for the last 2,000 blocks
    // only stops anvil writing gigabytes to ~/.foundry/anvil/tmp, and still answers eth_call at
    // every block the indexer reconciles (the head it just indexed).
    "--hardfork", "cancun",
    "--prune-history", "2000",
  ]; // prettier-ignore
  if (opts.timestamp !== undefined) args.push("--timestamp", String(opts.timestamp));
  if (opts.blockTime !== undefined) args.push("--block-time", String(opts.blockTime));
  if (opts.quiet ?? true) args.push("--quiet");
  return [...args, ...(opts.extraArgs ?? [])];
}

const rpcResponse = z.object({ result: z.string() });

async function queryChainId(rpcUrl: string): Promise<number | undefined> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    const parsed = rpcResponse.safeParse(await res.json());
    return parsed.success ? Number(BigInt(parsed.data.result)) : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

type Spawned = { child: ChildProcess; stderr: () => string; exited: Promise<number | null> };

function spawnAnvil(binary: string, args: string[], quiet: boolean): Spawned {
  const child = spawn(binary, args, { stdio: ["ignore", quiet ? "ignore" : "inherit", "pipe"] });
  liveChildren.add(child);
  let tail = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_CHARS);
    if (!quiet) process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      liveChildren.delete(child);
      resolve(code);
    });
    child.once("error", (err) => {
      tail += `\n${err.message}`;
      liveChildren.delete(child);
      resolve(null);
    });
  });
  return { child, stderr: () => tail, exited };
}

async function stopChild(spawned: Spawned): Promise<void> {
  const { child, exited } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Resolves once the node answers eth_chainId with our chain id; rejects early if the process dies. */
async function waitUntilReady(spawned: Spawned, rpcUrl: string, chainId: number, timeoutMs: number) {
  let dead = false;
  void spawned.exited.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !dead) {
    const answered = await queryChainId(rpcUrl);
    // A different chain id means another server owns the port; a dead child means ours never bound it.
    if (answered === chainId && !dead) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const reason = dead
    ? `exited with code ${spawned.child.exitCode}`
    : `did not answer within ${timeoutMs} ms`;
  await stopChild(spawned);
  throw new Error(`anvil (chain ${chainId}, ${rpcUrl}) ${reason}. stderr:\n${spawned.stderr().trim()}`);
}

export async function startAnvil(options: StartAnvilOptions): Promise<AnvilNode> {
  const opts = optionsSchema.parse(options);
  installExitHooks();
  const binary = resolveAnvilBinary();
  const autoPort = !opts.port;
  const attempts = autoPort ? AUTO_PORT_ATTEMPTS : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = opts.port || (await findFreePort());
    const rpcUrl = `http://${HOST}:${port}`;
    const spawned = spawnAnvil(binary, buildArgs(opts, port), opts.quiet ?? true);
    try {
      await waitUntilReady(spawned, rpcUrl, opts.chainId, opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (err) {
      lastError = err; // with an auto port, the likeliest cause is a lost race for the port: retry
      continue;
    }
    const pid = spawned.child.pid;
    if (pid === undefined) throw new Error("anvil started without a pid");
    return { rpcUrl, port, chainId: opts.chainId, pid, stop: () => stopChild(spawned) };
  }
  throw lastError;
}
