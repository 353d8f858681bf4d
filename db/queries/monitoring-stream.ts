// Streams a chain's transfers in chain order for a full re-evaluation: COPY TO STDOUT on a real
// Postgres (measured fastest: no per-row protocol messages or type parsing), keyset pages on
// PGlite. Rows go to the callback one by one; nothing is held beyond one chunk.
import { sql } from "drizzle-orm";
import copyStreams from "pg-copy-streams";
import type { Tx } from "../client";
import type { TransferKind } from "../schema/chain";
import { pgClientOf } from "./copy";
import { loadTransfers } from "./monitoring-input";
import { rowsOf } from "./sql-arrays";
import type { MonitorTransfer } from "@/lib/monitoring/types";

export type StreamTransfersParams = {
  chainId: number;
  /** Exclusive. */ afterBlock: bigint;
  /** Inclusive. */ toBlock: bigint;
  /** COPY needs node-postgres talking to a real Postgres (not PGlite, not its wire server). */
  mode: "copy" | "keyset";
  /** Rows per keyset page. */
  pageSize?: number;
};

/** Calls `onRow` for every transfer in (afterBlock, toBlock], in (block, log index) order. Returns the count. */
export async function streamTransfers(
  tx: Tx,
  p: StreamTransfersParams,
  onRow: (t: MonitorTransfer) => void,
): Promise<number> {
  const client = p.mode === "copy" ? pgClientOf(tx) : undefined;
  if (!client) return streamByKeyset(tx, p, onRow);
  // The block range is integers we produced; no user text reaches this statement.
  const query = `copy (select block_number, log_index, extract(epoch from block_time)::bigint, tx_hash,
      from_address, to_address, amount, kind from transfers
    where chain_id = ${Number(p.chainId)} and block_number > ${BigInt(p.afterBlock)} and block_number <= ${BigInt(p.toBlock)}
    order by block_number, log_index) to stdout`;
  const stream = client.query(copyStreams.to(query));
  const intern = interner();
  let rest = "";
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString("latin1");
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      onRow(parseCopyLine(text, start, nl, intern));
      n++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) throw new Error("COPY stream ended inside a row");
  return n;
}

/**
 * One string object per distinct address: the rules key many maps by address, and a repeated
 * key object hits its cached hash and compares by pointer (measured ~25% faster evaluation).
 * The kept copy is a string of its own: a slice would keep its whole COPY chunk alive for as
 * long as the address is known, i.e. the whole stream.
 */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const canonical = seen.get(s);
    if (canonical !== undefined) return canonical;
    const own = Buffer.from(s, "latin1").toString("latin1");
    seen.set(own, own);
    return own;
  };
}

const KIND_BY_FIRST_CHAR: Record<number, TransferKind> = {
  116: "transfer", // t
  109: "mint", // m
  98: "burn", // b
};

/**
 * One text-format COPY line (hex, digits and a kind word, so no escapes can occur), cut at its
 * seven tabs without splitting or an array of positions: this runs a million times per rebuild.
 */
export function parseCopyLine(
  text: string,
  start: number,
  end: number,
  intern: (s: string) => string,
): MonitorTransfer {
  const t1 = text.indexOf("\t", start);
  const t2 = text.indexOf("\t", t1 + 1);
  const t3 = text.indexOf("\t", t2 + 1);
  const t4 = text.indexOf("\t", t3 + 1);
  const t5 = text.indexOf("\t", t4 + 1);
  const t6 = text.indexOf("\t", t5 + 1);
  const t7 = text.indexOf("\t", t6 + 1);
  const t8 = text.indexOf("\t", t7 + 1); // the next line's, or -1: an eighth field is an error
  const kind = KIND_BY_FIRST_CHAR[text.charCodeAt(t7 + 1)];
  if (t1 === -1 || t7 === -1 || t7 >= end || (t8 !== -1 && t8 < end) || !kind) {
    throw new Error(`unexpected COPY row: ${text.slice(start, end)}`);
  }
  return {
    type: "transfer",
    block: Number(text.slice(start, t1)),
    logIndex: Number(text.slice(t1 + 1, t2)),
    time: Number(text.slice(t2 + 1, t3)),
    txHash: text.slice(t3 + 1, t4),
    from: intern(text.slice(t4 + 1, t5)),
    to: intern(text.slice(t5 + 1, t6)),
    amount: BigInt(text.slice(t6 + 1, t7)),
    kind,
  };
}

async function streamByKeyset(
  tx: Tx,
  p: StreamTransfersParams,
  onRow: (t: MonitorTransfer) => void,
): Promise<number> {
  const pageSize = p.pageSize ?? 20_000;
  const intern = interner();
  let n = 0;
  let after = p.afterBlock;
  // Pages end on a block boundary: fetch by block ranges sized from the previous page.
  let span = 1_000n;
  while (after < p.toBlock) {
    const to = after + span < p.toBlock ? after + span : p.toBlock;
    const rows = await loadTransfers(tx, { chainId: p.chainId, afterBlock: after, toBlock: to });
    for (const r of rows) {
      r.from = intern(r.from);
      r.to = intern(r.to);
      onRow(r);
    }
    n += rows.length;
    after = to;
    if (rows.length < pageSize / 2) span *= 2n;
    else if (rows.length > pageSize && span > 1n) span /= 2n;
  }
  return n;
}

/**
 * End block of the next incremental step: the block before the one holding the `budget`-th
 * transfer after `afterBlock` (whole blocks only; one oversized block is taken whole).
 */
export async function stepEnd(
  tx: Tx,
  p: { chainId: number; afterBlock: bigint; toBlock: bigint; budget: number },
): Promise<bigint> {
  const [row] = rowsOf<{ b: string }>(
    await tx.execute(sql`select block_number::text as b from transfers
      where chain_id = ${p.chainId} and block_number > ${p.afterBlock} and block_number <= ${p.toBlock}
      order by block_number offset ${p.budget} limit 1`),
  );
  if (!row) return p.toBlock;
  const b = BigInt(row.b);
  return b - 1n > p.afterBlock ? b - 1n : b;
}
