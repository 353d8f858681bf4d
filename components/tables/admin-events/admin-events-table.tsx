"use client";

import { Usd1Amount } from "@/components/ui/amount";
import { ShortAddressLink, ShortHash } from "@/components/ui/short-address";
import { DataTable, type DataColumn, type DataTableFilter } from "@/components/tables/data-table";
import { ADMIN_EVENTS_TABLE } from "./admin-events-params";
import { formatDateTimeUtc, formatInt } from "@/lib/format";

/** One admin action, serializable (block and amount as decimal strings, time as ISO 8601). */
export type AdminEventView = {
  id: string;
  time: string;
  chain: string;
  block: string;
  kind: string;
  /** Human label of the kind (components/ui/event-labels.ts). */
  label: string;
  /** What it called or set beyond its kind: token function, role, version. */
  detail: string | null;
  /** The real caller (the freezer, the minter, the pool), never the governor it went through. */
  actor: string | null;
  /** The governor the action went through, or null when the owner acted on the token directly. */
  via: string | null;
  subject: string | null;
  subjectName: string | null;
  counterparty: string | null;
  amount: string | null;
  /** One line: what happened, by whom, through which path. */
  summary: string;
  txHash: string;
};

const addr = (a: string | null) => (a ? <ShortAddressLink address={a} /> : "—");

const columns: DataColumn<AdminEventView>[] = [
  {
    id: "time",
    header: "Block time (UTC)",
    sortable: true,
    rowHeader: true,
    alwaysVisible: true,
    cell: (r) => formatDateTimeUtc(r.time).replace(" UTC", ""),
  },
  {
    id: "kind",
    header: "Event",
    alwaysVisible: true,
    cell: (r) => (
      <span data-kind={r.kind}>
        {r.label}
        {r.detail ? <span className="block text-xs text-slate-600">{r.detail}</span> : null}
      </span>
    ),
  },
  {
    id: "actor",
    header: "By",
    cell: (r) => (
      <span data-testid="admin-event-actor" data-actor={r.actor ?? ""} data-via={r.via ?? ""}>
        <span className="block">{addr(r.actor)}</span>
        {r.via ? (
          <span className="mt-0.5 block text-xs whitespace-nowrap text-slate-600">
            via governor <ShortAddressLink address={r.via} />
          </span>
        ) : null}
      </span>
    ),
  },
  {
    id: "subject",
    header: "Subject",
    cell: (r) => (
      <>
        {r.subjectName ? <span className="block">{r.subjectName}</span> : null}
        <span className="block">{addr(r.subject)}</span>
      </>
    ),
  },
  {
    id: "summary",
    header: "Summary",
    cell: (r) => <span className="block max-w-md min-w-56 whitespace-normal">{r.summary}</span>,
  },
  { id: "chain", header: "Chain", cell: (r) => r.chain },
  { id: "block", header: "Block", numeric: true, cell: (r) => formatInt(r.block) },
  { id: "counterparty", header: "Counterparty", cell: (r) => addr(r.counterparty) },
  {
    id: "amount",
    header: "Amount",
    numeric: true,
    cell: (r) => (r.amount ? <Usd1Amount wei={r.amount} /> : "—"),
  },
  { id: "tx", header: "Transaction", cell: (r) => <ShortHash hash={r.txHash} /> },
];

export function AdminEventsTable({
  rows,
  total,
  kindOptions,
}: {
  rows: AdminEventView[];
  total: number;
  /** The event filter's choices: every admin action kind with its label. */
  kindOptions: DataTableFilter["options"];
}) {
  return (
    <DataTable
      caption="Admin actions: freezes, pauses, upgrades, role and ownership changes, by their real caller, newest first"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.id}
      prefix={ADMIN_EVENTS_TABLE.prefix}
      defaultSort={ADMIN_EVENTS_TABLE.defaultSort}
      defaultSize={ADMIN_EVENTS_TABLE.defaultSize}
      filters={[{ id: "kind", label: "Event", options: kindOptions }]}
      empty={
        <>No admin event in this range. Pick a longer range (for example “All”) or clear the event filter.</>
      }
      testId="admin-events-table"
    />
  );
}
