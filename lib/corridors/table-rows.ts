// The corridors table is small (one row per country pair), so the server filters, sorts and
// pages it in memory after one rollup query; the client only ever gets one page.
import type { CorridorTableRow } from "@/components/tables/corridors/corridors-table";
import type { CorridorSortId } from "@/components/tables/corridors/corridor-table-params";
import { formatCountry } from "@/lib/format";
import { corridorTransactionsHref } from "./drill-down";
import type { CorridorRow } from "./matrix";

export type CorridorTableQuery = {
  origin?: string | undefined;
  destination?: string | undefined;
  sort: { id: CorridorSortId; desc: boolean };
  offset: number;
  size: number;
  /** Drill-down scope. */
  fromDay: string;
  toDay: string;
  chainId?: number | undefined;
};

function compareBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

const SORT_KEYS: Record<CorridorSortId, (a: CorridorRow, b: CorridorRow) => number> = {
  adjusted: (a, b) => compareBig(a.adjustedVolume, b.adjustedVolume),
  count: (a, b) => a.adjustedCount - b.adjustedCount,
  ticket: (a, b) => compareBig(a.averageTicket, b.averageTicket),
  excluded: (a, b) => a.excludedCount - b.excludedCount,
  fees: (a, b) => compareBig(a.fees?.saved ?? -1n, b.fees?.saved ?? -1n),
  origin: (a, b) =>
    formatCountry(a.originCountry).localeCompare(formatCountry(b.originCountry)) ||
    formatCountry(a.destinationCountry).localeCompare(formatCountry(b.destinationCountry)),
};

export function corridorTablePage(
  rows: readonly CorridorRow[],
  q: CorridorTableQuery,
): { rows: CorridorTableRow[]; total: number } {
  const cmp = SORT_KEYS[q.sort.id];
  const filtered = rows
    .filter(
      (r) =>
        (q.origin === undefined || r.originCountry === q.origin) &&
        (q.destination === undefined || r.destinationCountry === q.destination),
    )
    // Ties broken by corridor name, so pages are stable.
    .sort((a, b) => (q.sort.desc ? -cmp(a, b) : cmp(a, b)) || SORT_KEYS.origin(a, b));
  return {
    total: filtered.length,
    rows: filtered.slice(q.offset, q.offset + q.size).map((r) => ({
      key: `${r.originCountry}-${r.destinationCountry}`,
      origin: r.originCountry,
      originName: formatCountry(r.originCountry),
      destination: r.destinationCountry,
      destinationName: formatCountry(r.destinationCountry),
      transferCount: r.transferCount,
      adjustedCount: r.adjustedCount,
      excludedCount: r.excludedCount,
      adjustedVolume: r.adjustedVolume.toString(),
      averageTicket: r.averageTicket.toString(),
      intraEntityVolume: r.intraEntityVolume.toString(),
      bridgeVolume: r.bridgeVolume.toString(),
      primaryVolume: r.primaryVolume.toString(),
      costPct: r.fees?.costPct ?? null,
      assumption: r.fees?.assumption ?? false,
      feesSaved: r.fees ? r.fees.saved.toString() : null,
      href: corridorTransactionsHref({
        origin: r.originCountry,
        destination: r.destinationCountry,
        fromDay: q.fromDay,
        toDay: q.toDay,
        chainId: q.chainId,
      }),
    })),
  };
}
