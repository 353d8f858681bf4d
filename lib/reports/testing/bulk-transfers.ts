// Synthetic transfers for the export bench and tests, loaded with COPY straight from a generator:
// the rows are never all in memory, so the loader does not inflate the bench's peak RSS.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import copyStreams from "pg-copy-streams";

export type BulkTransfersParams = {
  chainId: number;
  count: number;
  /** Distinct wallets the transfers move between. */
  wallets: number;
  /** Block time of block 1 (UTC seconds). */
  t0: number;
  blockSeconds?: number;
  transfersPerBlock?: number;
};

const ONE_USD1 = 10n ** 18n;

export function walletAddress(i: number): string {
  return `0x${(0xa000_0000 + i).toString(16).padStart(40, "0")}`;
}

function txHash(chainId: number, i: number): string {
  return `0x${chainId.toString(16).padStart(8, "0")}${i.toString(16).padStart(56, "0")}`;
}

/** COPY text lines, 10,000 per chunk. Deterministic: row i is a function of i alone. */
function* copyLines(p: BulkTransfersParams): Generator<string> {
  const perBlock = p.transfersPerBlock ?? 5;
  const seconds = p.blockSeconds ?? 12;
  let chunk: string[] = [];
  for (let i = 0; i < p.count; i++) {
    const block = 1 + Math.floor(i / perBlock);
    const time = new Date((p.t0 + block * seconds) * 1000).toISOString();
    const from = walletAddress((i * 7919) % p.wallets);
    const to = walletAddress((i * 104_729 + 1) % p.wallets);
    // Cents-level amounts with an odd wei tail, so exact decimals are exercised on every row.
    const amount = BigInt(1 + ((i * 37) % 500_000)) * (ONE_USD1 / 100n) + BigInt(i % 1000);
    chunk.push(
      `${p.chainId}\t${block}\t${time}\t${txHash(p.chainId, i)}\t${i % perBlock}\t${from}\t${to}\t${amount}\ttransfer\n`,
    );
    if (chunk.length === 10_000) {
      yield chunk.join("");
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join("");
}

/** Streams `count` plain transfers into `transfers` with COPY FROM STDIN (Postgres only). */
export async function copyBulkTransfers(client: pg.PoolClient, p: BulkTransfersParams): Promise<void> {
  const columns =
    "chain_id, block_number, block_time, tx_hash, log_index, from_address, to_address, amount, kind";
  const sink = client.query(copyStreams.from(`copy transfers (${columns}) from stdin`));
  await pipeline(Readable.from(copyLines(p)), sink);
}
