import { getAddress, type Address } from "viem";
import type { IndexerConfig } from "@/lib/validators/indexer";
import { erc20ReadAbi } from "./abi";
import { FatalIndexerError, firstLine, isRetryable } from "./errors";
import { classifyRpcError } from "./rpc-errors";
import { redact, sleep, type RpcPool } from "./rpc";

/**
 * Checks every RPC, the token and --governor before anything touches the database, so bad input
 * ends with a one-line error and an untouched database.
 */
export async function runPreflight(p: {
  config: IndexerConfig;
  pool: RpcPool;
  signal: AbortSignal;
  isContract: (address: Address) => Promise<boolean>;
}): Promise<void> {
  const { config, pool, signal } = p;
  for (const [i, url] of config.rpcUrls.entries()) {
    const client = pool.clients[i];
    if (!client) continue;
    const id = await withQuickRetry(() => client.getChainId(), signal).catch((err: unknown) => {
      throw new FatalIndexerError(`cannot reach RPC ${redact(url)}: ${firstLine(err)}`);
    });
    if (id !== config.chainId) {
      throw new FatalIndexerError(`RPC ${redact(url)} serves chain id ${id}, expected ${config.chainId}`);
    }
  }
  const code = await pool.call("getCode", (c) => c.getCode({ address: config.address }), 4);
  if (!code || code === "0x") {
    throw new FatalIndexerError(`no contract at ${getAddress(config.address)} on chain ${config.chainId}`);
  }
  try {
    await pool.call(
      "totalSupply",
      (c) => c.readContract({ address: config.address, abi: erc20ReadAbi, functionName: "totalSupply" }),
      4,
    );
  } catch (err) {
    if (isRetryable(err)) throw err;
    throw new FatalIndexerError(
      `contract ${getAddress(config.address)} on chain ${config.chainId} has no totalSupply()`,
    );
  }
  if (config.governor && !(await p.isContract(config.governor))) {
    throw new FatalIndexerError(
      `no contract at --governor ${getAddress(config.governor)} on chain ${config.chainId}`,
    );
  }
}

/**
 * A few quick attempts: enough to ride out a flaky provider, short enough to fail fast on a dead
 * one. A provider that is merely busy (it answered, with a rate limit) gets more, at its Retry-After.
 */
async function withQuickRetry<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const c = classifyRpcError(err);
      const limit = c.kind === "rateLimit" ? 8 : c.kind === "retryable" ? 4 : 0;
      if (attempt >= limit) throw err;
      await sleep(Math.max(150 * attempt, Math.min(c.retryAfterMs ?? 0, 10_000)), signal);
    }
  }
}
