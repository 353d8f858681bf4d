"use client";

import Link from "next/link";
import { DataTable, type DataColumn, type DataTableFilter } from "@/components/tables/data-table";
import { formatInt, formatUsd1, formatWeiExact } from "@/lib/format";
import { CORRIDOR_DEFAULT_SORT, CORRIDOR_TABLE_PREFIX } from "./corridor-table-params";

/** One corridor, serializable (wei as decimal strings). */
export type CorridorTableRow = {
  key: string;
  origin: string;
  originName: string;
  destination: string;
  destinationName: string;
  transferCount: number;
  adjustedCount: number;
  excludedCount: number;
  adjustedVolume: string;
  averageTicket: string;
  intraEntityVolume: string;
  bridgeVolume: string;
  /** The issuer's distributions and redemptions (a side is the governor or tagged treasury). */
  primaryVolume: string;
  costPct: string | null;
  assumption: boolean;
  feesSaved: string | null;
  href: string;
};

function Wei({ wei }: { wei: string }) {
  return (
    <span data-wei={wei} title={`${formatWeiExact(wei, { group: true })} USD1 (${wei} wei)`}>
      {formatUsd1(wei)}
    </span>
  );
}

const columns: DataColumn<CorridorTableRow>[] = [
  {
    id: "origin",
    header: "Corridor",
    rowHeader: true,
    alwaysVisible: true,
    sortable: true,
    cell: (r) => (
      <span className="whitespace-nowrap">
        {r.originName} <span aria-hidden="true">→</span>
        <span className="sr-only">to</span> {r.destinationName}
      </span>
    ),
  },
  {
    id: "adjusted",
    header: "Adjusted volume",
    numeric: true,
    sortable: true,
    cell: (r) => (
      <Link
        href={r.href}
        className="text-sky-800 underline-offset-2 hover:underline"
        data-testid={`corridor-row-${r.key}`}
      >
        <Wei wei={r.adjustedVolume} />
        <span className="sr-only"> (show the transfers)</span>
      </Link>
    ),
  },
  {
    id: "count",
    header: "Adjusted transfers",
    numeric: true,
    sortable: true,
    cell: (r) => formatInt(r.adjustedCount),
  },
  {
    id: "ticket",
    header: "Average ticket",
    numeric: true,
    sortable: true,
    cell: (r) => <Wei wei={r.averageTicket} />,
  },
  {
    id: "excluded",
    header: "Excluded transfers",
    numeric: true,
    sortable: true,
    cell: (r) => formatInt(r.excludedCount),
  },
  {
    id: "intra",
    header: "Intra-entity (excl.)",
    numeric: true,
    cell: (r) => <Wei wei={r.intraEntityVolume} />,
  },
  { id: "bridge", header: "Bridge (excl.)", numeric: true, cell: (r) => <Wei wei={r.bridgeVolume} /> },
  {
    id: "primary",
    header: "Primary market (excl.)",
    numeric: true,
    cell: (r) => <Wei wei={r.primaryVolume} />,
  },
  {
    id: "cost",
    header: "Traditional cost",
    numeric: true,
    cell: (r) => (r.costPct === null ? "—" : `${r.costPct}%${r.assumption ? " (assumed)" : ""}`),
  },
  {
    id: "fees",
    header: "Fees saved (est.)",
    numeric: true,
    sortable: true,
    cell: (r) =>
      r.feesSaved === null ? (
        <span title="No configured cost for this corridor">—</span>
      ) : (
        <Wei wei={r.feesSaved} />
      ),
  },
];

export function CorridorsTable({
  rows,
  total,
  filters,
}: {
  rows: CorridorTableRow[];
  total: number;
  filters: DataTableFilter[];
}) {
  return (
    <DataTable
      caption="Corridors by adjusted volume; each figure links to its transfers"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.key}
      prefix={CORRIDOR_TABLE_PREFIX}
      defaultSort={CORRIDOR_DEFAULT_SORT}
      filters={filters}
      empty={<>No corridor matches these filters. Clear the origin or destination filter.</>}
      testId="corridor-table"
    />
  );
}
