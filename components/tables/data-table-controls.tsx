"use client";

import { useId, useState, type FormEvent } from "react";
import { formatInt } from "@/lib/format";
import { PAGE_SIZES } from "@/lib/validators/view-params";
import { cn } from "../ui/cn";

/** A select filter bound to one URL key; values are validated again on the server. */
export type DataTableFilter = { id: string; label: string; options: { value: string; label: string }[] };

const control =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-slate-700";

// Structural slice of the TanStack table the controls use (keeps these free of its generics).
type PagedTable = {
  getPageCount: () => number;
  getCanPreviousPage: () => boolean;
  getCanNextPage: () => boolean;
  setPageIndex: (i: number) => void;
  setPageSize: (n: number) => void;
};
type HideableTable = {
  getAllLeafColumns: () => {
    id: string;
    getCanHide: () => boolean;
    getIsVisible: () => boolean;
    toggleVisibility: (v?: boolean) => void;
  }[];
};

/** Keyset pager actions: null when there is no such page. */
export type KeysetPager = { first: () => void; previous: (() => void) | null; next: (() => void) | null };

export function Pagination({
  table,
  pagination,
  total,
  shown,
  keyset,
}: {
  table: PagedTable;
  pagination: { pageIndex: number; pageSize: number };
  total: number;
  shown: number;
  keyset?: KeysetPager | undefined;
}) {
  const { pageIndex, pageSize } = pagination;
  const pages = Math.max(1, table.getPageCount());
  const first = pageIndex * pageSize + 1;
  const sizeId = useId();
  const sizeSelect = (
    <>
      <label htmlFor={sizeId} className="ml-2 text-xs">
        Rows per page
      </label>
      <select
        id={sizeId}
        className={control}
        value={pageSize}
        onChange={(e) => table.setPageSize(Number(e.target.value))}
      >
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </>
  );
  if (keyset) {
    return (
      <nav aria-label="Pagination" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <p role="status">
          {shown === 0
            ? "No rows on this page: go back to the first page."
            : `${formatInt(shown)} ${shown === 1 ? "row" : "rows"} shown of ${formatInt(total)}`}
        </p>
        <div className="ml-auto flex items-center gap-1">
          <button
            type="button"
            className={control}
            onClick={keyset.first}
            disabled={keyset.previous === null}
          >
            First
          </button>
          <button
            type="button"
            className={control}
            onClick={keyset.previous ?? undefined}
            disabled={keyset.previous === null}
          >
            Previous
          </button>
          <button
            type="button"
            className={control}
            onClick={keyset.next ?? undefined}
            disabled={keyset.next === null}
          >
            Next
          </button>
          {sizeSelect}
        </div>
      </nav>
    );
  }
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      {shown === 0 ? (
        <p role="status">
          Page {formatInt(pageIndex + 1)} is past the end: there {pages === 1 ? "is" : "are"}{" "}
          {formatInt(pages)} {pages === 1 ? "page" : "pages"}.
        </p>
      ) : (
        <p role="status">
          Rows {formatInt(first)}–{formatInt(first + shown - 1)} of {formatInt(total)} · page{" "}
          {formatInt(pageIndex + 1)} of {formatInt(pages)}
        </p>
      )}
      <div className="ml-auto flex items-center gap-1">
        <button
          type="button"
          className={control}
          onClick={() => table.setPageIndex(0)}
          disabled={pageIndex === 0}
        >
          First
        </button>
        <button
          type="button"
          className={control}
          onClick={() => table.setPageIndex(Math.min(pageIndex, pages) - 1)}
          disabled={!table.getCanPreviousPage()}
        >
          Previous
        </button>
        <button
          type="button"
          className={control}
          onClick={() => table.setPageIndex(pageIndex + 1)}
          disabled={!table.getCanNextPage()}
        >
          Next
        </button>
        <button
          type="button"
          className={control}
          onClick={() => table.setPageIndex(pages - 1)}
          disabled={pageIndex >= pages - 1}
        >
          Last
        </button>
        {sizeSelect}
      </div>
    </nav>
  );
}

export function ColumnMenu({ table, byId }: { table: HideableTable; byId: Map<string, { header: string }> }) {
  const cols = table.getAllLeafColumns().filter((c) => c.getCanHide());
  if (cols.length === 0) return null;
  return (
    <details className="relative">
      <summary className={cn(control, "cursor-pointer list-none")}>Columns</summary>
      <fieldset className="absolute right-0 z-10 mt-1 min-w-44 space-y-1 rounded border border-slate-200 bg-white p-2 shadow">
        <legend className="sr-only">Visible columns</legend>
        {cols.map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={c.getIsVisible()}
              onChange={(e) => c.toggleVisibility(e.target.checked)}
            />
            {byId.get(c.id)?.header ?? c.id}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

export function DensityToggle({
  compact,
  onChange,
}: {
  compact: boolean;
  onChange: (compact: boolean) => void;
}) {
  return (
    <button type="button" aria-pressed={compact} className={control} onClick={() => onChange(!compact)}>
      Compact rows
    </button>
  );
}

export function TableFilters({
  search,
  q,
  filters,
  values,
  onChange,
}: {
  search: { label: string; placeholder?: string } | undefined;
  q: string | null;
  filters: DataTableFilter[];
  values: Record<string, string | null>;
  onChange: (patch: Record<string, string | null>) => void;
}) {
  const [draft, setDraft] = useState(q ?? "");
  const id = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    onChange({ q: draft.trim() === "" ? null : draft.trim() });
  }
  return (
    <>
      {search ? (
        <form role="search" onSubmit={submit} className="flex items-end gap-1">
          <div className="flex flex-col gap-0.5">
            <label htmlFor={`${id}-q`} className="text-xs font-medium text-slate-600">
              {search.label}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={draft}
              maxLength={100}
              placeholder={search.placeholder}
              onChange={(e) => setDraft(e.target.value)}
              className="w-56 rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </div>
          <button type="submit" className={control}>
            Search
          </button>
        </form>
      ) : null}
      {filters.map((f) => (
        <div key={f.id} className="flex flex-col gap-0.5">
          <label htmlFor={`${id}-${f.id}`} className="text-xs font-medium text-slate-600">
            {f.label}
          </label>
          <select
            id={`${id}-${f.id}`}
            className={control}
            value={values[f.id] ?? ""}
            onChange={(e) => onChange({ [f.id]: e.target.value === "" ? null : e.target.value })}
          >
            <option value="">All</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
    </>
  );
}
