import { ExportLinks } from "@/components/shell/export-links";
import {
  TransactionsTable,
  type TransactionTableRow,
} from "@/components/tables/transactions/transactions-table";
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { getReadDb } from "@/db";
import type { ChainRef } from "@/db/queries/overview";
import { listTransactions, type EntityOption } from "@/db/queries/transactions";
import { TRANSFER_FLOWS } from "@/db/queries/transactions";
import { TRANSFER_KINDS } from "@/db/schema/chain";
import { formatCountry, formatInt } from "@/lib/format";
import { listParamsOf, type TransactionQuery } from "@/lib/validators/transactions";
import type { SearchParams } from "@/lib/validators/view-params";

export const TRANSACTIONS_CARD = { id: "transactions", title: "Transfers" } as const;

const FLOW_LABELS: Record<(typeof TRANSFER_FLOWS)[number], string> = {
  adjusted: "Adjusted (payments)",
  intra: "Intra-entity",
  bridge: "Bridge hops",
  primary: "Primary market",
};

export type TransactionsResultsProps = {
  query: TransactionQuery;
  chains: ChainRef[];
  entities: EntityOption[];
  /** The view's search params for the export links, or null when the role may not export. */
  exportSearchParams: SearchParams | null;
};

export async function TransactionsResults({
  query,
  chains,
  entities,
  exportSearchParams,
}: TransactionsResultsProps) {
  const { rows, total, totalAmount, exact, next, previous } = await listTransactions(
    await getReadDb(),
    listParamsOf(query),
  );
  const chainName = new Map(chains.map((c) => [c.chainId, c.name]));
  const tableRows: TransactionTableRow[] = rows.map((r) => ({
    id: `${r.chainId}:${r.txHash}:${r.logIndex}`,
    chainName: chainName.get(r.chainId) ?? `Chain ${r.chainId}`,
    blockNumber: r.blockNumber.toString(),
    blockTime: r.blockTime,
    txHash: r.txHash,
    logIndex: r.logIndex,
    kind: r.kind,
    from: r.fromAddress,
    to: r.toAddress,
    fromEntity: r.fromEntity,
    toEntity: r.toEntity,
    originName: formatCountry(r.originCountry),
    destinationName: formatCountry(r.destinationCountry),
    amount: r.amount.toString(),
    intra: r.intra,
    bridge: r.bridge,
    primary: r.primary,
  }));
  const countries = [...new Set([...entities.map((e) => e.country), "ZZ"])]
    .map((value) => ({ value, label: formatCountry(value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Card
      {...TRANSACTIONS_CARD}
      description={
        totalAmount === null || !exact ? (
          <span data-testid="transactions-total" data-count={total} data-exact="false">
            More than {formatInt(total)} transfers match the filters (counting stops there; narrow the filters
            for an exact count and total). The pages go on past it.
          </span>
        ) : (
          <span data-testid="transactions-total" data-count={total} data-exact="true">
            {formatInt(total)} {total === 1 ? "transfer matches" : "transfers match"} the filters, totalling{" "}
            <Usd1Amount wei={totalAmount} testId="transactions-total-amount" />.
          </span>
        )
      }
      actions={
        exportSearchParams && total > 0 ? (
          <ExportLinks
            route="/api/exports/transactions"
            searchParams={exportSearchParams}
            rows={total}
            testId="transactions-export"
          />
        ) : null
      }
    >
      <TransactionsTable
        rows={tableRows}
        total={total}
        keyset={{ next, previous }}
        filters={[
          { id: "kind", label: "Kind", options: TRANSFER_KINDS.map((k) => ({ value: k, label: k })) },
          {
            id: "flow",
            label: "Flow",
            options: TRANSFER_FLOWS.map((f) => ({ value: f, label: FLOW_LABELS[f] })),
          },
          { id: "final", label: "Blocks", options: [{ value: "yes", label: "Finalized only" }] },
          {
            id: "entity",
            label: "Entity",
            options: entities.map((e) => ({ value: String(e.id), label: e.name })),
          },
          { id: "country", label: "Country (either side)", options: countries },
          { id: "origin", label: "Origin", options: countries },
          { id: "destination", label: "Destination", options: countries },
        ]}
      />
    </Card>
  );
}
