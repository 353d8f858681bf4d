"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { RECONCILIATIONS_TABLE } from "./reconciliations-params";
import { formatDateTimeUtc, formatInt, formatWeiExact } from "@/lib/format";

/** One totalSupply() check, serializable (wei and block numbers as decimal strings). */
export type ReconciliationView = {
  id: number;
  chain: string;
  block: string;
  indexed: string;
  onchain: string;
  difference: string;
  matches: boolean;
  checkedAt: string;
};

const wei = (v: string) => (
  <span title={`${v} wei`} data-wei={v} className="font-mono text-xs">
    {formatWeiExact(v, { group: true })}
  </span>
);

const columns: DataColumn<ReconciliationView>[] = [
  {
    id: "checkedAt",
    header: "Checked (UTC)",
    sortable: true,
    rowHeader: true,
    alwaysVisible: true,
    cell: (r) => formatDateTimeUtc(r.checkedAt).replace(" UTC", ""),
  },
  { id: "chain", header: "Chain", cell: (r) => r.chain },
  { id: "block", header: "Block", numeric: true, sortable: true, cell: (r) => formatInt(r.block) },
  {
    id: "status",
    header: "Status",
    alwaysVisible: true,
    cell: (r) => (r.matches ? <Badge tone="success">Matched</Badge> : <Badge tone="danger">Mismatch</Badge>),
  },
  { id: "indexed", header: "Indexed supply (USD1)", numeric: true, cell: (r) => wei(r.indexed) },
  { id: "onchain", header: "On-chain totalSupply() (USD1)", numeric: true, cell: (r) => wei(r.onchain) },
  {
    id: "difference",
    header: "Difference (wei)",
    numeric: true,
    cell: (r) => (
      <span
        data-testid={`recon-diff-${r.id}`}
        className={r.difference === "0" ? "" : "font-semibold text-red-800"}
      >
        {r.difference.startsWith("-") || r.difference === "0"
          ? formatInt(r.difference)
          : `+${formatInt(r.difference)}`}
      </span>
    ),
  },
];

export function ReconciliationsTable({ rows, total }: { rows: ReconciliationView[]; total: number }) {
  return (
    <DataTable
      caption="Reconciliation history: indexed Σmint − Σburn against on-chain totalSupply(), difference = indexed − on-chain"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => String(r.id)}
      prefix={RECONCILIATIONS_TABLE.prefix}
      defaultSort={RECONCILIATIONS_TABLE.defaultSort}
      defaultSize={RECONCILIATIONS_TABLE.defaultSize}
      filters={[
        {
          id: "status",
          label: "Status",
          options: [
            { value: "matched", label: "Matched" },
            { value: "mismatch", label: "Mismatch" },
          ],
        },
      ]}
      empty={
        <>
          No reconciliation in this range. The indexer checks totalSupply() every few minutes while it runs;
          pick a longer range or clear the status filter.
        </>
      }
      testId="reconciliations-table"
    />
  );
}
