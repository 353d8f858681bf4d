import { formatInt } from "@/lib/format";
import type { ChartPoint, ChartSeries } from "./charts/chart-data";
import { Td, Th } from "./ui/table";

/**
 * A count chart's numbers (one row per day or week, a column per series, and the row's total).
 * With a column per rule it can be wider than its card, so its scroll container is a focusable,
 * named region: keyboard users can scroll it too.
 */
export function AlertCountsTable({
  caption,
  xLabel,
  data,
  series,
}: {
  caption: string;
  xLabel: string;
  data: ChartPoint[];
  series: ChartSeries[];
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-slate-700"
    >
      <table className="w-full border-collapse text-sm">
        <caption className="pb-1 text-left text-xs font-medium text-slate-600">{caption}</caption>
        <thead>
          <tr>
            <Th>{xLabel}</Th>
            {series.map((s) => (
              <Th key={s.key} numeric>
                {s.label}
              </Th>
            ))}
            <Th numeric>Total</Th>
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
                  {formatInt(p.values[s.key] ?? "0")}
                </Td>
              ))}
              <Td numeric>{formatInt(series.reduce((n, s) => n + Number(p.values[s.key] ?? "0"), 0))}</Td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
