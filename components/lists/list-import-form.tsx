"use client";

// Upload a sanctions / high-risk list. The server checks the whole file; a refused file comes back
// with every row error, listed here, and no list has changed.
import { useId, useState, useTransition, type FormEvent } from "react";
import { formButton, formControl } from "@/components/ui/form-parts";
import { ImportOutcome, rowErrorsCaption } from "@/components/ui/import-outcome";
import { importWatchlist } from "@/lib/actions/import-watchlist";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { WatchlistImportOutcome } from "@/db/queries/watchlists";
import { ListRowErrors } from "./list-row-errors";

type Result = ActionResult<WatchlistImportOutcome>;

const FORMATS = [
  { value: "auto", label: "Detect from the file" },
  { value: "csv", label: "CSV (address, chain_id, list_name, reference)" },
  { value: "ofac-sdn-xml", label: "OFAC SDN XML (sdn.xml)" },
] as const;

export function ListImportForm({ maxBytes }: { maxBytes: number }) {
  const id = useId();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = new FormData(form);
    const file = input.get("file");
    // Checked here too so a big file is refused before it is uploaded.
    if (file instanceof File && file.size > maxBytes) {
      setResult({
        ok: false,
        code: "bad_request",
        message: `The file is larger than ${maxBytes / 1024 / 1024} MB: import it with npm run monitor -- --import-watchlist.`,
      });
      return;
    }
    startTransition(async () => {
      let next: Result;
      try {
        next = await importWatchlist(null, input);
      } catch {
        next = {
          ok: false,
          code: "unavailable",
          message: "The upload failed before the file could be checked. Try again.",
        };
      }
      if (next.ok && next.data.status === "applied") form.reset();
      startTransition(() => setResult(next));
    });
  }

  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} aria-label="Import a list" className="flex flex-wrap items-end gap-3">
        <div className="text-sm">
          <label htmlFor={`${id}-file`} className="block font-medium text-slate-800">
            List file
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,.xml,text/csv,application/xml,text/xml"
            required
            className="mt-1 block text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
          />
        </div>
        <div className="w-64 text-sm">
          <label htmlFor={`${id}-name`} className="block font-medium text-slate-800">
            List name
          </label>
          <input id={`${id}-name`} name="name" required maxLength={200} className={formControl} />
        </div>
        <div className="text-sm">
          <label htmlFor={`${id}-format`} className="block font-medium text-slate-800">
            Format
          </label>
          <select id={`${id}-format`} name="format" defaultValue="auto" className={formControl}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={pending} className={formButton}>
          {pending ? "Importing…" : "Import"}
        </button>
      </form>
      <ImportOutcome
        result={result}
        testId="list-import-outcome"
        rowErrors={(outcome) => (
          <ListRowErrors
            errors={outcome.errors}
            caption={`${rowErrorsCaption(outcome)}. CSV rows are the file's line numbers (the header is line 1); OFAC rows name the sdnEntry uid.`}
          />
        )}
      />
    </div>
  );
}
