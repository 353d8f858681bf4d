"use client";

import { Usd1Amount } from "@/components/ui/amount";
import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { HOLDERS_TABLE } from "./holders-params";

/** One holder, serializable (wei as a decimal string, share preformatted exactly on the server). */
export type HolderView = {
  rank: number;
  address: string;
  chains: string;
  balance: string;
  share: string;
  entityName: string | null;
  entityKind: string | null;
  country: string | null;
  label: string | null;
  tags: string[];
};

const columns: DataColumn<HolderView>[] = [
  { id: "rank", header: "#", numeric: true, alwaysVisible: true, cell: (r) => r.rank },
  {
    id: "entity",
    header: "Holder",
    rowHeader: true,
    alwaysVisible: true,
    sortable: true,
    cell: (r) => (
      <>
        {r.entityName ?? <span className="text-slate-500">Unattributed</span>}
        {r.label ? <span className="block text-xs font-normal text-slate-500">{r.label}</span> : null}
      </>
    ),
  },
  {
    id: "address",
    header: "Address",
    sortable: true,
    cell: (r) => <code className="font-mono text-xs break-all">{r.address}</code>,
  },
  { id: "chains", header: "Chains", cell: (r) => r.chains },
  { id: "kind", header: "Entity kind", cell: (r) => r.entityKind?.replace(/_/g, " ") ?? "—" },
  { id: "country", header: "Country", cell: (r) => r.country ?? "—" },
  { id: "tags", header: "Tags", cell: (r) => (r.tags.length ? r.tags.join(", ") : "—") },
  {
    id: "balance",
    header: "Balance",
    numeric: true,
    sortable: true,
    cell: (r) => <Usd1Amount wei={r.balance} testId={`holder-balance-${r.rank}`} />,
  },
  { id: "share", header: "Share of supply", numeric: true, cell: (r) => r.share },
];

export function HoldersTable({ rows, total }: { rows: HolderView[]; total: number }) {
  return (
    <DataTable
      caption="Holders by finalized balance (an address's balances on every selected chain added up)"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.address}
      prefix={HOLDERS_TABLE.prefix}
      defaultSort={HOLDERS_TABLE.defaultSort}
      defaultSize={HOLDERS_TABLE.defaultSize}
      search={{ label: "Search holders", placeholder: "Name, label or 0x…" }}
      empty={
        <>
          No holder matches. Clear the search, or pick another chain; balances appear once the indexer has
          finalized blocks.
        </>
      }
      testId="holders-table"
    />
  );
}
