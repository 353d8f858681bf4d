// The days a view's figures cover, resolved the way the view resolves them, so an export of the
// corridor matrix or the supply series holds exactly the rows its screen shows, including for
// "all time" (no `from`), which each view turns into concrete days from its own data.
import type { Db } from "@/db/client";
import { getCorridorCoverage } from "@/db/queries/corridors";
import { getSupplySeries } from "@/db/queries/supply";
import type { DateRange, SearchParams } from "@/lib/validators/view-params";

/** The shared view params (chain and date range): all a view-scoped export needs from the URL. */
export const VIEW_SCOPE_KEYS = ["chain", "range", "from", "to"] as const;

/** The view's chain and range only (drops the view's table state: pages, sorts, filters). */
export function viewScopeParams(sp: SearchParams): SearchParams {
  const out: SearchParams = {};
  for (const key of VIEW_SCOPE_KEYS) if (sp[key] !== undefined) out[key] = sp[key];
  return out;
}

export type ViewDays = { fromDay: string; toDay: string; label: string };

/** The scope in words, for an XLSX Filter sheet. */
export function scopeFilterLines(p: {
  days: ViewDays | null;
  rangeLabel: string;
  chainId: number | undefined;
  chains: readonly { chainId: number; name: string }[];
}): [string, string][] {
  const chain =
    p.chainId === undefined
      ? "All chains"
      : `${p.chains.find((c) => c.chainId === p.chainId)?.name ?? "Chain"} (${p.chainId})`;
  return [
    ["Chain", chain],
    ["Range", p.rangeLabel],
    ["Days (UTC)", p.days ? `${p.days.fromDay} to ${p.days.toDay}` : "none with data"],
  ];
}

type RangeLike = Pick<DateRange, "fromDay" | "toDay" | "label"> & { preset: string };

/**
 * The corridors view's days: "all time" runs from the rollup's first day to its last (which may
 * be after today on a chain whose clock runs ahead); a bounded range is taken as it is.
 */
export async function corridorViewDays(
  db: Db,
  p: { chainId: number | undefined; range: RangeLike },
): Promise<ViewDays> {
  const coverage = await getCorridorCoverage(db, { chainId: p.chainId });
  const fromDay = p.range.fromDay ?? coverage.firstDay ?? p.range.toDay;
  const toDay =
    p.range.preset === "all" && coverage.lastDay && coverage.lastDay > p.range.toDay
      ? coverage.lastDay
      : p.range.toDay;
  const label = p.range.preset === "all" ? `All time (${fromDay} – ${toDay})` : p.range.label;
  return { fromDay, toDay, label };
}

/**
 * The supply view's days (its series query clips the range to today and, for "all time", to the
 * first and last day with a mint or burn). Null when the view draws no day at all.
 */
export async function supplyViewDays(
  db: Db,
  p: { chainId: number | undefined; range: RangeLike; today: string },
): Promise<ViewDays | null> {
  const series = await getSupplySeries(db, {
    chainId: p.chainId,
    fromDay: p.range.fromDay,
    toDay: p.range.toDay,
    today: p.today,
  });
  const first = series.days[0]?.day;
  const last = series.days.at(-1)?.day;
  if (first === undefined || last === undefined) return null;
  return {
    fromDay: first,
    toDay: last,
    label: p.range.preset === "all" ? `All time (${first} – ${last})` : p.range.label,
  };
}
