"use client";

import Link from "next/link";
import { DataTable, type DataColumn, type DataTableFilter } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { KIND_LABELS, LICENCE_LABELS, LICENCE_TONES } from "@/components/ui/registry-labels";
import type { EntityKind, LicenceStatus } from "@/db/schema/registry";
import { formatInt } from "@/lib/format";
import { ENTITIES_DEFAULT_SORT } from "./entities-params";

export type EntityRow = {
  id: number;
  name: string;
  kind: EntityKind;
  country: string;
  countryName: string;
  licenceStatus: LicenceStatus;
  addressCount: number;
};

const columns: DataColumn<EntityRow>[] = [
  {
    id: "name",
    header: "Entity",
    rowHeader: true,
    alwaysVisible: true,
    sortable: true,
    cell: (r) => (
      <Link href={`/registry/${r.id}`} className="text-sky-800 underline-offset-2 hover:underline">
        {r.name}
      </Link>
    ),
  },
  { id: "kind", header: "Kind", sortable: true, cell: (r) => KIND_LABELS[r.kind] },
  {
    id: "country",
    header: "Country",
    sortable: true,
    cell: (r) => (
      <span title={r.countryName}>
        {r.countryName} <span className="text-xs text-slate-500">{r.country}</span>
      </span>
    ),
  },
  {
    id: "licenceStatus",
    header: "Licence",
    sortable: true,
    cell: (r) => <Badge tone={LICENCE_TONES[r.licenceStatus]}>{LICENCE_LABELS[r.licenceStatus]}</Badge>,
  },
  {
    id: "addressCount",
    header: "Addresses",
    numeric: true,
    sortable: true,
    cell: (r) => <span data-testid={`entity-addresses-${r.id}`}>{formatInt(r.addressCount)}</span>,
  },
];

export function EntitiesTable({
  rows,
  total,
  filters,
}: {
  rows: EntityRow[];
  total: number;
  filters: DataTableFilter[];
}) {
  return (
    <DataTable
      caption="Entities with the number of addresses attributed to each (one per chain)"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => String(r.id)}
      defaultSort={ENTITIES_DEFAULT_SORT}
      search={{ label: "Search entities", placeholder: "Name contains…" }}
      filters={filters}
      empty={<>No entity matches these filters. Clear them, or add an entity.</>}
      testId="entities-table"
    />
  );
}
