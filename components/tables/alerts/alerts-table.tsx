"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable, type DataColumn } from "@/components/tables/data-table";
import { AlertStatusBadge, SeverityBadge } from "@/components/ui/alert-badges";
import { Usd1Amount } from "@/components/ui/amount";
import type { AlertStatus, Severity } from "@/db/schema/monitoring";
import { AlertsBulkAssign, type AssigneeChoice } from "./alerts-bulk-assign";

/** One alert, serializable (wei as a decimal string). */
export type AlertTableRow = {
  id: number;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  status: AlertStatus;
  score: number;
  chainName: string;
  /** "United Arab Emirates → Pakistan"; null for admin events. */
  corridor: { origin: string; destination: string } | null;
  subject: string | null;
  subjectName: string | null;
  amount: string | null;
  assigneeName: string | null;
  /** ISO 8601 UTC. */
  blockTime: string;
};

function short(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-6)}`;
}

const columns: DataColumn<AlertTableRow>[] = [
  {
    id: "id",
    header: "Alert",
    rowHeader: true,
    sortable: true,
    alwaysVisible: true,
    cell: (r) => (
      <Link href={`/alerts/${r.id}`} className="text-sky-800 hover:underline" data-testid="alert-link">
        #{r.id}
      </Link>
    ),
  },
  {
    id: "rule",
    header: "Rule",
    cell: (r) => (
      <span className="flex flex-col" data-testid="alert-rule" data-rule={r.ruleId}>
        <span className="font-medium">{r.ruleId}</span>
        <span className="text-xs text-slate-600">{r.ruleName}</span>
      </span>
    ),
  },
  {
    id: "severity",
    header: "Severity",
    sortable: true,
    cell: (r) => <SeverityBadge severity={r.severity} />,
  },
  { id: "status", header: "Status", cell: (r) => <AlertStatusBadge status={r.status} /> },
  { id: "score", header: "Score", numeric: true, sortable: true, cell: (r) => r.score },
  { id: "chain", header: "Chain", cell: (r) => r.chainName },
  {
    id: "corridor",
    header: "Corridor",
    cell: (r) =>
      r.corridor ? (
        <>
          {r.corridor.origin} <span aria-hidden="true">→</span>
          <span className="sr-only">to</span> {r.corridor.destination}
        </>
      ) : (
        <span className="text-slate-600">—</span>
      ),
  },
  {
    id: "subject",
    header: "Subject",
    cell: (r) =>
      r.subject ? (
        <span className="flex flex-col">
          <Link
            href={`/addresses/${r.subject}`}
            className="font-mono text-xs text-sky-800 hover:underline"
            title={r.subject}
          >
            {short(r.subject)}
          </Link>
          <span className="text-xs text-slate-600">{r.subjectName ?? "Unattributed"}</span>
        </span>
      ) : (
        <span className="text-slate-600">—</span>
      ),
  },
  {
    id: "amount",
    header: "Amount (USD1)",
    numeric: true,
    sortable: true,
    cell: (r) =>
      r.amount === null ? (
        <span className="text-slate-600">—</span>
      ) : (
        <Usd1Amount wei={r.amount} unit={false} />
      ),
  },
  {
    id: "assignee",
    header: "Assignee",
    cell: (r) =>
      r.assigneeName ? (
        <span data-testid="alert-assignee">{r.assigneeName}</span>
      ) : (
        <span className="text-slate-600" data-testid="alert-assignee">
          Unassigned
        </span>
      ),
  },
  {
    id: "time",
    header: "Time (UTC)",
    sortable: true,
    alwaysVisible: true,
    cell: (r) => <time dateTime={r.blockTime}>{r.blockTime.slice(0, 19).replace("T", " ")}</time>,
  },
];

export type AlertsTableProps = {
  rows: AlertTableRow[];
  total: number;
  /** Assignable users when the role may triage (checkboxes and the assign bar), else null. */
  assignees: AssigneeChoice[] | null;
};

/**
 * The alerts table (server-paginated DataTable). With triage rights a checkbox column and the
 * bulk-assign bar are added here, so DataTable itself needs no selection support: the selection
 * is this page's rows only, and is dropped when the page's rows change.
 */
export function AlertsTable({ rows, total, assignees }: AlertsTableProps) {
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const selected = rows.filter((r) => picked.has(r.id)).map((r) => r.id);
  const withSelect = useMemo((): DataColumn<AlertTableRow>[] => {
    if (!assignees) return columns;
    const select: DataColumn<AlertTableRow> = {
      id: "select",
      header: "Select",
      alwaysVisible: true,
      cell: (r) => (
        <input
          type="checkbox"
          aria-label={`Select alert #${r.id}`}
          checked={picked.has(r.id)}
          onChange={(e) => {
            const on = e.target.checked;
            setPicked((prev) => {
              const next = new Set(prev);
              if (on) next.add(r.id);
              else next.delete(r.id);
              return next;
            });
          }}
        />
      ),
    };
    return [select, ...columns];
  }, [assignees, picked]);

  return (
    <div className="space-y-2">
      {assignees ? (
        <AlertsBulkAssign
          selected={selected}
          pageIds={rows.map((r) => r.id)}
          onSelectAll={(all) => setPicked(new Set(all ? rows.map((r) => r.id) : []))}
          users={assignees}
          onAssigned={() => setPicked(new Set())}
        />
      ) : null}
      <DataTable
        caption="Alerts matching the filters"
        rows={rows}
        total={total}
        columns={withSelect}
        getRowId={(r) => String(r.id)}
        defaultSort={{ id: "time", desc: true }}
        search={{ label: "Address (subject or party)", placeholder: "0x…" }}
        empty={
          <>
            No alert matches these filters. Widen the date range, pick &quot;All statuses&quot; or clear a
            filter.
          </>
        }
        testId="alerts-table"
      />
    </div>
  );
}
