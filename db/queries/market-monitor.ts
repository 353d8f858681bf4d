// Reads of the market monitor (lib/monitoring/market/evaluate.ts): every feed's reports, every
// pool's swaps, native supply movements and entered figures, and the chain clock. All in chain
// order, read inside the monitor's transaction (one snapshot).
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { chains } from "../schema/chain";
import { listPegPools, type PegPool } from "./peg";
import { pgArray, rowsOf } from "./sql-arrays";
import { isNativeTokenAddress } from "@/lib/reserves/chains";
import { toE18, usd1Price } from "@/lib/reserves/math";

export type FeedReportRow = {
  block: number;
  txHash: string;
  logIndex: number;
  time: number;
  reportedAt: number;
  reservesWei: bigint;
};
export type FeedSeries = {
  sourceId: number;
  chainId: number;
  address: string;
  label: string;
  reports: FeedReportRow[];
};

export async function loadReserveFeeds(tx: Tx): Promise<FeedSeries[]> {
  const sources = rowsOf<{ id: number; chain_id: number; address: string; label: string }>(
    await tx.execute(sql`select id, chain_id, address, label from reserve_sources order by chain_id, id`),
  );
  const rows = rowsOf<{
    source_id: number;
    block: string;
    tx_hash: string;
    log_index: number;
    t: string;
    r: string;
    reserves_wei: string;
  }>(
    await tx.execute(sql`
      select source_id, block_number::text as block, tx_hash, log_index,
        extract(epoch from block_time)::bigint::text as t, extract(epoch from reported_at)::bigint::text as r,
        reserves_wei::text as reserves_wei
      from reserve_reports order by source_id, block_number, log_index`),
  );
  const bySource = new Map<number, FeedReportRow[]>();
  for (const r of rows) {
    const list = bySource.get(r.source_id) ?? [];
    list.push({
      block: Number(r.block),
      txHash: r.tx_hash,
      logIndex: r.log_index,
      time: Number(r.t),
      reportedAt: Number(r.r),
      reservesWei: BigInt(r.reserves_wei),
    });
    bySource.set(r.source_id, list);
  }
  return sources.map((s) => ({
    sourceId: s.id,
    chainId: s.chain_id,
    address: s.address,
    label: s.label,
    reports: bySource.get(s.id) ?? [],
  }));
}

export type SwapRow = {
  block: number;
  txHash: string;
  logIndex: number;
  time: number;
  priceE18: bigint;
  liquidity: bigint;
};

export async function loadPoolsWithSwaps(tx: Tx): Promise<{ pool: PegPool; swaps: SwapRow[] }[]> {
  const pools = await listPegPools(tx);
  const out: { pool: PegPool; swaps: SwapRow[] }[] = [];
  for (const pool of pools) {
    const rows = rowsOf<{
      block: string;
      tx_hash: string;
      log_index: number;
      t: string;
      s: string;
      l: string;
    }>(
      await tx.execute(sql`
        select block_number::text as block, tx_hash, log_index, extract(epoch from block_time)::bigint::text as t,
          sqrt_price_x96::text as s, liquidity::text as l
        from pool_swaps where pool_id = ${pool.id} order by block_number, log_index`),
    );
    out.push({
      pool,
      swaps: rows.map((r) => ({
        block: Number(r.block),
        txHash: r.tx_hash,
        logIndex: r.log_index,
        time: Number(r.t),
        priceE18: toE18(usd1Price(BigInt(r.s), pool)),
        liquidity: BigInt(r.l),
      })),
    });
  }
  return out;
}

export type SupplyMoves = {
  /** Net mint − burn per second on native indexed chains, in time order. */
  moves: { time: number; delta: bigint }[];
  /** Entered native supply per chain: as-of day and amount, in as-of order. */
  entered: { chain: string; asOf: string; supplyWei: bigint }[];
};

export async function loadNativeSupplyMoves(tx: Tx): Promise<SupplyMoves> {
  const all = await tx.select({ id: chains.chainId, token: chains.tokenAddress }).from(chains);
  const native = all.filter((c) => isNativeTokenAddress(c.token)).map((c) => c.id);
  const moves =
    native.length === 0
      ? []
      : rowsOf<{ t: string; d: string }>(
          await tx.execute(sql`
            select extract(epoch from block_time)::bigint::text as t,
              sum(case when kind = 'mint' then amount else -amount end)::text as d
            from transfers where kind in ('mint', 'burn') and chain_id = any(${pgArray(native, "int4[]")})
            group by 1 order by 1`),
        );
  const entered = rowsOf<{ chain: string; as_of: string; supply_wei: string }>(
    await tx.execute(
      sql`select chain, as_of::text as as_of, supply_wei::text as supply_wei from entered_supply order by as_of, id`,
    ),
  );
  return {
    moves: moves.map((m) => ({ time: Number(m.t), delta: BigInt(m.d) })),
    entered: entered.map((e) => ({ chain: e.chain, asOf: e.as_of, supplyWei: BigInt(e.supply_wei) })),
  };
}

/** The latest block time the product knows of (token blocks, reports, swaps), epoch s; null if none. */
export async function marketClock(tx: Tx): Promise<number | null> {
  const [row] = rowsOf<{ t: string | null }>(
    await tx.execute(sql`
      select extract(epoch from greatest(
        (select max(b.timestamp) from chains c cross join lateral (
          select timestamp from blocks where chain_id = c.chain_id order by number desc limit 1) b),
        (select max(block_time) from reserve_reports),
        (select max(s.block_time) from peg_pools p cross join lateral (
          select block_time from pool_swaps where pool_id = p.id order by block_time desc limit 1) s)
      ))::bigint::text as t`),
  );
  return row?.t ? Number(row.t) : null;
}

/** Chains holding R13/R14 alerts (a feed or pool removed since still has its alerts to diff). */
export async function marketAlertChains(tx: Tx): Promise<number[]> {
  const rows = rowsOf<{ chain_id: number }>(
    await tx.execute(sql`select distinct chain_id from alerts where rule_id in ('R13', 'R14') order by 1`),
  );
  return rows.map((r) => Number(r.chain_id));
}

/** One market monitor at a time (the follower of each chain may kick it). */
export async function lockMarketMonitor(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('usd1.market-monitor'))`);
}

/**
 * What R13's native supply is read from, as one string: every chain's indexed tip (block and
 * hash: it moves with each indexed batch and with a reorg) and the entered figures. A change means
 * the ratios may read differently: the market follower's loop kicks the monitor on it.
 */
export async function nativeSupplyStamp(db: Db): Promise<string> {
  const [row] = rowsOf<{ s: string }>(
    await db.execute(sql`
      select coalesce((select string_agg(chain_id || ':' || indexed_block || ':' || coalesce(indexed_block_hash, ''), ',' order by chain_id)
        from indexer_checkpoints), '')
        || '|' || (select count(*) || ':' || coalesce(max(id), 0) from entered_supply) as s`),
  );
  return row?.s ?? "";
}
