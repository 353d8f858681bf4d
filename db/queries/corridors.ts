// Queries behind the corridors view. They read the daily_corridor_volume rollup only (never raw
// transfers), so they stay cheap however long the history; the rollup covers finalized blocks.
// Aggregates are cast to text so both drivers hand back exact decimal strings.
import { and, asc, eq, gte, lte, max, min, ne, sql, type SQL } from "drizzle-orm";
import type { ChartBucket } from "@/lib/charts/buckets";
import type { Db } from "../client";
import { dailyCorridorVolume as dcv } from "../schema";

export type CorridorRangeParams = {
  /** First and last UTC day included, "YYYY-MM-DD"; from null = since the first day. */
  from: string | null;
  to: string;
  chainId?: number | undefined;
};

export type CorridorCell = {
  /** ISO 3166-1 alpha-2, or "ZZ" (unattributed). */
  originCountry: string;
  destinationCountry: string;
  transferCount: number;
  volume: bigint;
  adjustedCount: number;
  adjustedVolume: bigint;
  /** The exclusions, each transfer in one: volume = adjusted + intra-entity + bridge + primary. */
  intraEntityVolume: bigint;
  bridgeVolume: bigint;
  /** Primary market: the issuer's distributions and redemptions (rollups.ts corridorAttribution). */
  primaryCount: number;
  primaryVolume: bigint;
};

function rangeWhere(p: CorridorRangeParams, extra?: SQL): SQL | undefined {
  return and(
    p.from === null ? undefined : gte(dcv.day, p.from),
    lte(dcv.day, p.to),
    p.chainId === undefined ? undefined : eq(dcv.chainId, p.chainId),
    extra,
  );
}

const sums = {
  transferCount: sql<string>`sum(${dcv.transferCount})::text`,
  volume: sql<string>`sum(${dcv.volume})::text`,
  adjustedCount: sql<string>`sum(${dcv.adjustedCount})::text`,
  adjustedVolume: sql<string>`sum(${dcv.adjustedVolume})::text`,
  intraEntityVolume: sql<string>`sum(${dcv.intraEntityVolume})::text`,
  bridgeVolume: sql<string>`sum(${dcv.bridgeVolume})::text`,
  primaryCount: sql<string>`sum(${dcv.primaryCount})::text`,
  primaryVolume: sql<string>`sum(${dcv.primaryVolume})::text`,
};

type SumRow = { [K in keyof typeof sums]: string };

function toTotals(r: SumRow) {
  return {
    transferCount: Number(r.transferCount),
    volume: BigInt(r.volume),
    adjustedCount: Number(r.adjustedCount),
    adjustedVolume: BigInt(r.adjustedVolume),
    intraEntityVolume: BigInt(r.intraEntityVolume),
    bridgeVolume: BigInt(r.bridgeVolume),
    primaryCount: Number(r.primaryCount),
    primaryVolume: BigInt(r.primaryVolume),
  };
}

/** Every origin → destination pair with activity in the range, summed over days (and chains). */
export async function getCorridorCells(db: Db, params: CorridorRangeParams): Promise<CorridorCell[]> {
  const rows = await db
    .select({ originCountry: dcv.originCountry, destinationCountry: dcv.destinationCountry, ...sums })
    .from(dcv)
    .where(rangeWhere(params))
    .groupBy(dcv.originCountry, dcv.destinationCountry)
    .orderBy(asc(dcv.originCountry), asc(dcv.destinationCountry));
  return rows.map((r) => ({
    originCountry: r.originCountry,
    destinationCountry: r.destinationCountry,
    ...toTotals(r),
  }));
}

export type InboundSeriesParams = CorridorRangeParams & {
  /** Receiving country, e.g. "PK". Domestic flows (origin = destination) are left out. */
  destination: string;
  /** Summed per UTC day (default), ISO week (from Monday) or month (lib/charts/buckets). */
  bucket?: ChartBucket | undefined;
};

export type InboundPoint = {
  /** The first day of the bucket ("YYYY-MM-DD"). */
  day: string;
  originCountry: string;
  adjustedCount: number;
  adjustedVolume: bigint;
};

/** Adjusted inbound volume per bucket (UTC day by default) and sending country (ZZ its own series). */
export async function getInboundSeries(db: Db, params: InboundSeriesParams): Promise<InboundPoint[]> {
  const bucket = params.bucket ?? "day";
  // date_trunc of a timestamp without time zone: the session's time zone plays no part. The unit
  // is a literal (one of two constants), so select, group by and order by are one expression.
  const unit = sql.raw(bucket === "week" ? "'week'" : "'month'");
  const day =
    bucket === "day"
      ? sql<string>`${dcv.day}::text`
      : sql<string>`date_trunc(${unit}, ${dcv.day}::timestamp)::date::text`;
  const rows = await db
    .select({
      day,
      originCountry: dcv.originCountry,
      adjustedCount: sums.adjustedCount,
      adjustedVolume: sums.adjustedVolume,
    })
    .from(dcv)
    .where(
      rangeWhere(
        params,
        and(eq(dcv.destinationCountry, params.destination), ne(dcv.originCountry, params.destination)),
      ),
    )
    .groupBy(day, dcv.originCountry)
    .orderBy(asc(day), asc(dcv.originCountry));
  return rows.map((r) => ({
    day: r.day,
    originCountry: r.originCountry,
    adjustedCount: Number(r.adjustedCount),
    adjustedVolume: BigInt(r.adjustedVolume),
  }));
}

export type CorridorCoverage = { firstDay: string | null; lastDay: string | null };

/** First and last day the rollup holds (optionally for one chain): the default range of the view. */
export async function getCorridorCoverage(
  db: Db,
  params: { chainId?: number | undefined } = {},
): Promise<CorridorCoverage> {
  const [row] = await db
    .select({ firstDay: min(dcv.day), lastDay: max(dcv.day) })
    .from(dcv)
    .where(params.chainId === undefined ? undefined : eq(dcv.chainId, params.chainId));
  return { firstDay: row?.firstDay ?? null, lastDay: row?.lastDay ?? null };
}
