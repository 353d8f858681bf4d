import type { ReactNode } from "react";
import { ChartCard, ChartDataTable, TimeSeriesChartCard } from "@/components/charts/chart-card";
import type { ChartPoint, ChartSeries } from "@/components/charts/chart-data";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { getReadDb } from "@/db";
import { listKnownChains } from "@/db/queries/overview";
import { getSupplySeries } from "@/db/queries/supply";
import { BUCKET_HEADERS, BUCKET_PHRASES, bucketPoints, chartBucketFor } from "@/lib/charts/buckets";
import type { DateRange } from "@/lib/validators/view-params";
import { SUPPLY_CARDS, type SupplyWidgetParams } from "./cards";

const EMPTY = "No mints or burns up to the end of this range. Pick “All” or a later range, or another chain.";

const FLOW_SERIES: ChartSeries[] = [
  { key: "minted", label: "Minted", color: "#009E73" },
  { key: "burned", label: "Burned", color: "#D55E00" },
];
const FLOW_TABLE_SERIES: ChartSeries[] = [
  ...FLOW_SERIES,
  { key: "net", label: "Net issuance" },
  { key: "bridgeIn", label: "Bridge mints (not issuance)" },
  { key: "bridgeOut", label: "Bridge burns (not issuance)" },
];

/** Supply per chain over time (stacked) and daily issuance, from one read of the daily rollups. */
export async function SupplyHistoryCards({
  chainId,
  pkr,
  range,
  today,
  actions,
}: SupplyWidgetParams & { range: DateRange; today: string; actions?: ReactNode }) {
  const db = await getReadDb();
  const [series, chains] = await Promise.all([
    getSupplySeries(db, { chainId, fromDay: range.fromDay, toDay: range.toDay, today }),
    listKnownChains(db),
  ]);
  const nameOf = new Map(chains.map((c) => [c.chainId, c.name]));
  const chainSeries: ChartSeries[] = series.chainIds.map((id) => ({
    key: String(id),
    label: nameOf.get(id) ?? `Chain ${id}`,
  }));
  // Past two months the charts and their tables go per week, past a year per month (lib/charts/buckets).
  const first = series.days[0]?.day;
  const last = series.days.at(-1)?.day;
  const bucket = first && last ? chartBucketFor(first, last) : "day";
  const dailySupply: ChartPoint[] = series.days.map((d) => ({
    x: d.day,
    values: Object.fromEntries(series.chainIds.map((id) => [String(id), (d.supply[id] ?? 0n).toString()])),
  }));
  const dailyFlows: ChartPoint[] = series.days.map((d) => ({
    x: d.day,
    values: {
      minted: d.issuerMinted.toString(),
      burned: d.issuerBurned.toString(),
      net: (d.issuerMinted - d.issuerBurned).toString(),
      bridgeIn: d.bridgeMinted.toString(),
      bridgeOut: d.bridgeBurned.toString(),
    },
  }));
  const supplyPoints = bucketPoints(dailySupply, bucket, "last");
  const flowPoints = bucketPoints(dailyFlows, bucket, "sum");
  const provisional = series.provisionalFrom
    ? ` Days from ${series.provisionalFrom} include blocks not yet finalized.`
    : "";
  return (
    <>
      <TimeSeriesChartCard
        {...SUPPLY_CARDS.history}
        actions={actions}
        description={`End of each ${bucket === "day" ? "UTC day" : bucket === "week" ? "week (Sunday, UTC)" : "UTC month"} (or the range's last day), ${range.label}, stacked by chain.${provisional}`}
        kind="area"
        stacked
        data={supplyPoints}
        series={chainSeries}
        xLabel={BUCKET_HEADERS[bucket]}
        totalLabel="Total"
        pkrPerUsd={pkr}
        empty={supplyPoints.length === 0 ? EMPTY : undefined}
      />
      <ChartCard
        {...SUPPLY_CARDS.issuance}
        title={bucket === "day" ? SUPPLY_CARDS.issuance.title : `Minted and burned ${BUCKET_PHRASES[bucket].replace(/ \(.*\)$/, "")} (issuance)`}
        description={`Issuer mints and burns ${BUCKET_PHRASES[bucket]}, ${range.label}; bridge pools' mints and burns are listed in the table but are not issuance.`}
        empty={flowPoints.length === 0 ? EMPTY : undefined}
        chart={
          <TimeSeriesChart
            kind="bar"
            data={flowPoints}
            series={FLOW_SERIES}
            ariaLabel={`Minted and burned ${BUCKET_PHRASES[bucket]}: bar chart; the numbers are in the table below.`}
          />
        }
        table={
          <ChartDataTable
            caption={`Issuance and bridge flows ${BUCKET_PHRASES[bucket]}`}
            xLabel={BUCKET_HEADERS[bucket]}
            data={flowPoints}
            series={FLOW_TABLE_SERIES}
            pkrPerUsd={pkr}
          />
        }
      />
    </>
  );
}
