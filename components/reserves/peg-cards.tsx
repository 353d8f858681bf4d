import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getPegSeries, type PegPeriod } from "@/db/queries/peg";
import { formatInt } from "@/lib/format";
import { formatCentiBps, formatE18 } from "@/lib/reserves/math";
import type { DateRange } from "@/lib/validators/view-params";
import { PegChart } from "./peg-chart";

const PERIOD_LABEL: Record<number, string> = { 300: "5 minutes", 3600: "hour", 86400: "UTC day" };

function periodX(start: number, seconds: number): string {
  const iso = new Date(start * 1000).toISOString();
  return seconds >= 86_400 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

const bpsCell = (c: bigint | null) => (c === null ? "–" : formatCentiBps(c));

/** One card per pool: deviation from 1.00 (period TWAP and worst 5-minute TWAP) with bands, and depth. */
export async function PegCards({
  chainId,
  range,
  actions,
}: {
  chainId: number | undefined;
  range: DateRange;
  actions?: ReactNode;
}) {
  const series = await getPegSeries(await getReadDb(), { chainId, since: range.since, until: range.until });
  if (series.length === 0) {
    return (
      <Card id="peg-none" title="Peg" actions={actions}>
        <p className="text-sm text-slate-600">
          No pool is configured{chainId === undefined ? "" : " on this chain"}.
        </p>
      </Card>
    );
  }
  return (
    <>
      {series.map(({ pool, periodSeconds, periods }, i) => {
        const shown = periods.filter((p: PegPeriod) => p.twapE18 !== null);
        return (
          <Card
            key={pool.id}
            id={`peg-pool-${pool.id}`}
            title={`Peg: ${pool.label}, chain ${pool.chainId}`}
            actions={i === 0 ? actions : undefined}
            description={`USD1 in ${pool.quoteSymbol} (${pool.dex === "uniswap_v3" ? "Uniswap v3" : "PancakeSwap v3"}, chain ${pool.chainId}), time-weighted per ${PERIOD_LABEL[periodSeconds] ?? `${periodSeconds} s`}, ${range.label}. Bands at ±10, ±50 (R14 high) and ±200 bps (R14 severe). Deviations are rounded toward zero.`}
          >
            {shown.length === 0 ? (
              <p className="text-sm text-slate-600">No swap in or before this range.</p>
            ) : (
              <>
                <PegChart
                  ariaLabel={`${pool.label}: deviation from the peg in basis points; the numbers are in the table below.`}
                  data={shown.map((p) => ({
                    x: periodX(p.start, periodSeconds),
                    avg: p.deviationCentiBps?.toString() ?? null,
                    worst: p.worstCentiBps?.toString() ?? null,
                  }))}
                />
                <details className="mt-3">
                  <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">
                    Show the numbers
                  </summary>
                  <div className="mt-2">
                    <Table
                      caption={`${pool.label} per ${PERIOD_LABEL[periodSeconds] ?? "period"}`}
                      scrollRegion
                    >
                      <thead>
                        <tr>
                          <Th>Period (UTC)</Th>
                          <Th numeric>TWAP ({pool.quoteSymbol})</Th>
                          <Th numeric>Deviation (bps)</Th>
                          <Th numeric>Worst 5-min (bps)</Th>
                          <Th numeric>Liquidity (close)</Th>
                          <Th numeric>Liquidity (min)</Th>
                          <Th numeric>Swaps</Th>
                        </tr>
                      </thead>
                      <tbody>
                        {shown.map((p) => (
                          <tr key={p.start}>
                            <Th scope="row" className="whitespace-nowrap tabular-nums">
                              {periodX(p.start, periodSeconds)}
                            </Th>
                            <Td numeric>{formatE18(p.twapE18!, 6)}</Td>
                            <Td numeric>{bpsCell(p.deviationCentiBps)}</Td>
                            <Td numeric>{bpsCell(p.worstCentiBps)}</Td>
                            <Td numeric>{p.liquidity === null ? "–" : formatInt(p.liquidity)}</Td>
                            <Td numeric>{p.minLiquidity === null ? "–" : formatInt(p.minLiquidity)}</Td>
                            <Td numeric>{formatInt(p.swaps)}</Td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  </div>
                </details>
              </>
            )}
          </Card>
        );
      })}
    </>
  );
}
