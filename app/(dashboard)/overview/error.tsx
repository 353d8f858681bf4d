"use client";

import { useEffect } from "react";
import { PageHeader } from "@/components/page-header";

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors arrive with a generic message and a digest that matches the server log line.
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  return (
    <>
      <PageHeader title="Overview" />
      <section
        role="alert"
        aria-labelledby="overview-error-title"
        className="rounded-md border border-red-200 bg-red-50 px-4 py-4 text-sm text-red-900"
      >
        <h2 id="overview-error-title" className="font-semibold">
          The overview could not be loaded
        </h2>
        <p className="mt-1">
          The database may be unreachable. Check <code className="font-mono">/api/health</code> and the server
          log
          {digest ? (
            <>
              {" "}
              (error reference <code className="font-mono">{digest}</code>)
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
