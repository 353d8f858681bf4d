// The overview's top corridors: adjusted volume per country pair since a day, from the rollups.
import { and, asc, desc, eq, gt, gte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dailyCorridorVolume } from "../schema";
import { type ChainFilter } from "./overview";

export type TopCorridorsParams = ChainFilter & {
  /** First UTC day included, "YYYY-MM-DD". */
  since: string;
  limit: number;
};
export type Corridor = {
  /** ISO 3166-1 alpha-2, or "ZZ" for unattributed (never guessed). */
  originCountry: string;
  destinationCountry: string;
  /** Excludes intra-entity, bridge and primary-market transfers; summed over chains. */
  adjustedVolume: bigint;
  adjustedCount: number;
  volume: bigint;
  transferCount: number;
};

/** Corridors by adjusted volume over rolled-up (finalized) days, all chains together. */
export async function getTopCorridors(db: Db, params: TopCorridorsParams): Promise<Corridor[]> {
  const adjusted = sql<string>`sum(${dailyCorridorVolume.adjustedVolume})`;
  const rows = await db
    .select({
      originCountry: dailyCorridorVolume.originCountry,
      destinationCountry: dailyCorridorVolume.destinationCountry,
      adjustedVolume: sql<string>`${adjusted}::text`,
      adjustedCount: sql<number>`sum(${dailyCorridorVolume.adjustedCount})::int`,
      volume: sql<string>`sum(${dailyCorridorVolume.volume})::text`,
      transferCount: sql<number>`sum(${dailyCorridorVolume.transferCount})::int`,
    })
    .from(dailyCorridorVolume)
    .where(
      and(
        gte(dailyCorridorVolume.day, params.since),
        params.chainId === undefined ? undefined : eq(dailyCorridorVolume.chainId, params.chainId),
      ),
    )
    .groupBy(dailyCorridorVolume.originCountry, dailyCorridorVolume.destinationCountry)
    .having(gt(adjusted, sql`0`))
    .orderBy(
      desc(adjusted),
      asc(dailyCorridorVolume.originCountry),
      asc(dailyCorridorVolume.destinationCountry),
    )
    .limit(params.limit);
  return rows.map((r) => ({
    originCountry: r.originCountry,
    destinationCountry: r.destinationCountry,
    adjustedVolume: BigInt(r.adjustedVolume),
    adjustedCount: Number(r.adjustedCount),
    volume: BigInt(r.volume),
    transferCount: Number(r.transferCount),
  }));
}
