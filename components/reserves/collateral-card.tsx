import type { ReactNode } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import type { ChartPoint } from "@/components/charts/chart-data";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Usd1Amount } from "@/components/ui/amount";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getCollateralSeries } from "@/db/queries/reserves";
import { formatPercentE18 } from "@/lib/reserves/math";
import type { DateRange } from "@/lib/validators/view-params";

const SERIES = [
  { key: "reserves", label: "Reserves", color: "#009E73" },
  { key: "supply", label: "Native supply", color: "#0072B2" },
];

/** Reserves and native supply per UTC day (lines), with the exact figures, ratio and coverage in the table. */
export async function CollateralCard({
  range,
  today,
  actions,
}: {
  range: DateRange;
  today: string;
  actions?: ReactNode;
}) {
  const series = await getCollateralSeries(await getReadDb(), {
    fromDay: range.fromDay,
    toDay: range.toDay,
    today,
  });
  const data: ChartPoint[] = series.map((p) => ({
    x: p.day,
    values: { reserves: (p.reserves?.reservesWei ?? 0n).toString(), supply: p.supplyWei.toString() },
  }));
  return (
    <ChartCard
      id="reserves-collateral"
      title="Collateral ratio over time"
      actions={actions}
      description={`End of each UTC day, ${range.label}: the latest reserve figure (feed report or confirmed attestation) against native supply. The ratio covers all native supply whatever the chain filter.`}
      empty={series.length === 0 ? "Nothing to compare in this range yet." : undefined}
      chart={
        <TimeSeriesChart
          kind="line"
          data={data}
          series={SERIES}
          ariaLabel="Reserves and native supply per day: line chart; the numbers are in the table below."
        />
      }
      table={
        <Table caption="Collateral ratio per day" scrollRegion>
          <thead>
            <tr>
              <Th>Day (UTC)</Th>
              <Th numeric>Reserves</Th>
              <Th>From</Th>
              <Th numeric>Indexed supply</Th>
              <Th numeric>Entered supply</Th>
              <Th numeric>Native supply</Th>
              <Th numeric>Ratio</Th>
              <Th numeric>Coverage</Th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.day} data-under={p.underCollateralised ? "true" : undefined}>
                <Th scope="row" className="whitespace-nowrap tabular-nums">
                  {p.day}
                </Th>
                <Td numeric>{p.reserves ? <Usd1Amount wei={p.reserves.reservesWei.toString()} /> : "–"}</Td>
                <Td>{p.reserves ? (p.reserves.kind === "feed" ? "Feed" : "Attestation") : "–"}</Td>
                <Td numeric>
                  <Usd1Amount wei={p.indexedSupplyWei.toString()} />
                </Td>
                <Td numeric>
                  <Usd1Amount wei={p.enteredSupplyWei.toString()} />
                </Td>
                <Td numeric>
                  <Usd1Amount wei={p.supplyWei.toString()} />
                </Td>
                <Td numeric className={p.underCollateralised ? "font-semibold text-red-800" : undefined}>
                  {p.ratioE18 === null ? "–" : `${formatPercentE18(p.ratioE18)} %`}
                </Td>
                <Td numeric>{p.coverageE18 === null ? "–" : `${formatPercentE18(p.coverageE18)} %`}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}
