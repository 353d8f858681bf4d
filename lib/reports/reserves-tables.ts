// The Reserves & peg view's two series as export tables: the collateral ratio per UTC day and
// each pool's peg per display period. Exact figures: wei with their USD1 rendering, ratios as
// 1e18 fixed point beside a percentage rounded down, deviations in basis points to 0.01.
import type { Db } from "@/db/client";
import { getPegSeries, type PegPeriod, type PegPool } from "@/db/queries/peg";
import { getCollateralSeries, type CollateralPoint } from "@/db/queries/reserves";
import { formatCentiBps, formatE18, formatPercentE18 } from "@/lib/reserves/math";
import type { ExportColumn, ExportTable } from "./cells";

type Col<R> = ExportColumn<R>;
const money = <R>(name: string, get: (r: R) => string | null): Col<R>[] => [
  { header: `${name}_wei`, kind: "wei", value: get, width: 28 },
  { header: `${name}_usd1`, kind: "usd1", value: get, width: 28 },
];
const e18 = (v: bigint | null) => (v === null ? null : v.toString());
const pct = (v: bigint | null) => (v === null ? null : formatPercentE18(v));

export const COLLATERAL_COLUMNS: readonly Col<CollateralPoint>[] = [
  { header: "day", kind: "date", value: (r) => r.day, width: 11 },
  ...money<CollateralPoint>("reserves", (r) => r.reserves?.reservesWei.toString() ?? null),
  { header: "reserves_source", kind: "text", value: (r) => r.reserves?.kind ?? null, width: 12 },
  { header: "reserves_label", kind: "text", value: (r) => r.reserves?.label ?? null, width: 30 },
  {
    header: "reserves_as_of_utc",
    kind: "datetime",
    value: (r) => r.reserves?.at.toISOString() ?? null,
    width: 20,
  },
  ...money<CollateralPoint>("indexed_supply", (r) => r.indexedSupplyWei.toString()),
  ...money<CollateralPoint>("entered_supply", (r) => r.enteredSupplyWei.toString()),
  ...money<CollateralPoint>("native_supply", (r) => r.supplyWei.toString()),
  { header: "ratio_e18", kind: "int", value: (r) => e18(r.ratioE18), width: 22 },
  { header: "ratio_percent", kind: "text", value: (r) => pct(r.ratioE18), width: 10 },
  { header: "under_collateralised", kind: "bool", value: (r) => r.underCollateralised, width: 8 },
  { header: "coverage_e18", kind: "int", value: (r) => e18(r.coverageE18), width: 22 },
  { header: "coverage_percent", kind: "text", value: (r) => pct(r.coverageE18), width: 10 },
];

export function collateralSeriesTable(
  db: Db,
  p: { fromDay: string | null; toDay: string; today: string },
): ExportTable<CollateralPoint> {
  async function* rows() {
    yield await getCollateralSeries(db, p);
  }
  return { title: "Collateral ratio", columns: COLLATERAL_COLUMNS, rows: rows() };
}

export type PegExportRow = PegPeriod & { pool: PegPool; periodSeconds: number };

export const PEG_COLUMNS: readonly Col<PegExportRow>[] = [
  { header: "chain_id", kind: "int", value: (r) => r.pool.chainId, width: 9 },
  { header: "pool_address", kind: "text", value: (r) => r.pool.address, width: 44 },
  { header: "pool_label", kind: "text", value: (r) => r.pool.label, width: 24 },
  { header: "quote", kind: "text", value: (r) => r.pool.quoteSymbol, width: 8 },
  {
    header: "period_start_utc",
    kind: "datetime",
    value: (r) => new Date(r.start * 1000).toISOString(),
    width: 20,
  },
  { header: "period_seconds", kind: "int", value: (r) => r.periodSeconds, width: 8 },
  { header: "twap_e18", kind: "int", value: (r) => e18(r.twapE18), width: 22 },
  {
    header: "twap",
    kind: "text",
    value: (r) => (r.twapE18 === null ? null : formatE18(r.twapE18, 6)),
    width: 10,
  },
  {
    header: "deviation_bps",
    kind: "text",
    value: (r) =>
      r.deviationCentiBps === null ? null : formatCentiBps(r.deviationCentiBps).replace("−", "-"),
    width: 10,
  },
  {
    header: "worst_5min_deviation_bps",
    kind: "text",
    value: (r) => (r.worstCentiBps === null ? null : formatCentiBps(r.worstCentiBps).replace("−", "-")),
    width: 10,
  },
  { header: "liquidity_close", kind: "int", value: (r) => e18(r.liquidity), width: 28 },
  { header: "liquidity_min", kind: "int", value: (r) => e18(r.minLiquidity), width: 28 },
  { header: "swaps", kind: "int", value: (r) => r.swaps, width: 8 },
];

export function pegSeriesTable(
  db: Db,
  p: { chainId?: number | undefined; since: Date | null; until: Date },
): ExportTable<PegExportRow> {
  async function* rows() {
    for (const s of await getPegSeries(db, p)) {
      yield s.periods.map((period) => ({ ...period, pool: s.pool, periodSeconds: s.periodSeconds }));
    }
  }
  return { title: "Peg", columns: PEG_COLUMNS, rows: rows() };
}
