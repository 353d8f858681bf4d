"use client";

import { Usd1Amount } from "@/components/ui/amount";
import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { ADMIN_EVENTS_TABLE } from "./admin-events-params";
import { formatDateTimeUtc, formatInt } from "@/lib/format";

/** Labels of the governance and enforcement events (keys = token_events.kind). */
export const ADMIN_EVENT_LABELS: Record<string, string> = {
  freeze: "Account frozen",
  unfreeze: "Account unfrozen",
  pause: "Token paused",
  unpause: "Token unpaused",
  frozen_account_drained: "Frozen account drained",
  frozen_funds_reallocated: "Frozen funds reallocated",
  ownership_transfer_started: "Ownership transfer started",
  ownership_transferred: "Ownership transferred",
  upgraded: "Contract upgraded",
  admin_changed: "Proxy admin changed",
};

export type AdminEventView = {
  id: string;
  time: string;
  chain: string;
  block: string;
  kind: string;
  actor: string | null;
  subject: string | null;
  subjectName: string | null;
  counterparty: string | null;
  amount: string | null;
  txHash: string;
};

const addr = (a: string | null) => (a ? <code className="font-mono text-xs break-all">{a}</code> : "—");

const columns: DataColumn<AdminEventView>[] = [
  {
    id: "time",
    header: "Block time (UTC)",
    sortable: true,
    rowHeader: true,
    alwaysVisible: true,
    cell: (r) => formatDateTimeUtc(r.time).replace(" UTC", ""),
  },
  { id: "kind", header: "Event", alwaysVisible: true, cell: (r) => ADMIN_EVENT_LABELS[r.kind] ?? r.kind },
  { id: "chain", header: "Chain", cell: (r) => r.chain },
  { id: "block", header: "Block", numeric: true, cell: (r) => formatInt(r.block) },
  {
    id: "subject",
    header: "Subject",
    cell: (r) => (
      <>
        {r.subjectName ? <span className="block">{r.subjectName}</span> : null}
        {addr(r.subject)}
      </>
    ),
  },
  { id: "actor", header: "By", cell: (r) => addr(r.actor) },
  { id: "counterparty", header: "Counterparty", cell: (r) => addr(r.counterparty) },
  {
    id: "amount",
    header: "Amount",
    numeric: true,
    cell: (r) => (r.amount ? <Usd1Amount wei={r.amount} /> : "—"),
  },
  { id: "tx", header: "Transaction", cell: (r) => addr(r.txHash) },
];

export function AdminEventsTable({ rows, total }: { rows: AdminEventView[]; total: number }) {
  return (
    <DataTable
      caption="Admin events: freezes, pauses, upgrades and ownership changes, newest first"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.id}
      prefix={ADMIN_EVENTS_TABLE.prefix}
      defaultSort={ADMIN_EVENTS_TABLE.defaultSort}
      defaultSize={ADMIN_EVENTS_TABLE.defaultSize}
      filters={[
        {
          id: "kind",
          label: "Event",
          options: Object.entries(ADMIN_EVENT_LABELS).map(([value, label]) => ({ value, label })),
        },
      ]}
      empty={
        <>No admin event in this range. Pick a longer range (for example “All”) or clear the event filter.</>
      }
      testId="admin-events-table"
    />
  );
}
