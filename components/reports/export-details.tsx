import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ExportLogRow } from "@/db/queries/exports-log";
import { formatDateTimeUtc, formatInt } from "@/lib/format";

const STATUS_TONE: Record<string, BadgeTone> = { complete: "success", failed: "danger", aborted: "warning" };

export function ExportStatusBadge({ status }: { status: string | null }) {
  return <Badge tone={STATUS_TONE[status ?? ""] ?? "neutral"}>{status ?? "unknown"}</Badge>;
}

/** "transactions · CSV" */
export function exportKindLabel(r: Pick<ExportLogRow, "kind" | "format">): string {
  return `${(r.kind ?? "unknown").replace(/_/g, " ")} · ${(r.format ?? "?").toUpperCase()}`;
}

/** One export's record in full: who, when, what, with which parameters, and its checksum. */
export function ExportDetails({ row }: { row: ExportLogRow }) {
  const items: [string, ReactNode][] = [
    [
      "Export id",
      <code key="id" className="font-mono">
        {row.exportId}
      </code>,
    ],
    ["Export", exportKindLabel(row)],
    ["Status", <ExportStatusBadge key="status" status={row.status} />],
    ["Made by", `${row.actorEmail ?? "unknown"}${row.actorRole ? ` (${row.actorRole})` : ""}`],
    ["At", formatDateTimeUtc(row.at)],
    ["File", row.fileName ?? "—"],
    ["Rows", row.rowCount === null ? "—" : formatInt(row.rowCount)],
    ["Bytes", row.bytes === null ? "—" : formatInt(row.bytes)],
    [
      "SHA-256",
      <code key="sha" className="font-mono text-xs break-all" data-testid="export-details-sha256">
        {row.sha256 ?? "— (not completed)"}
      </code>,
    ],
    ["Client", `${row.ip ?? "unknown IP"}${row.userAgent ? ` · ${row.userAgent}` : ""}`],
  ];
  return (
    <div data-testid="export-details" data-export-id={row.exportId}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {items.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-600">{k}</dt>
            <dd className="text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-3 text-xs font-semibold text-slate-700">Parameters</h3>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {JSON.stringify(row.params, null, 2)}
      </pre>
    </div>
  );
}
