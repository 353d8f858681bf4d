// The peg (issue #17): configured pools and USD1's time-weighted price in them. Prices come from
// each Swap's sqrtPriceX96 exactly (lib/reserves/math.ts); a 5-minute bucket is the unit of the
// TWAP, and longer display periods keep both the period's average and its worst 5-minute bucket,
// so a short depeg is never averaged away.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { rowsOf } from "./sql-arrays";
import {
  BUCKET_SECONDS,
  deviationCentiBpsE18,
  pegBuckets,
  toE18,
  usd1Price,
  type PegBucket,
  type PricePoint,
} from "@/lib/reserves/math";

type Reader = Db | Tx;

export type PegPool = {
  id: number;
  chainId: number;
  address: string;
  dex: "uniswap_v3" | "pancake_v3";
  usd1IsToken0: boolean;
  usd1Decimals: number;
  quoteSymbol: string;
  quoteDecimals: number;
  fee: number;
  label: string;
};

type PoolRow = {
  id: number;
  chain_id: number;
  address: string;
  dex: "uniswap_v3" | "pancake_v3";
  usd1_is_token0: boolean;
  usd1_decimals: number;
  quote_symbol: string;
  quote_decimals: number;
  fee: number;
  label: string;
};

export async function listPegPools(db: Reader, p: { chainId?: number | undefined } = {}): Promise<PegPool[]> {
  const chainOnly = p.chainId === undefined ? sql`true` : sql`chain_id = ${p.chainId}`;
  const rows = rowsOf<PoolRow>(
    await db.execute(sql`
      select id, chain_id, address, dex, usd1_is_token0, usd1_decimals, quote_symbol, quote_decimals, fee, label
      from peg_pools where ${chainOnly} order by chain_id, id`),
  );
  return rows.map((r) => ({
    id: r.id,
    chainId: r.chain_id,
    address: r.address,
    dex: r.dex,
    usd1IsToken0: r.usd1_is_token0,
    usd1Decimals: r.usd1_decimals,
    quoteSymbol: r.quote_symbol,
    quoteDecimals: r.quote_decimals,
    fee: r.fee,
    label: r.label,
  }));
}

type SwapRow = { t: string; sqrt_price_x96: string; liquidity: string };

function pointOf(pool: PegPool, r: SwapRow): PricePoint {
  return {
    time: Number(r.t),
    priceE18: toE18(usd1Price(BigInt(r.sqrt_price_x96), pool)),
    liquidity: BigInt(r.liquidity),
  };
}

export type PoolPricePoints = {
  opening: PricePoint | null;
  points: PricePoint[];
  firstSwapTime: number | null;
};

/** The pool's state before `from` and every swap in [from, to), in chain order (unix seconds). */
export async function loadPoolPricePoints(
  db: Reader,
  pool: PegPool,
  from: number,
  to: number,
): Promise<PoolPricePoints> {
  const cols = sql`extract(epoch from block_time)::bigint::text as t, sqrt_price_x96::text as sqrt_price_x96, liquidity::text as liquidity`;
  const [opening] = rowsOf<SwapRow>(
    await db.execute(sql`
      select ${cols} from pool_swaps
      where pool_id = ${pool.id} and block_time < to_timestamp(${from})
      order by block_number desc, log_index desc limit 1`),
  );
  const rows = rowsOf<SwapRow>(
    await db.execute(sql`
      select ${cols} from pool_swaps
      where pool_id = ${pool.id} and block_time >= to_timestamp(${from}) and block_time < to_timestamp(${to})
      order by block_number, log_index`),
  );
  const [first] = rowsOf<{ t: string | null }>(
    await db.execute(
      sql`select extract(epoch from min(block_time))::bigint::text as t from pool_swaps where pool_id = ${pool.id}`,
    ),
  );
  return {
    opening: opening ? pointOf(pool, opening) : null,
    points: rows.map((r) => pointOf(pool, r)),
    firstSwapTime: first?.t ? Number(first.t) : null,
  };
}

export const floorBucket = (t: number) => Math.floor(t / BUCKET_SECONDS) * BUCKET_SECONDS;
export const ceilBucket = (t: number) => Math.ceil(t / BUCKET_SECONDS) * BUCKET_SECONDS;

/** 5-minute buckets of one pool over [from, to) (aligned outward to 5 minutes). */
export async function getPoolBuckets(
  db: Reader,
  pool: PegPool,
  from: number,
  to: number,
): Promise<PegBucket[]> {
  const f = floorBucket(from);
  const t = ceilBucket(to);
  const { opening, points } = await loadPoolPricePoints(db, pool, f, t);
  return pegBuckets(points, f, t, opening);
}

export type PegPeriod = {
  /** Period start, unix seconds. */
  start: number;
  /** Average of the period's 5-minute TWAPs weighted by their covered seconds (floor). */
  twapE18: bigint | null;
  deviationCentiBps: bigint | null;
  /** The 5-minute bucket furthest from the peg in the period (its signed deviation). */
  worstCentiBps: bigint | null;
  /** In-range liquidity at the period's end. */
  liquidity: bigint | null;
  minLiquidity: bigint | null;
  swaps: number;
};

/** Folds 5-minute buckets into display periods of `seconds` (a multiple of 300). */
export function foldBuckets(buckets: readonly PegBucket[], seconds: number): PegPeriod[] {
  const out: PegPeriod[] = [];
  let cur: (PegPeriod & { weighted: bigint; covered: number }) | null = null;
  const flush = () => {
    if (!cur) return;
    const twap = cur.covered > 0 ? cur.weighted / BigInt(cur.covered) : null;
    out.push({
      start: cur.start,
      twapE18: twap,
      deviationCentiBps: twap === null ? null : deviationCentiBpsE18(twap),
      worstCentiBps: cur.worstCentiBps,
      liquidity: cur.liquidity,
      minLiquidity: cur.minLiquidity,
      swaps: cur.swaps,
    });
  };
  for (const b of buckets) {
    const start = Math.floor(b.start / seconds) * seconds;
    if (!cur || cur.start !== start) {
      flush();
      cur = {
        start,
        twapE18: null,
        deviationCentiBps: null,
        worstCentiBps: null,
        liquidity: null,
        minLiquidity: null,
        swaps: 0,
        weighted: 0n,
        covered: 0,
      };
    }
    if (b.twapE18 !== null) {
      cur.weighted += b.twapE18 * BigInt(b.coveredSeconds);
      cur.covered += b.coveredSeconds;
    }
    const d = b.deviationCentiBps;
    if (d !== null && (cur.worstCentiBps === null || abs(d) > abs(cur.worstCentiBps))) cur.worstCentiBps = d;
    cur.liquidity = b.liquidity ?? cur.liquidity;
    if (b.minLiquidity !== null && (cur.minLiquidity === null || b.minLiquidity < cur.minLiquidity)) {
      cur.minLiquidity = b.minLiquidity;
    }
    cur.swaps += b.swaps;
  }
  flush();
  return out;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** Display period for a range: 5 minutes up to 2 days, hourly up to 14 days, else daily. */
export function periodFor(seconds: number): number {
  if (seconds <= 2 * 86_400) return BUCKET_SECONDS;
  if (seconds <= 14 * 86_400) return 3_600;
  return 86_400;
}

export type PoolSeries = { pool: PegPool; periodSeconds: number; periods: PegPeriod[] };

export type GetPegSeriesParams = {
  chainId?: number | undefined;
  /** Inclusive; null = from each pool's first swap. */
  since: Date | null;
  until: Date;
};

/** Per pool: TWAP, worst 5-minute deviation and liquidity per display period over the range. */
export async function getPegSeries(db: Db, p: GetPegSeriesParams): Promise<PoolSeries[]> {
  const pools = await listPegPools(db, { chainId: p.chainId });
  const to = Math.floor(p.until.getTime() / 1000);
  const out: PoolSeries[] = [];
  for (const pool of pools) {
    let from = p.since ? Math.floor(p.since.getTime() / 1000) : null;
    if (from === null) {
      const { firstSwapTime } = await loadPoolPricePoints(db, pool, to, to);
      if (firstSwapTime === null) {
        out.push({ pool, periodSeconds: 86_400, periods: [] });
        continue;
      }
      from = firstSwapTime;
    }
    const period = periodFor(to - from);
    const f = Math.floor(from / period) * period;
    const buckets = await getPoolBuckets(db, pool, f, to);
    out.push({ pool, periodSeconds: period, periods: foldBuckets(buckets, period) });
  }
  return out;
}
