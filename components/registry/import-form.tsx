"use client";

// Upload a registry CSV (admins only). The server validates the whole file; a rejected file comes
// back with every row error, listed here, and nothing in the registry has changed.
import { useId, useState, useTransition, type FormEvent } from "react";
import { formButton } from "@/components/ui/form-parts";
import { ImportOutcome, rowErrorsCaption } from "@/components/ui/import-outcome";
import { importRegistry } from "@/lib/actions/import-registry";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { RegistryImportOutcome } from "@/lib/registry/import-file";

type Result = ActionResult<RegistryImportOutcome>;

export function RegistryImportForm({ maxBytes, template }: { maxBytes: number; template: string }) {
  const id = useId();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = new FormData(event.currentTarget);
    const file = input.get("file");
    // Checked here too so a big file is refused before it is uploaded.
    if (file instanceof File && file.size > maxBytes) {
      setResult({
        ok: false,
        code: "bad_request",
        message: `The file is larger than ${maxBytes / 1024 / 1024} MB.`,
      });
      return;
    }
    startTransition(async () => {
      let next: Result;
      try {
        next = await importRegistry(null, input);
      } catch {
        next = {
          ok: false,
          code: "unavailable",
          message:
            "The upload failed before the file could be checked (refused as too large, or the connection dropped). Try again, or split the file.",
        };
      }
      startTransition(() => setResult(next));
    });
  }

  return (
    <div className="space-y-3">
      <form
        onSubmit={onSubmit}
        aria-label="Import entities and addresses"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="text-sm">
          <label htmlFor={`${id}-file`} className="block font-medium text-slate-800">
            CSV file
          </label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            className="mt-1 block text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
          />
        </div>
        <button type="submit" disabled={pending} className={formButton}>
          {pending ? "Checking…" : "Import"}
        </button>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download="registry-template.csv"
          className="py-1.5 text-sm text-sky-700 underline"
        >
          Download a template
        </a>
      </form>
      <ImportOutcome
        result={result}
        testId="import-outcome"
        rowErrors={(outcome) => <RegistryRowErrors outcome={outcome} />}
      />
    </div>
  );
}

type Rejected = Extract<RegistryImportOutcome, { status: "rejected" }>;

/** The rows of a refused registry file: line, column and what is wrong. */
function RegistryRowErrors({ outcome }: { outcome: Rejected }) {
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded border border-red-200 bg-white">
      <table className="w-full border-collapse text-sm text-slate-900" data-testid="import-errors">
        <caption className="px-2 py-1 text-left text-xs text-slate-600">
          {rowErrorsCaption(outcome)}. Rows are the file&apos;s line numbers; the header is line 1.
        </caption>
        <thead>
          <tr>
            <th
              scope="col"
              className="border-b border-slate-200 px-2 py-1 text-right text-xs font-medium text-slate-600"
            >
              Row
            </th>
            <th
              scope="col"
              className="border-b border-slate-200 px-2 py-1 text-left text-xs font-medium text-slate-600"
            >
              Column
            </th>
            <th
              scope="col"
              className="border-b border-slate-200 px-2 py-1 text-left text-xs font-medium text-slate-600"
            >
              Problem
            </th>
          </tr>
        </thead>
        <tbody>
          {outcome.errors.map((e, i) => (
            <tr key={`${e.row}-${e.column ?? ""}-${i}`}>
              <td className="border-b border-slate-100 px-2 py-1 text-right tabular-nums">{e.row}</td>
              <td className="border-b border-slate-100 px-2 py-1 font-mono text-xs">
                {e.column ?? "(file)"}
              </td>
              <td className="border-b border-slate-100 px-2 py-1">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
