"use client";

import Link from "next/link";
import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { formatInt, formatUsd1, formatWeiExact } from "@/lib/format";

/** One counterparty of an address, serializable (wei as decimal strings). */
export type CounterpartyTableRow = {
  address: string;
  entityName: string | null;
  countryName: string | null;
  label: string | null;
  sentTo: string;
  receivedFrom: string;
  transferCount: number;
};

const ZERO = `0x${"0".repeat(40)}`;

function Wei({ wei }: { wei: string }) {
  return (
    <span data-wei={wei} title={`${formatWeiExact(wei, { group: true })} USD1 (${wei} wei)`}>
      {formatUsd1(wei, { unit: false })}
    </span>
  );
}

const columns: DataColumn<CounterpartyTableRow>[] = [
  {
    id: "address",
    header: "Counterparty",
    rowHeader: true,
    alwaysVisible: true,
    cell: (r) =>
      r.address === ZERO ? (
        <span>Mint / burn (zero address)</span>
      ) : (
        <span className="flex flex-col">
          <Link href={`/addresses/${r.address}`} className="font-mono text-xs text-sky-800 hover:underline">
            {r.address}
          </Link>
          <span className="text-xs text-slate-600">{r.label ?? ""}</span>
        </span>
      ),
  },
  {
    id: "entity",
    header: "Entity",
    cell: (r) =>
      r.entityName ? `${r.entityName}${r.countryName ? ` (${r.countryName})` : ""}` : "Unattributed",
  },
  {
    id: "received",
    header: "Received from (USD1)",
    numeric: true,
    sortable: true,
    cell: (r) => <Wei wei={r.receivedFrom} />,
  },
  {
    id: "sent",
    header: "Sent to (USD1)",
    numeric: true,
    sortable: true,
    cell: (r) => <Wei wei={r.sentTo} />,
  },
  {
    id: "volume",
    header: "Total (USD1)",
    numeric: true,
    sortable: true,
    cell: (r) => <Wei wei={(BigInt(r.sentTo) + BigInt(r.receivedFrom)).toString()} />,
  },
  {
    id: "count",
    header: "Transfers",
    numeric: true,
    sortable: true,
    cell: (r) => formatInt(r.transferCount),
  },
];

export function CounterpartiesTable({ rows, total }: { rows: CounterpartyTableRow[]; total: number }) {
  return (
    <DataTable
      caption="Counterparties by volume, both directions"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.address}
      prefix="cp"
      defaultSize={10}
      defaultSort={{ id: "volume", desc: true }}
      empty={<>No counterparties on the chains shown.</>}
      testId="counterparties-table"
    />
  );
}
