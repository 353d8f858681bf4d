import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense, type ReactNode } from "react";
import { CORRIDOR_CARDS } from "@/components/corridors/cards";
import { CorridorsContent } from "@/components/corridors/content";
import { CorridorsCostsCard } from "@/components/corridors/costs-card";
import { CorridorsInboundCard } from "@/components/corridors/inbound-card";
import { ExportLinks } from "@/components/shell/export-links";
import { NothingIndexedPage } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env.js";
import { corridorViewDays, viewScopeParams } from "@/lib/reports/view-scope";
import { parseCorridorTableParams } from "@/lib/validators/corridors";
import { collectIssues, parseViewParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Corridors" };

// The last 30 days, as the overview's top corridors: all time is one click away in the toolbar
// (at 10M transfers it aggregates 88k rollup rows, ~180 ms, for each of matrix and inbound chart).
const DEFAULT_RANGE = "30d";

export default async function CorridorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("views:read");
  const db = await getReadDb();
  const sp = await searchParams;
  const now = new Date();
  const presence = await getDataPresence(db);
  const header = (
    <PageHeader title="Corridors">
      Where USD1 moves between countries, by the jurisdiction of the entities on each side (BIS Project Atlas
      style). Unattributed sides are shown as such, never guessed. UTC days, finalized blocks.
    </PageHeader>
  );
  if (presence.chainCount === 0) {
    return <NothingIndexedPage header={header} schemaReady={presence.schemaReady} />;
  }
  const chains = await listKnownChains(db);
  const view = parseViewParams(sp, { chains, now, defaultRange: DEFAULT_RANGE });
  const table = parseCorridorTableParams(sp);
  const issues = collectIssues(view, table);

  return (
    <>
      {header}
      <div className="space-y-4">
        <ViewToolbar chains={chains} defaultRange={DEFAULT_RANGE} resetKeys={["c.page"]} />
        {!view.ok || !table.ok ? (
          <ViewParamsError errors={issues} resetHref="/corridors" />
        ) : (
          <CorridorsBody
            chainId={view.value.chainId}
            range={view.value.range}
            exportActions={
              can(session.role, "exports:create") ? (
                <ExportLinks
                  route="/api/exports/corridors"
                  searchParams={withDefaultRange(viewScopeParams(sp))}
                  testId="corridors-export"
                />
              ) : null
            }
            table={{
              origin: table.value.filters.origin,
              destination: table.value.filters.destination,
              sort: table.value.sort ?? { id: "adjusted", desc: true },
              offset: table.value.offset,
              size: table.value.size,
            }}
          />
        )}
      </div>
    </>
  );
}

/**
 * The export route's own default is all time: a URL without a range exports what the screen shows
 * only if the link names the screen's default range.
 */
function withDefaultRange(sp: SearchParams): SearchParams {
  return sp.range === undefined && sp.from === undefined && sp.to === undefined
    ? { ...sp, range: DEFAULT_RANGE }
    : sp;
}

type BodyProps = {
  chainId: number | undefined;
  range: { preset: string; fromDay: string | null; toDay: string; label: string };
  table: Parameters<typeof CorridorsContent>[0]["table"];
  exportActions: ReactNode;
};

async function CorridorsBody({ chainId, range, table, exportActions }: BodyProps) {
  // The drill-down links (and the matrix export) need concrete days, "all time" included.
  const days = await corridorViewDays(await getReadDb(), { chainId, range });
  const { fromDay, toDay, label: rangeLabel } = days;
  return (
    <>
      <Suspense
        fallback={
          <>
            <CardSkeleton {...CORRIDOR_CARDS.summary} rows={3} />
            <CardSkeleton {...CORRIDOR_CARDS.matrix} rows={8} />
          </>
        }
      >
        <CorridorsContent
          fromDay={fromDay}
          toDay={toDay}
          rangeLabel={rangeLabel}
          chainId={chainId}
          table={table}
          pkrPerUsd={env.PKR_PER_USD}
          matrixActions={exportActions}
        />
      </Suspense>
      <Suspense fallback={<CardSkeleton {...CORRIDOR_CARDS.inbound} rows={6} />}>
        <CorridorsInboundCard fromDay={fromDay} toDay={toDay} chainId={chainId} />
      </Suspense>
      <CorridorsCostsCard />
    </>
  );
}
