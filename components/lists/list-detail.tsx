import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { WatchlistDetail } from "@/db/queries/watchlists";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { WATCHLIST_FORMAT_LABELS } from "@/lib/validators/watchlists";

/** Every import of the list, newest first: the file, its SHA-256 and what it replaced. */
export function ListImportHistory({ detail }: { detail: WatchlistDetail }) {
  return (
    <Card
      id="list-history"
      title="Import history"
      description="Every file imported under this name, newest first."
    >
      <Table caption={`Imports of ${detail.list.name}`}>
        <thead>
          <tr>
            <Th>Imported (UTC)</Th>
            <Th>By</Th>
            <Th>File</Th>
            <Th>Version</Th>
            <Th>SHA-256</Th>
            <Th numeric>Entries</Th>
            <Th numeric>Replaced</Th>
          </tr>
        </thead>
        <tbody data-testid="list-history">
          {detail.imports.map((i) => (
            <tr key={i.id}>
              <Td className="text-xs whitespace-nowrap">{formatDateTimeUtc(i.importedAt)}</Td>
              <Td className="text-xs">{i.importedByEmail ?? "command line"}</Td>
              <Td className="text-xs">
                {i.fileName}
                <span className="block text-slate-500">{WATCHLIST_FORMAT_LABELS[i.format]}</span>
              </Td>
              <Td>{i.version ?? "not stated"}</Td>
              <Td className="font-mono text-xs break-all">{i.sha256}</Td>
              <Td numeric>{formatInt(i.entryCount)}</Td>
              <Td numeric>{formatInt(i.replacedCount)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

/** A page of the list's entries, by address. */
export function ListEntries({
  detail,
  page,
  pageSize,
}: {
  detail: WatchlistDetail;
  page: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(detail.entryTotal / pageSize));
  const { list } = detail;
  return (
    <Card
      id="list-entries"
      title={`${formatInt(detail.entryTotal)} entries`}
      description={
        list.retiredAt
          ? `Retired: its ${formatInt(list.entryCount)} entries were removed and no longer match.`
          : `Page ${page} of ${pages}. An entry without a chain applies to every chain.`
      }
    >
      <Table caption={`Entries of ${list.name}`}>
        <thead>
          <tr>
            <Th>Address</Th>
            <Th>Chain</Th>
            <Th>Label / reason</Th>
          </tr>
        </thead>
        <tbody data-testid="list-entries">
          {detail.entries.map((e) => (
            <tr key={`${e.chainId ?? "*"}-${e.address}`}>
              <Td className="font-mono text-xs">{e.address}</Td>
              <Td>{e.chainId ?? "every chain"}</Td>
              <Td className="text-xs">{e.reference}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {pages > 1 ? (
        <nav aria-label="Entry pages" className="mt-3 flex gap-3 text-sm">
          {page > 1 ? (
            <Link href={`/lists/${list.id}?page=${page - 1}`} className="text-sky-800 underline">
              Previous
            </Link>
          ) : null}
          {page < pages ? (
            <Link href={`/lists/${list.id}?page=${page + 1}`} className="text-sky-800 underline">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Card>
  );
}
