import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { findExport } from "@/db/queries/exports-log";
import { REPORTS_CARDS } from "./cards";
import { ExportDetails } from "./export-details";

export type ReportsExportLookupProps = {
  /** The id typed (as entered, for the field), when any. */
  query: string | undefined;
  /** The validated id, or the validation message. */
  parsed: { ok: true; exportId: string } | { ok: false; message: string } | null;
};

/** A GET form on this page (works without JavaScript); the record appears under it. */
export async function ReportsExportLookup({ query, parsed }: ReportsExportLookupProps) {
  const found = parsed?.ok ? await findExport(await getDb(), { exportId: parsed.exportId }) : null;
  return (
    <Card
      {...REPORTS_CARDS.lookup}
      description="Every file carries its export id (CSV/XLSX column, PDF footer, goAML entity_reference). Type it to see who made the file, when, and with which parameters."
    >
      <form method="get" action="/reports" className="flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Export id
          <input
            name="export"
            defaultValue={query ?? ""}
            placeholder="EX-XXXX-XXXX-XXXX"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            className="w-56 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm uppercase"
          />
        </label>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50"
        >
          Find
        </button>
      </form>
      <div className="mt-3" aria-live="polite">
        {parsed === null ? null : !parsed.ok ? (
          <p role="alert" className="text-sm text-amber-900" data-testid="export-lookup-error">
            {parsed.message}
          </p>
        ) : found ? (
          <ExportDetails row={found} />
        ) : (
          <p className="text-sm text-slate-700" data-testid="export-lookup-missing">
            No export with id <code className="font-mono">{parsed.exportId}</code> is recorded.
          </p>
        )}
      </div>
    </Card>
  );
}
