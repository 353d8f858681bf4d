"use client";

import { useEffect } from "react";
import { PageHeader } from "./page-header";

/** The error boundary body of a dashboard view: a safe message, the log reference, a retry. */
export function SegmentError({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <>
      <PageHeader title={title} />
      <section
        role="alert"
        className="rounded-md border border-red-200 bg-red-50 px-4 py-4 text-sm text-red-900"
      >
        <h2 className="font-semibold">This page could not be loaded</h2>
        <p className="mt-1">
          The error has been logged
          {digest ? (
            <>
              {" "}
              (reference <code className="font-mono">{digest}</code>)
            </>
          ) : null}
          .
        </p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-3 rounded border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-900 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-700"
        >
          Try again
        </button>
      </section>
    </>
  );
}
