import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown instead of the widgets before the indexer has written anything: a next step, not an error. */
export function NothingIndexed({ schemaReady }: { schemaReady: boolean }) {
  return (
    <EmptyState title="No data indexed yet" testId="overview-empty">
      <p>
        {schemaReady
          ? "The database is reachable but no chain has been indexed into it yet."
          : "The database is reachable but has no tables yet."}
      </p>
      <p>
        Start the demo (
        <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">npm run demo</code>: a local
        chain with simulated traffic) or the indexer (
        <code className="rounded bg-slate-100 px-1 font-mono text-slate-800">npm run indexer</code>), then
        reload this page. Both apply the database migrations when they start.
      </p>
    </EmptyState>
  );
}

/** A view page's header with the empty state in place of its body: the pages' early return. */
export function NothingIndexedPage({ header, schemaReady }: { header: ReactNode; schemaReady: boolean }) {
  return (
    <>
      {header}
      <NothingIndexed schemaReady={schemaReady} />
    </>
  );
}
