"use client";

import Link from "next/link";
import { DataTable, type DataColumn, type DataTableFilter } from "@/components/tables/data-table";
import { formatUsd1, formatWeiExact } from "@/lib/format";

/** One transfer, serializable (wei and block number as decimal strings). */
export type TransactionTableRow = {
  id: string;
  chainName: string;
  blockNumber: string;
  /** ISO 8601 UTC. */
  blockTime: string;
  txHash: string;
  logIndex: number;
  kind: string;
  from: string;
  to: string;
  fromEntity: string | null;
  toEntity: string | null;
  originName: string;
  destinationName: string;
  amount: string;
  intra: boolean;
  bridge: boolean;
  /** A side is the governor or the issuer's treasury (counted as bridge when it is a bridge hop too). */
  primary: boolean;
};

function short(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-6)}`;
}

function Party({ address, entity }: { address: string; entity: string | null }) {
  return (
    <span className="flex flex-col">
      <Link
        href={`/addresses/${address}`}
        className="font-mono text-xs text-sky-800 hover:underline"
        title={address}
      >
        {short(address)}
      </Link>
      <span className="text-xs text-slate-600">{entity ?? "Unattributed"}</span>
    </span>
  );
}

const columns: DataColumn<TransactionTableRow>[] = [
  {
    id: "time",
    header: "Time (UTC)",
    sortable: true,
    alwaysVisible: true,
    cell: (r) => <time dateTime={r.blockTime}>{r.blockTime.slice(0, 19).replace("T", " ")}</time>,
  },
  { id: "chain", header: "Chain", cell: (r) => r.chainName },
  {
    id: "tx",
    header: "Transaction",
    rowHeader: true,
    cell: (r) => (
      <span className="font-mono text-xs" title={`${r.txHash} (log ${r.logIndex}, block ${r.blockNumber})`}>
        {short(r.txHash)}#{r.logIndex}
      </span>
    ),
  },
  { id: "kind", header: "Kind", cell: (r) => r.kind },
  { id: "from", header: "From", cell: (r) => <Party address={r.from} entity={r.fromEntity} /> },
  { id: "to", header: "To", cell: (r) => <Party address={r.to} entity={r.toEntity} /> },
  {
    id: "corridor",
    header: "Corridor",
    cell: (r) =>
      r.kind === "transfer" ? (
        <>
          {r.originName} <span aria-hidden="true">→</span>
          <span className="sr-only">to</span> {r.destinationName}
          {r.intra ? <span className="ml-1 text-xs text-slate-600">(intra-entity)</span> : null}
          {r.bridge ? <span className="ml-1 text-xs text-slate-600">(bridge)</span> : null}
          {r.primary && !r.bridge ? (
            <span className="ml-1 text-xs text-slate-600">(primary market)</span>
          ) : null}
        </>
      ) : (
        <span className="text-slate-600">issuance</span>
      ),
  },
  {
    id: "amount",
    header: "Amount (USD1)",
    numeric: true,
    sortable: true,
    alwaysVisible: true,
    cell: (r) => (
      <span data-wei={r.amount} title={`${formatWeiExact(r.amount, { group: true })} USD1 (${r.amount} wei)`}>
        {formatUsd1(r.amount, { unit: false })}
      </span>
    ),
  },
];

export function TransactionsTable({
  rows,
  total,
  filters,
  keyset,
}: {
  rows: TransactionTableRow[];
  total: number;
  filters: DataTableFilter[];
  /** Cursors of the next and previous pages (keyset paging). */
  keyset: { next: string | null; previous: string | null };
}) {
  return (
    <DataTable
      caption="Transfers matching the filters"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.id}
      defaultSort={{ id: "time", desc: true }}
      search={{ label: "Transaction hash or address", placeholder: "0x…" }}
      filters={filters}
      keyset={keyset}
      empty={<>No transfer matches these filters. Widen the date range or clear a filter.</>}
      testId="transactions-table"
    />
  );
}
