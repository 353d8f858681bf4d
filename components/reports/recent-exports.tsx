import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db";
import { listRecentExports } from "@/db/queries/exports-log";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { REPORTS_CARDS } from "./cards";
import { ExportStatusBadge, exportKindLabel } from "./export-details";

export const RECENT_EXPORTS_SHOWN = 50;

/** The latest exports by anyone (the audit log's export.create rows), newest first. */
export async function ReportsRecentExports() {
  const rows = await listRecentExports(await getDb(), { limit: RECENT_EXPORTS_SHOWN });
  return (
    <Card
      {...REPORTS_CARDS.recent}
      description={`The latest ${RECENT_EXPORTS_SHOWN} exports by anyone, from the audit log. The SHA-256 is of exactly the bytes sent.`}
    >
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No export has been made yet.</p>
      ) : (
        <Table caption="Recent exports, newest first">
          <thead>
            <tr>
              <Th>Export id</Th>
              <Th>Export</Th>
              <Th>By</Th>
              <Th>At</Th>
              <Th numeric>Rows</Th>
              <Th>SHA-256</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.exportId}-${r.at.toISOString()}`}
                data-testid="recent-export"
                data-export-id={r.exportId}
                data-sha256={r.sha256 ?? ""}
              >
                <Td className="font-mono text-xs whitespace-nowrap">
                  <Link
                    href={`/reports?export=${encodeURIComponent(r.exportId)}#${REPORTS_CARDS.lookup.id}`}
                    className="text-sky-800 underline"
                  >
                    {r.exportId}
                  </Link>
                </Td>
                <Td className="whitespace-nowrap">{exportKindLabel(r)}</Td>
                <Td>
                  {r.actorEmail ?? "unknown"}
                  {r.actorRole ? <span className="block text-xs text-slate-500">{r.actorRole}</span> : null}
                </Td>
                <Td className="whitespace-nowrap">{formatDateTimeUtc(r.at)}</Td>
                <Td numeric>{r.rowCount === null ? "—" : formatInt(r.rowCount)}</Td>
                <Td className="font-mono text-xs" title={r.sha256 ?? undefined}>
                  {r.sha256 ? `${r.sha256.slice(0, 16)}…` : "—"}
                </Td>
                <Td>
                  <ExportStatusBadge status={r.status} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
