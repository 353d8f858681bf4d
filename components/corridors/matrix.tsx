import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { corridorTransactionsHref } from "@/lib/corridors/drill-down";
import type { CorridorMatrix } from "@/lib/corridors/matrix";
import { heatLevel } from "@/lib/corridors/matrix";
import { formatCountry, formatInt, formatUsd1, formatWeiExact } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";

/** Light to dark; text colour switches at level 4 so every level keeps AA contrast. */
const HEAT = [
  "",
  "bg-sky-50 text-slate-900",
  "bg-sky-100 text-slate-900",
  "bg-sky-300 text-slate-900",
  "bg-sky-700 text-white",
  "bg-sky-900 text-white",
] as const;

export type CorridorsMatrixProps = {
  matrix: CorridorMatrix;
  /** The days the figures cover (the drill-down links carry them). */
  fromDay: string;
  toDay: string;
  chainId?: number | undefined;
  actions?: ReactNode;
};

function usd(wei: bigint): string {
  return formatUsd1(wei, { decimals: 0, unit: false });
}

/** Heat-shaded matrix; every non-empty cell links to the transfers behind it. */
export function CorridorsMatrix({ matrix, fromDay, toDay, chainId, actions }: CorridorsMatrixProps) {
  const { origins, destinations } = matrix;
  return (
    <Card
      {...CORRIDOR_CARDS.matrix}
      actions={actions}
      description={`Rows: sending country; columns: receiving country. USD1, rounded to whole units (hover for the exact value). Shading: size relative to the largest cell, by order of magnitude (darkest: at least a third of it). ${fromDay} – ${toDay} (UTC).`}
    >
      {/* relative: each cell's sr-only text is absolutely positioned; inside the scroller it scrolls and
          clips with the matrix instead of pushing the page past the window. */}
      <div className="relative overflow-x-auto">
        <table className="border-collapse text-xs" data-testid="corridor-matrix">
          <caption className="sr-only">
            Adjusted corridor volume in USD1 by origin (rows) and destination (columns), {fromDay} to {toDay}.
            Each figure links to its transfers.
          </caption>
          <thead>
            <tr>
              <th
                scope="col"
                className="border-b border-slate-200 px-2 py-1 text-left font-medium text-slate-600"
              >
                From ↓ / To →
              </th>
              {destinations.map((d) => (
                <th
                  key={d}
                  scope="col"
                  className="border-b border-slate-200 px-2 py-1 text-right font-medium whitespace-nowrap text-slate-700"
                >
                  {formatCountry(d)}
                </th>
              ))}
              <th
                scope="col"
                className="border-b border-slate-200 px-2 py-1 text-right font-semibold text-slate-800"
              >
                Total sent
              </th>
            </tr>
          </thead>
          <tbody>
            {origins.map((o) => (
              <tr key={o}>
                <th
                  scope="row"
                  className="border-b border-slate-100 px-2 py-1 text-left font-medium whitespace-nowrap text-slate-800"
                >
                  {formatCountry(o)}
                </th>
                {destinations.map((d) => {
                  const c = matrix.cell(o, d);
                  if (!c || c.transferCount === 0) {
                    return (
                      <td key={d} className="cell-tight text-slate-500">
                        <span aria-label="none">·</span>
                      </td>
                    );
                  }
                  const level = heatLevel(c.adjustedVolume, matrix.max);
                  return (
                    <td
                      key={d}
                      className={cn("border border-white px-2 py-1 text-right tabular-nums", HEAT[level])}
                    >
                      <Link
                        href={corridorTransactionsHref({
                          origin: o,
                          destination: d,
                          fromDay,
                          toDay,
                          chainId,
                        })}
                        data-testid={`corridor-cell-${o}-${d}`}
                        data-wei={c.adjustedVolume.toString()}
                        data-count={c.adjustedCount}
                        title={`${formatCountry(o)} → ${formatCountry(d)}: ${formatWeiExact(c.adjustedVolume, { group: true })} USD1 in ${formatInt(c.adjustedCount)} adjusted transfers (${c.adjustedVolume} wei)`}
                        className="cell-link"
                      >
                        {usd(c.adjustedVolume)}
                        <span className="sr-only">
                          {" "}
                          USD1 from {formatCountry(o)} to {formatCountry(d)}, {formatInt(c.adjustedCount)}{" "}
                          transfers: show them
                        </span>
                      </Link>
                    </td>
                  );
                })}
                <td className="cell-tight font-semibold tabular-nums">{usd(matrix.rowTotal(o))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="px-2 py-1 text-left font-semibold text-slate-800">
                Total received
              </th>
              {destinations.map((d) => (
                <td key={d} className="px-2 py-1 text-right font-semibold tabular-nums">
                  {usd(matrix.columnTotal(d))}
                </td>
              ))}
              <td
                className="px-2 py-1 text-right font-bold tabular-nums"
                data-testid="corridor-matrix-total"
                data-wei={matrix.total.toString()}
              >
                {usd(matrix.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
