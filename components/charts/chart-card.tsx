import type { ReactNode } from "react";
import { Card } from "../ui/card";
import { Usd1Amount } from "../ui/amount";
import { Table, Td, Th } from "../ui/table";
import { formatInt } from "@/lib/format";
import type { ChartPoint, ChartSeries, ChartValueKind } from "./chart-data";
import { TimeSeriesChart, type TimeSeriesChartProps } from "./time-series-chart";

export type ChartDataTableProps = {
  caption: string;
  /** Header of the first column ("Day (UTC)"). */
  xLabel: string;
  data: ChartPoint[];
  series: ChartSeries[];
  valueKind?: ChartValueKind;
  /** Adds a last column with the row's sum (for stacked charts). */
  totalLabel?: string;
  pkrPerUsd?: string | undefined;
  /** Caption shown above the table (default: for screen readers only). */
  showCaption?: boolean;
  /** A focusable, named scroll container, for tables wider than their card (see Table). */
  scrollRegion?: boolean;
};

/** The chart's numbers as a table: exact (wei in tooltips), selectable, read by screen readers. */
export function ChartDataTable({
  caption,
  xLabel,
  data,
  series,
  valueKind = "usd1",
  totalLabel,
  pkrPerUsd,
  showCaption,
  scrollRegion,
}: ChartDataTableProps) {
  const show = (v: string) =>
    valueKind === "usd1" ? <Usd1Amount wei={v} pkrPerUsd={pkrPerUsd} /> : formatInt(v);
  return (
    <Table caption={caption} showCaption={showCaption} scrollRegion={scrollRegion}>
      <thead>
        <tr>
          <Th>{xLabel}</Th>
          {series.map((s) => (
            <Th key={s.key} numeric>
              {s.label}
            </Th>
          ))}
          {totalLabel ? <Th numeric>{totalLabel}</Th> : null}
        </tr>
      </thead>
      <tbody>
        {data.map((p) => (
          <tr key={p.x}>
            <Th scope="row" className="whitespace-nowrap tabular-nums">
              {p.x}
            </Th>
            {series.map((s) => (
              <Td key={s.key} numeric>
                {show(p.values[s.key] ?? "0")}
              </Td>
            ))}
            {totalLabel ? (
              <Td numeric>
                {show(series.reduce((acc, s) => acc + BigInt(p.values[s.key] ?? "0"), 0n).toString())}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export type ChartCardProps = {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Any chart (usually <TimeSeriesChart>); it must not be the only place its numbers appear. */
  chart: ReactNode;
  /** The same numbers as a table (usually <ChartDataTable>), behind a disclosure. */
  table: ReactNode;
  /** Text of the disclosure; default "Show the numbers". */
  tableLabel?: string;
  /** Open the table by default (e.g. when the chart has few points). */
  tableOpen?: boolean;
  /** Shown instead of chart and table when there is nothing to plot: say what to do. */
  empty?: ReactNode;
};

/** A card with a chart and, below it, the table of the same numbers. */
export function ChartCard({
  id,
  title,
  description,
  actions,
  chart,
  table,
  tableLabel,
  tableOpen,
  empty,
}: ChartCardProps) {
  return (
    <Card id={id} title={title} description={description} actions={actions}>
      {empty ? (
        <div className="rounded border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          {empty}
        </div>
      ) : (
        <>
          {chart}
          <details className="mt-3" open={tableOpen}>
            <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">
              {tableLabel ?? "Show the numbers"}
            </summary>
            <div className="mt-2">{table}</div>
          </details>
        </>
      )}
    </Card>
  );
}

export type TimeSeriesChartCardProps = Omit<ChartCardProps, "chart" | "table"> &
  Pick<TimeSeriesChartProps, "kind" | "stacked" | "height"> & {
    data: ChartPoint[];
    series: ChartSeries[];
    valueKind?: ChartValueKind;
    xLabel: string;
    totalLabel?: string;
    pkrPerUsd?: string | undefined;
  };

/** ChartCard for the common case: a time series chart and its ChartDataTable from one dataset. */
export function TimeSeriesChartCard(props: TimeSeriesChartCardProps) {
  const { data, series, valueKind, xLabel, totalLabel, kind, stacked, height, pkrPerUsd, ...card } = props;
  const empty =
    data.length === 0
      ? (card.empty ?? "No data in this range. Pick a longer range or another chain.")
      : undefined;
  return (
    <ChartCard
      {...card}
      empty={empty}
      chart={
        <TimeSeriesChart
          data={data}
          series={series}
          kind={kind}
          stacked={stacked}
          valueKind={valueKind}
          height={height}
          ariaLabel={`${card.title}: chart; the numbers are in the table below.`}
        />
      }
      table={
        <ChartDataTable
          caption={card.title}
          xLabel={xLabel}
          data={data}
          series={series}
          valueKind={valueKind}
          totalLabel={totalLabel}
          pkrPerUsd={pkrPerUsd}
        />
      }
    />
  );
}
