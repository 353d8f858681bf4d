import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { createPublicClient, http, parseAbiItem, zeroAddress, type Address } from "viem";
import type { Db, DbHandle } from "@/db/client";
import { rowsOf } from "@/db/queries/sql-arrays";
import { startAnvil, type AnvilNode } from "@/lib/demo/chain/anvil";
import { deployUsd1 } from "@/lib/demo/chain/deploy";
import { createLogger } from "@/lib/logger";
import { indexerConfigSchema, type IndexerConfigInput } from "@/lib/validators/indexer";
import { createIndexer } from "../indexer";

export const DEPLOYER = "0x00000000000000000000000000000000000d0001" as Address;
export const OWNER = "0x00000000000000000000000000000000000d0002" as Address;

export type Chain = { node: AnvilNode; token: Address; proxyAdmin: Address; deployBlock: bigint };

export async function startChainWithToken(chainId = 31337): Promise<Chain> {
  const node = await startAnvil({ chainId });
  const d = await deployUsd1({ rpcUrl: node.rpcUrl, chainId, deployer: DEPLOYER, owner: OWNER });
  return {
    node,
    token: d.token.toLowerCase() as Address,
    proxyAdmin: d.proxyAdmin.toLowerCase() as Address,
    deployBlock: d.deployBlock,
  };
}

/** Ground truth read straight from the node (one getLogs over the whole range). */
export async function chainTransferTotals(rpcUrl: string, token: Address, fromBlock: bigint) {
  const client = createPublicClient({ transport: http(rpcUrl), cacheTime: 0 });
  const logs = await client.getLogs({
    address: token,
    event: parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)"),
    fromBlock,
    toBlock: "latest",
  });
  const out: Record<string, { count: number; sum: bigint }> = {};
  for (const l of logs) {
    const kind = l.args.from === zeroAddress ? "mint" : l.args.to === zeroAddress ? "burn" : "transfer";
    const t = (out[kind] ??= { count: 0, sum: 0n });
    t.count++;
    t.sum += l.args.value ?? 0n;
  }
  return out;
}

export async function blockNumber(rpcUrl: string): Promise<bigint> {
  return createPublicClient({ transport: http(rpcUrl), cacheTime: 0 }).getBlockNumber({ cacheTime: 0 });
}

export const quietLog = createLogger("test", "silent");

export function testConfig(
  c: Partial<IndexerConfigInput> & Pick<IndexerConfigInput, "rpcUrls" | "chainId" | "address" | "fromBlock">,
) {
  return indexerConfigSchema.parse({
    name: "Test chain",
    follow: false,
    confirmations: 0,
    pollIntervalMs: 50,
    ...c,
  });
}

export async function runOnce(
  db: { db: Db } & Parameters<ReturnType<typeof createIndexer>["run"]>[0],
  input: Parameters<typeof testConfig>[0],
) {
  const controller = new AbortController();
  const indexer = createIndexer({ config: testConfig(input), log: quietLog, signal: controller.signal });
  await indexer.preflight();
  return { summary: await indexer.run(db), indexer };
}

/** One raw JSON-RPC call (anvil_* cheat codes, receipts); throws the node's error message. */
export async function rawRpc(rpcUrl: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Starts an indexer that follows `chain` from its deployment (4 confirmations, polling every 50 ms)
 * until `signal` aborts; resolves once preflight passed, with the run's promise.
 */
export async function startFollowing(
  handle: Parameters<ReturnType<typeof createIndexer>["run"]>[0],
  chain: Chain,
  chainId: number,
  signal: AbortSignal,
): Promise<{ running: Promise<unknown> }> {
  const indexer = createIndexer({
    config: testConfig({
      rpcUrls: [chain.node.rpcUrl],
      chainId,
      address: chain.token,
      fromBlock: chain.deployBlock.toString(),
      follow: true,
      confirmations: 4,
      pollIntervalMs: 50,
    }),
    log: quietLog,
    signal,
  });
  await indexer.preflight();
  return { running: indexer.run(handle) };
}

/** Per-kind count and Σ from the database, as exact strings. */
export async function transferTotals(db: Db, chainId: number) {
  const rows = rowsOf<{ kind: string; n: string; total: string }>(
    await db.execute(sql`select kind, count(*)::text as n, sum(amount)::text as total from transfers
      where chain_id = ${chainId} group by kind order by kind`),
  );
  return Object.fromEntries(rows.map((r) => [r.kind, { count: Number(r.n), sum: BigInt(r.total) }]));
}

/** A canonical dump of every indexed table, to compare two databases row for row. */
export async function dumpIndexedTables(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string> = {
    transfers: "chain_id, tx_hash, log_index",
    token_events: "chain_id, tx_hash, log_index",
    blocks: "chain_id, number",
    daily_supply: "chain_id, day",
    balances: "chain_id, address",
    daily_corridor_volume: "chain_id, day, origin_country, destination_country",
    indexed_ranges: "chain_id, from_block",
  };
  const out: Record<string, string[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const rows = rowsOf<{ r: string }>(
      await db.execute(sql.raw(`select row_to_json(t)::text as r from ${table} t order by ${order}`)),
    );
    out[table] = rows.map((x) => x.r);
  }
  const cp = rowsOf<{ r: string }>(
    await db.execute(
      sql`select json_build_object('chain', chain_id, 'indexed', indexed_block, 'rolled', rolled_up_block)::text as r from indexer_checkpoints order by chain_id`,
    ),
  );
  out.checkpoints = cp.map((x) => x.r);
  return out;
}

/** Polls `fn` every 50 ms until it returns a value, or fails naming what it waited for. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The indexer CLI as a child process (`kill -9` tests, exit codes, one-line errors). */
export function runCli(args: string[], env: Record<string, string>) {
  // node with tsx as a loader, not the tsx binary: tsx's CLI relays SIGTERM to its child and
  // SIGKILLs it (exit 143) when the child does not acknowledge within 30 ms, which a busy machine
  // misses, so a graceful shutdown under test would look like a crash.
  const child = spawn(process.execPath, ["--import", "tsx", "lib/indexer/cli.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exit, stderr: () => stderr, stdout: () => stdout };
}

export async function indexedBlock(h: DbHandle): Promise<bigint | null> {
  const rows = rowsOf<{ b: string }>(
    await h.db.execute(sql`select indexed_block::text as b from indexer_checkpoints`),
  );
  return rows[0] ? BigInt(rows[0].b) : null;
}
