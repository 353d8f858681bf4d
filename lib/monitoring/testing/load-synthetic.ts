// Puts a synthetic chain into a database the way the indexer would (writeBatch per block range).
import type { Address, Hash } from "viem";
import type { Db } from "@/db/client";
import { ensureChain } from "@/db/queries/indexer";
import { writeBatch } from "@/db/queries/indexer-batch";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { seedRegistry } from "@/db/queries/registry";
import type { Batch, BlockHeader } from "@/lib/indexer/types";
import type { SyntheticChain } from "./synthetic";

export const SYNTHETIC_TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d" as Address;

export async function registerSynthetic(db: Db, chain: SyntheticChain): Promise<void> {
  await ensureChain(db, {
    chainId: chain.chainId,
    name: `Synthetic ${chain.chainId}`,
    tokenAddress: SYNTHETIC_TOKEN,
    startBlock: 1n,
    confirmations: 0,
  });
  await seedRegistry(db, { entities: chain.entities, addresses: chain.addresses });
  await importWatchlistRows(db, { rows: chain.watchlist, actor: null, source: "synthetic" });
}

const blockHash = (n: number, fork: string) =>
  `0x${fork}${n.toString(16).padStart(64 - fork.length, "0")}` as Hash;

/**
 * Writes blocks [fromBlock, toBlock] as one indexer batch. `skipTx` leaves transactions out (a
 * fork where they were never mined); `fork` changes the block hashes.
 */
export async function writeSyntheticBlocks(
  db: Db,
  chain: SyntheticChain,
  p: { fromBlock: number; toBlock: number; skipTx?: ReadonlySet<string>; fork?: string },
): Promise<void> {
  const fork = p.fork ?? "";
  const inRange = (b: number) => b >= p.fromBlock && b <= p.toBlock;
  const keep = (tx: string) => !p.skipTx?.has(tx);
  const transfers = chain.transfers.filter((t) => inRange(t.block) && keep(t.txHash));
  const events = chain.events.filter((e) => inRange(e.block) && keep(e.txHash));
  const header = (n: number): BlockHeader => ({
    number: BigInt(n),
    hash: blockHash(n, fork),
    parentHash: blockHash(n - 1, fork),
    timestamp: chain.t0 + (n - 1) * chain.blockSeconds,
  });
  const withLogs = [...new Set([...transfers, ...events].map((x) => x.block))].sort((a, b) => a - b);
  const batch: Batch = {
    chainId: chain.chainId,
    fromBlock: BigInt(p.fromBlock),
    toBlock: BigInt(p.toBlock),
    transfers: transfers.map((t) => ({
      blockNumber: BigInt(t.block),
      txHash: t.txHash as Hash,
      logIndex: t.logIndex,
      from: t.from as Address,
      to: t.to as Address,
      amount: t.amount,
      kind: t.kind,
    })),
    tokenEvents: events.map((e) => ({
      blockNumber: BigInt(e.block),
      txHash: e.txHash as Hash,
      logIndex: e.logIndex,
      emitter: SYNTHETIC_TOKEN,
      kind: e.kind,
      actor: e.actor as Address | null,
      subject: e.subject as Address | null,
      counterparty: null,
      amount: e.amount,
      args: {},
    })),
    headers: withLogs.map(header),
    tip: header(p.toBlock),
    logCount: transfers.length + events.length,
  };
  await writeBatch(db, { batch, finalizedBlock: 0n, headBlock: BigInt(p.toBlock), rpcErrorsDelta: 0 });
}
