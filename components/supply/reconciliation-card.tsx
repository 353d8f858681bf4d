import {
  ReconciliationsTable,
  type ReconciliationView,
} from "@/components/tables/reconciliations/reconciliations-table";
import { Card } from "@/components/ui/card";
import { ReconciliationBadge } from "@/components/ui/reconciliation-badge";
import { getReadDb } from "@/db";
import { getLatestReconciliations } from "@/db/queries/chain-status";
import { listKnownChains } from "@/db/queries/overview";
import { listReconciliations, type ListReconciliationsParams } from "@/db/queries/supply-events";
import type { DateRange, TableParamsOf } from "@/lib/validators/view-params";
import { SUPPLY_CARDS } from "./cards";

export type SupplyReconciliationCardProps = {
  chainId: number | undefined;
  range: DateRange;
  table: TableParamsOf<"checkedAt" | "block", { status: ListReconciliationsParams["status"] }>;
};

/** Latest status per chain, then every check in the range (indexed vs on-chain, wei difference). */
export async function SupplyReconciliationCard({ chainId, range, table }: SupplyReconciliationCardProps) {
  const db = await getReadDb();
  const [latest, chains, history] = await Promise.all([
    getLatestReconciliations(db, { chainId }),
    listKnownChains(db),
    listReconciliations(db, {
      chainId,
      since: range.since,
      until: range.until,
      status: table.filters.status,
      sort: table.sort,
      limit: table.size,
      offset: table.offset,
    }),
  ]);
  const latestOf = new Map(latest.map((r) => [r.chainId, r]));
  const shown = chainId === undefined ? chains : chains.filter((c) => c.chainId === chainId);
  const rows: ReconciliationView[] = history.rows.map((r) => ({
    id: r.id,
    chain: r.chainName ?? `Chain ${r.chainId}`,
    block: r.blockNumber.toString(),
    indexed: r.indexedSupply.toString(),
    onchain: r.onchainSupply.toString(),
    difference: r.difference.toString(),
    matches: r.matches,
    checkedAt: r.checkedAt.toISOString(),
  }));
  return (
    <Card
      {...SUPPLY_CARDS.reconciliation}
      description="The indexer compares its Σmint − Σburn with the token's totalSupply() at a block; they must match to the wei."
    >
      <ul className="mb-4 flex flex-wrap gap-3 text-sm" aria-label="Latest status per chain">
        {shown.map((c) => (
          <li key={c.chainId} className="flex items-center gap-2">
            <span className="font-medium text-slate-900">{c.name}</span>
            <ReconciliationBadge chainId={c.chainId} rec={latestOf.get(c.chainId)} />
          </li>
        ))}
      </ul>
      <ReconciliationsTable rows={rows} total={history.total} />
    </Card>
  );
}
