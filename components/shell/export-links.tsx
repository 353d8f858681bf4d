import Link from "next/link";
import { formatInt } from "@/lib/format";
import type { SearchParams } from "@/lib/validators/view-params";

/** Keys that shape one page of a table, not the set of rows (dropped from export links). */
const PAGE_ONLY_KEYS = new Set(["page", "after", "before", "size", "sort", "hide", "density", "format"]);

/** An export route with the view's current filter (no paging) and the format asked for. */
export function exportLink(route: `/api/exports/${string}`, sp: SearchParams, format: string): string {
  const q = new URLSearchParams();
  for (const [key, raw] of Object.entries(sp)) {
    if (PAGE_ONLY_KEYS.has(key) || raw === undefined) continue;
    q.set(key, Array.isArray(raw) ? (raw[0] ?? "") : raw);
  }
  q.set("format", format);
  return `${route}?${q.toString()}`;
}

export type ExportLinksProps = {
  /** The export route handler, e.g. `/api/exports/alerts`. */
  route: `/api/exports/${string}`;
  /** The view's search params, as the page received them. */
  searchParams: SearchParams;
  formats?: readonly ("csv" | "xlsx")[];
  /** Rows the filter matches, when known (shown on the button). */
  rows?: number;
  /** data-testid prefix: `${testId}-csv`, `${testId}-xlsx`. */
  testId: string;
};

/**
 * Download buttons for a view's current filter. Render them only for a role that may export
 * (`can(role, "exports:create")`); the route refuses everyone else anyway.
 */
export function ExportLinks({
  route,
  searchParams,
  formats = ["csv", "xlsx"],
  rows,
  testId,
}: ExportLinksProps) {
  return (
    <div className="flex items-center gap-2">
      {formats.map((format) => (
        <Link
          key={format}
          href={exportLink(route, searchParams, format)}
          prefetch={false}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 hover:bg-slate-50"
          data-testid={`${testId}-${format}`}
        >
          Download {format.toUpperCase()}
          {rows === undefined ? "" : ` (${formatInt(rows)} rows)`}
        </Link>
      ))}
    </div>
  );
}
