// What a file import answered: the refusal's message, the applied file's SHA-256, or, for a file
// refused row by row, "Nothing was imported" with the errors (the caller's table) and the caption
// both imports give them. Shared by the registry and the watchlist imports.
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { formatInt } from "@/lib/format";

type Outcome =
  | { status: "applied"; sha256: string }
  | { status: "rejected"; fileName: string; errors: readonly unknown[]; errorCount: number };

/** "Row errors in f.csv (first 100 of 250)" – the caption's start; each import says what rows are. */
export function rowErrorsCaption(outcome: {
  fileName: string;
  errors: readonly unknown[];
  errorCount: number;
}) {
  const first =
    outcome.errorCount > outcome.errors.length
      ? ` (first ${formatInt(outcome.errors.length)} of ${formatInt(outcome.errorCount)})`
      : "";
  return `Row errors in ${outcome.fileName}${first}`;
}

export function ImportOutcome<O extends Outcome>({
  result,
  testId,
  rowErrors,
}: {
  result: ActionResult<O> | null;
  /** data-testid of the outcome; the heading's id is derived from it. */
  testId: string;
  rowErrors: (outcome: Extract<O, { status: "rejected" }>) => ReactNode;
}) {
  if (!result) return null;
  if (!result.ok) {
    return (
      <p role="alert" data-testid={testId} className="text-sm text-red-800">
        {result.message}
      </p>
    );
  }
  const outcome = result.data;
  if (outcome.status === "applied") {
    return (
      <p role="status" data-testid={testId} className="text-sm text-emerald-800">
        {result.message}{" "}
        <span className="font-mono text-xs break-all text-slate-500">SHA-256 {outcome.sha256}</span>
      </p>
    );
  }
  const titleId = `${testId}-errors-title`;
  return (
    <section
      role="alert"
      aria-labelledby={titleId}
      data-testid={testId}
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
    >
      <h3 id={titleId} className="font-semibold">
        Nothing was imported
      </h3>
      <p className="mt-0.5">{result.message}</p>
      {rowErrors(outcome as Extract<O, { status: "rejected" }>)}
    </section>
  );
}
