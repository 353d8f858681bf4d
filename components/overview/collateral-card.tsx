import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { getReadDb } from "@/db";
import { getPegSeries } from "@/db/queries/peg";
import { getCollateralSeries } from "@/db/queries/reserves";
import { formatCentiBps, formatPercentE18 } from "@/lib/reserves/math";
import { OVERVIEW_CARDS } from "./cards";

const DAY_MS = 86_400_000;

/** Is every USD1 backed, and does it trade at $1: today's ratio and each pool's worst 5 minutes of the last 24 h. */
export async function OverviewCollateralCard({ now, chainId }: { now: Date; chainId?: number | undefined }) {
  const db = await getReadDb();
  const today = now.toISOString().slice(0, 10);
  const [series, peg] = await Promise.all([
    getCollateralSeries(db, { fromDay: today, toDay: today, today }),
    getPegSeries(db, { chainId, since: new Date(now.getTime() - DAY_MS), until: now }),
  ]);
  const p = series.at(-1);
  return (
    <Card
      {...OVERVIEW_CARDS.collateral}
      description="Reserves ÷ native supply (all chains) and the peg in each pool over the last 24 hours."
      actions={
        <Link href="/reserves" className="text-sm text-sky-800 underline">
          Reserves &amp; peg
        </Link>
      }
    >
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Collateral ratio" size="lg">
          <span data-testid="overview-ratio">
            {p?.ratioE18 == null ? "–" : `${formatPercentE18(p.ratioE18)} %`}
          </span>{" "}
          {p?.underCollateralised ? <Badge tone="danger">Under-collateralised</Badge> : null}
        </Stat>
        <Stat label="Coverage from indexed data">
          {p?.coverageE18 == null ? "–" : `${formatPercentE18(p.coverageE18)} %`}
        </Stat>
        {peg.map(({ pool, periods }) => {
          const worst = periods.reduce<bigint | null>((w, x) => {
            const c = x.worstCentiBps;
            if (c === null) return w;
            return w === null || (c < 0n ? -c : c) > (w < 0n ? -w : w) ? c : w;
          }, null);
          return (
            <Stat key={pool.id} label={`Worst 5-min peg, ${pool.label} (chain ${pool.chainId})`}>
              {worst === null ? "no price" : `${formatCentiBps(worst)} bps`}
            </Stat>
          );
        })}
      </dl>
    </Card>
  );
}
