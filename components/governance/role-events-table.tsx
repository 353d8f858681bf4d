"use client";

import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { Badge } from "@/components/ui/badge";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { AddressLink } from "./address-link";
import { ROLE_EVENTS_TABLE } from "./cards";

/** One grant or revocation, serializable (block number as a decimal string, time as ISO 8601). */
export type RoleEventView = {
  id: string;
  time: string;
  chain: string;
  block: string;
  granted: boolean;
  roleName: string;
  account: string;
  accountName: string | null;
  sender: string | null;
  senderName: string | null;
  governor: string;
  txHash: string;
};

const columns: DataColumn<RoleEventView>[] = [
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
    header: "Change",
    alwaysVisible: true,
    cell: (r) => (r.granted ? <Badge tone="success">Granted</Badge> : <Badge tone="danger">Revoked</Badge>),
  },
  {
    id: "role",
    header: "Role",
    alwaysVisible: true,
    cell: (r) => <span className="font-mono text-xs break-all">{r.roleName}</span>,
  },
  { id: "account", header: "Account", cell: (r) => <AddressLink address={r.account} name={r.accountName} /> },
  { id: "sender", header: "By", cell: (r) => <AddressLink address={r.sender} name={r.senderName} /> },
  { id: "chain", header: "Chain", cell: (r) => r.chain },
  { id: "block", header: "Block", numeric: true, cell: (r) => formatInt(r.block) },
  { id: "governor", header: "Governor", cell: (r) => <AddressLink address={r.governor} /> },
  {
    id: "tx",
    header: "Transaction",
    cell: (r) => <code className="font-mono text-xs break-all">{r.txHash}</code>,
  },
];

export function RoleEventsTable({ rows, total }: { rows: RoleEventView[]; total: number }) {
  return (
    <DataTable
      caption="Governor role grants and revocations: who, to whom, when and in which transaction, newest first"
      rows={rows}
      total={total}
      columns={columns}
      getRowId={(r) => r.id}
      prefix={ROLE_EVENTS_TABLE.prefix}
      defaultSort={ROLE_EVENTS_TABLE.defaultSort}
      defaultSize={ROLE_EVENTS_TABLE.defaultSize}
      filters={[
        {
          id: "kind",
          label: "Change",
          options: [
            { value: "role_granted", label: "Granted" },
            { value: "role_revoked", label: "Revoked" },
          ],
        },
      ]}
      empty={<>No role grant or revocation indexed. Pick another chain, or clear the filter.</>}
      testId="role-events-table"
    />
  );
}
