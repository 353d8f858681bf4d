import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { WatchlistRowView } from "@/db/queries/watchlists";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { WATCHLIST_FORMAT_LABELS } from "@/lib/validators/watchlists";
import { RetireListForm } from "./retire-list-form";

/** Every list: the import in force (or, retired, the last one) with its file's SHA-256. */
export function ListsTable({ lists }: { lists: WatchlistRowView[] }) {
  return (
    <Table caption="Imported lists">
      <thead>
        <tr>
          <Th>List</Th>
          <Th>Format</Th>
          <Th>Version</Th>
          <Th>Imported</Th>
          <Th>SHA-256</Th>
          <Th numeric>Entries</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody data-testid="lists-table">
        {lists.map((l) => (
          <tr key={l.id} data-testid="list-row" data-name={l.name}>
            <Th scope="row">
              <Link href={`/lists/${l.id}`} className="text-sky-800 underline">
                {l.name}
              </Link>
            </Th>
            <Td className="text-xs">{WATCHLIST_FORMAT_LABELS[l.format]}</Td>
            <Td>{l.version ?? "not stated"}</Td>
            <Td className="text-xs">
              {formatDateTimeUtc(l.importedAt)}
              <br />
              <span className="text-slate-500">
                {l.importedByEmail ?? "command line"} · {l.fileName}
              </span>
            </Td>
            <Td className="font-mono text-xs break-all" title={l.sha256 ?? undefined}>
              {l.sha256 ? `${l.sha256.slice(0, 16)}…` : "not recorded"}
            </Td>
            <Td numeric data-testid="list-entry-count">
              {formatInt(l.entryCount)}
              {l.skippedCount > 0 ? (
                <span className="block text-xs text-slate-500">
                  {formatInt(l.skippedCount)} non-EVM skipped
                </span>
              ) : null}
            </Td>
            <Td>
              {l.retiredAt ? (
                <>
                  <Badge tone="neutral" data-testid="list-status">
                    Retired
                  </Badge>
                  <span className="block text-xs text-slate-500">
                    {formatDateTimeUtc(l.retiredAt)} by {l.retiredByEmail ?? "?"}: {l.retireReason}
                  </span>
                </>
              ) : (
                <Badge tone="success" data-testid="list-status">
                  In force
                </Badge>
              )}
            </Td>
            <Td>{l.retiredAt ? null : <RetireListForm id={l.id} name={l.name} />}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
