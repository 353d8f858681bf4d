import { HoldersTable, type HolderView } from "@/components/tables/holders/holders-table";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { getReadDb } from "@/db";
import { getHolderConcentration, listTopHolders, type HolderSort } from "@/db/queries/supply-holders";
import { formatInt, formatShare } from "@/lib/format";
import type { TableParamsOf } from "@/lib/validators/view-params";
import { SUPPLY_CARDS } from "./cards";

// 2023 US Merger Guidelines thresholds; a familiar yardstick, not a regulatory finding.
function hhiBand(hhi: string): string {
  const n = Number(hhi);
  if (n > 1800) return "highly concentrated (above 1,800)";
  if (n >= 1000) return "moderately concentrated (1,000–1,800)";
  return "unconcentrated (below 1,000)";
}

export type SupplyConcentrationCardProps = {
  chainId: number | undefined;
  table: TableParamsOf<HolderSort, Record<never, never>>;
};

/** Top holders with entity names, top-10 share and HHI, from finalized balances. */
export async function SupplyConcentrationCard({ chainId, table }: SupplyConcentrationCardProps) {
  const db = await getReadDb();
  const [conc, page] = await Promise.all([
    getHolderConcentration(db, { chainId }),
    listTopHolders(db, { chainId, limit: table.size, offset: table.offset, sort: table.sort, q: table.q }),
  ]);
  const rows: HolderView[] = page.rows.map((r) => ({
    rank: r.rank,
    address: r.address,
    chains: r.chainIds.join(", "),
    balance: r.balance.toString(),
    share: formatShare(r.balance, conc.total),
    entityName: r.entityName,
    entityKind: r.entityKind,
    country: r.country,
    label: r.label,
    tags: r.tags,
  }));
  return (
    <Card
      {...SUPPLY_CARDS.concentration}
      description="Balances as of the last indexed block (finalized rollup + provisional tail). With all chains selected, an address's balances on every chain are added up."
    >
      <dl className="mb-4 grid grid-cols-1 gap-4 md:grid-cols-3">
        <Stat label="Holders (positive balance)">
          <span data-testid="concentration-holders">{formatInt(conc.holders)}</span>
        </Stat>
        <Stat label="Top-10 share" hint="Σ ten largest balances ÷ Σ all balances">
          <span data-testid="concentration-top10-share" data-top10-wei={conc.top10.toString()}>
            {formatShare(conc.top10, conc.total)}
          </span>
        </Stat>
        <Stat label="HHI (0–10,000)" hint={`Σ of squared percentage shares: ${hhiBand(conc.hhi)}`}>
          <span data-testid="concentration-hhi">
            {formatInt(conc.hhi.split(".")[0]!)}.{conc.hhi.split(".")[1]}
          </span>
        </Stat>
      </dl>
      <HoldersTable rows={rows} total={page.total} />
    </Card>
  );
}
