import { Table, Td, Th } from "@/components/ui/table";
import type { AuditRow } from "@/db/queries/audit";
import { formatDateTimeUtc } from "@/lib/format";

export function AuditLogTable({ rows }: { rows: readonly AuditRow[] }) {
  return (
    <Table caption="Audit log entries, newest first">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Parameters</Th>
          <Th>IP</Th>
          <Th>Checksum</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="audit-row" data-action={r.action}>
            <Td className="whitespace-nowrap">{formatDateTimeUtc(r.at)}</Td>
            <Td>
              {r.actorEmail ?? <span className="text-slate-500">anonymous</span>}
              {r.actorRole ? <span className="block text-xs text-slate-500">{r.actorRole}</span> : null}
            </Td>
            <Td className="font-mono text-xs">{r.action}</Td>
            <Td className="break-all">{r.target ?? "—"}</Td>
            <Td className="max-w-xs font-mono text-xs break-all">{JSON.stringify(r.params)}</Td>
            <Td className="font-mono text-xs">{r.ip ?? "—"}</Td>
            <Td className="font-mono text-xs" title={r.checksum ?? undefined}>
              {r.checksum ? `${r.checksum.slice(0, 12)}…` : "—"}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
