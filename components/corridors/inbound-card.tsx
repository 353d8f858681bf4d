import { ChartCard, ChartDataTable } from "@/components/charts/chart-card";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Usd1Amount } from "@/components/ui/amount";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getInboundSeries } from "@/db/queries/corridors";
import { BUCKET_HEADERS, BUCKET_PHRASES, chartBucketFor } from "@/lib/charts/buckets";
import { CORRIDOR_COSTS } from "@/lib/config/corridor-costs";
import { averageTicket } from "@/lib/corridors/fees";
import { buildInboundChart, OTHER_SERIES } from "@/lib/corridors/inbound";
import { formatCountry, formatInt, formatShare } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";

export type CorridorsInboundCardProps = { fromDay: string; toDay: string; chainId?: number | undefined };

/**
 * Adjusted inbound volume per day (per week past two months, per month past a year), stacked by
 * source country, with per-source counts and tickets.
 */
export async function CorridorsInboundCard({ fromDay, toDay, chainId }: CorridorsInboundCardProps) {
  const home = CORRIDOR_COSTS.homeCountry;
  const db = await getReadDb();
  const bucket = chartBucketFor(fromDay, toDay);
  const chart = buildInboundChart(
    await getInboundSeries(db, { from: fromDay, to: toDay, chainId, destination: home, bucket }),
    5,
    bucket,
  );
  const label = (k: string) => (k === OTHER_SERIES ? "Other countries" : formatCountry(k));
  const series = chart.keys.map((key) => ({ key, label: label(key) }));
  const total = [...chart.totals.values()].reduce((s, t) => s + t.volume, 0n);
  const title = `${CORRIDOR_CARDS.inbound.title} into ${formatCountry(home)}`;
  return (
    <ChartCard
      id={CORRIDOR_CARDS.inbound.id}
      title={title}
      description={`Adjusted volume ${BUCKET_PHRASES[bucket]}, ${fromDay} – ${toDay}, finalized blocks; domestic flows left out.`}
      empty={
        chart.points.length === 0 ? `No inbound volume into ${formatCountry(home)} in this range.` : undefined
      }
      chart={
        <TimeSeriesChart
          data={chart.points}
          series={series}
          kind="bar"
          stacked
          valueKind="usd1"
          ariaLabel={`${title}: stacked bar chart; the numbers are in the tables below.`}
        />
      }
      tableLabel={`Show the numbers (per source and ${bucket === "day" ? "per day" : `per ${bucket}`})`}
      table={
        <div className="space-y-4">
          <Table caption={`Inbound into ${formatCountry(home)} by source, ${fromDay} – ${toDay}`} showCaption>
            <thead>
              <tr>
                <Th>Source</Th>
                <Th numeric>Adjusted transfers</Th>
                <Th numeric>Adjusted volume</Th>
                <Th numeric>Average ticket</Th>
                <Th numeric>Share</Th>
              </tr>
            </thead>
            <tbody>
              {chart.keys.map((k) => {
                const t = chart.totals.get(k) ?? { count: 0, volume: 0n };
                return (
                  <tr key={k} data-testid={`inbound-${k}`}>
                    <Th scope="row">{label(k)}</Th>
                    <Td numeric>{formatInt(t.count)}</Td>
                    <Td numeric>
                      <Usd1Amount wei={t.volume} />
                    </Td>
                    <Td numeric>
                      <Usd1Amount wei={averageTicket(t.volume, t.count)} />
                    </Td>
                    <Td numeric>{formatShare(t.volume, total)}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <ChartDataTable
            caption={`${title}, ${BUCKET_PHRASES[bucket]}`}
            xLabel={BUCKET_HEADERS[bucket]}
            data={chart.points}
            series={series}
            totalLabel="Total"
          />
        </div>
      }
    />
  );
}
