"use client";

import {
  columnVisibilityFeature,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { parseAsInteger, parseAsString, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo, useTransition, type ReactNode } from "react";
import { DEFAULT_PAGE_SIZE, tableKey, type PageSize, type SortSpec } from "@/lib/validators/view-params";
import { cn } from "../ui/cn";
import {
  ColumnMenu,
  DensityToggle,
  Pagination,
  type KeysetPager,
  TableFilters,
  type DataTableFilter,
} from "./data-table-controls";

export type { DataTableFilter } from "./data-table-controls";

/** A column of a server-paginated table. Rows are serializable (bigint already a string). */
export type DataColumn<TRow> = {
  /** Column id; for sortable columns it must be in the server's sort whitelist. */
  id: string;
  header: string;
  cell: (row: TRow) => ReactNode;
  sortable?: boolean;
  /** Right-aligned, tabular figures; sorts descending first. */
  numeric?: boolean;
  /** Rendered as the row's header cell (th scope=row), e.g. the holder's name. */
  rowHeader?: boolean;
  /** Stays visible (not listed in the column menu). */
  alwaysVisible?: boolean;
};

export type DataTableProps<TRow extends RowData> = {
  /** Names the table for assistive technology (and appears above it). */
  caption: string;
  rows: TRow[];
  /** All rows matching the filters, over every page. */
  total: number;
  columns: DataColumn<TRow>[];
  getRowId: (row: TRow) => string;
  /** Key prefix when a page has several tables ("holders" → holders.page, holders.sort …). */
  prefix?: string;
  /** Must equal what the server applies when the URL has no size/sort. */
  defaultSize?: PageSize;
  defaultSort?: SortSpec | null;
  /** Shows a search box bound to `q` (validated by searchTextSchema on the server). */
  search?: { label: string; placeholder?: string };
  /** Select filters bound to `<prefix>.<id>`, validated by the server's `filters` schemas. */
  filters?: DataTableFilter[];
  /**
   * Keyset paging: the cursors of the next and previous pages (null at either end), written to
   * `after` / `before` by the pager, which then offers First, Previous and Next (no page numbers:
   * a deep page costs what the first does). Without it the pager pages by `page`.
   */
  keyset?: { next: string | null; previous: string | null };
  /** Shown instead of the table when there are no rows at all: say what to do. */
  empty: ReactNode;
  testId?: string;
};

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, rowPaginationFeature });
const DENSITIES = ["comfortable", "compact"] as const;
const CLIENT_ONLY = { shallow: true, history: "replace" } as const;
/** URL state of the first page (offset and keyset paging alike). */
const FIRST_PAGE = { page: null, after: null, before: null } as const;

function toSorting(raw: string | null, fallback: SortSpec | null | undefined): SortingState {
  const m = raw ? /^(\w+)\.(asc|desc)$/.exec(raw) : null;
  if (m) return [{ id: m[1]!, desc: m[2] === "desc" }];
  return fallback ? [{ id: fallback.id, desc: fallback.desc }] : [];
}

/**
 * Server-paginated table: page, size, sort, search, filters and hidden columns live in the URL
 * (so a view is a link); changing them re-renders the server component (shallow: false), which
 * re-validates them with parseTableParams and queries one page.
 */
export function DataTable<TRow extends RowData>(props: DataTableProps<TRow>) {
  const { caption, rows, total, columns, prefix, defaultSize = DEFAULT_PAGE_SIZE, testId } = props;
  const [pending, startTransition] = useTransition();
  const filterIds = (props.filters ?? []).map((f) => f.id).join(",");
  const [parsers, urlKeys] = useMemo(() => {
    const ids = filterIds.split(",").filter(Boolean);
    const k = (name: string) => tableKey(prefix, name);
    return [
      {
        page: parseAsInteger,
        size: parseAsInteger,
        sort: parseAsString,
        hide: parseAsString,
        q: parseAsString,
        after: parseAsString,
        before: parseAsString,
        density: parseAsStringLiteral(DENSITIES),
        ...Object.fromEntries(ids.map((id) => [id, parseAsString])),
      },
      {
        page: k("page"),
        size: k("size"),
        sort: k("sort"),
        hide: k("hide"),
        q: k("q"),
        after: k("after"),
        before: k("before"),
        ...Object.fromEntries(ids.map((id) => [id, k(id)])),
      },
    ];
  }, [filterIds, prefix]);
  const [url, setUrl] = useQueryStates(parsers, {
    shallow: false,
    history: "push",
    startTransition,
    urlKeys,
  });
  const pagination: PaginationState = {
    pageIndex: Math.max(0, (url.page ?? 1) - 1),
    pageSize: url.size ?? defaultSize,
  };
  const sorting = toSorting(url.sort, props.defaultSort);
  const hidden = (url.hide ?? "").split(",").filter(Boolean);
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));

  const columnDefs = useMemo(
    (): ColumnDef<typeof features, TRow>[] =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: TRow) => row as unknown as string,
        cell: (info) => c.cell(info.row.original),
        enableSorting: c.sortable ?? false,
        sortDescFirst: c.numeric ?? false,
        enableHiding: !c.alwaysVisible,
      })),
    [columns],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => props.getRowId(row),
    state: { sorting, pagination, columnVisibility },
    manualPagination: true,
    manualSorting: true,
    enableSortingRemoval: false,
    rowCount: total,
    onSortingChange: (u: Updater<SortingState>) => {
      const next = functionalUpdate(u, sorting)[0];
      void setUrl({ sort: next ? `${next.id}.${next.desc ? "desc" : "asc"}` : null, ...FIRST_PAGE });
    },
    onPaginationChange: (u: Updater<PaginationState>) => {
      const next = functionalUpdate(u, pagination);
      void setUrl({
        ...FIRST_PAGE,
        page: next.pageIndex === 0 ? null : next.pageIndex + 1,
        size: next.pageSize === defaultSize ? null : next.pageSize,
      });
    },
    onColumnVisibilityChange: (u: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(u, columnVisibility);
      const ids = Object.entries(next)
        .filter(([, v]) => !v)
        .map(([id]) => id);
      // Presentation only: no server round trip (CLIENT_ONLY), but still in the URL for sharing.
      void setUrl({ hide: ids.length ? ids.join(",") : null }, CLIENT_ONLY);
    },
  });

  const previousCursor = props.keyset?.previous ?? null;
  const nextCursor = props.keyset?.next ?? null;
  const keysetPager: KeysetPager | undefined = props.keyset && {
    first: () => void setUrl(FIRST_PAGE),
    previous:
      previousCursor === null ? null : () => void setUrl({ page: null, after: null, before: previousCursor }),
    next: nextCursor === null ? null : () => void setUrl({ page: null, after: nextCursor, before: null }),
  };

  const byId = new Map(columns.map((c) => [c.id, c]));
  const compact = url.density === "compact";
  const cellPad = compact ? "px-2 py-0.5 text-xs" : "px-2 py-1.5";
  const filterValues = Object.fromEntries(
    (props.filters ?? []).map((f) => [f.id, (url as Record<string, unknown>)[f.id] as string | null]),
  );

  return (
    <div data-testid={testId} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <TableFilters
          search={props.search}
          q={url.q}
          filters={props.filters ?? []}
          values={filterValues}
          onChange={(patch) => void setUrl({ ...patch, ...FIRST_PAGE })}
        />
        <div className="ml-auto flex items-center gap-2">
          <ColumnMenu table={table} byId={byId} />
          <DensityToggle
            compact={compact}
            onChange={(c) => void setUrl({ density: c ? "compact" : null }, CLIENT_ONLY)}
          />
        </div>
      </div>
      {total === 0 ? (
        <div className="rounded border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          {props.empty}
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table
            aria-busy={pending || undefined}
            className={cn("w-full border-collapse text-sm", pending && "opacity-60")}
          >
            <caption className="pb-2 text-left text-xs text-slate-500">{caption}</caption>
            <thead>
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => {
                    const col = byId.get(h.column.id);
                    const dir = h.column.getIsSorted();
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                        className={cn(
                          "border-b border-slate-200 text-xs font-medium whitespace-nowrap text-slate-600",
                          cellPad,
                          col?.numeric ? "text-right" : "text-left",
                        )}
                      >
                        {h.column.getCanSort() ? (
                          <button
                            type="button"
                            onClick={h.column.getToggleSortingHandler()}
                            className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-700"
                          >
                            {col?.header}
                            <span aria-hidden="true">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                          </button>
                        ) : (
                          col?.header
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => {
                    const col = byId.get(cell.column.id);
                    const Tag = col?.rowHeader ? "th" : "td";
                    return (
                      <Tag
                        key={cell.id}
                        scope={col?.rowHeader ? "row" : undefined}
                        className={cn(
                          "cell",
                          compact && "py-0.5 text-xs",
                          col?.rowHeader && "text-left font-medium text-slate-900",
                          col?.numeric && "cell-num",
                        )}
                      >
                        <table.FlexRender cell={cell} />
                      </Tag>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 ? (
        <Pagination
          table={table}
          pagination={pagination}
          total={total}
          shown={rows.length}
          keyset={keysetPager}
        />
      ) : null}
    </div>
  );
}
