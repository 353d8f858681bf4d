import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { CORRIDOR_CARDS } from "@/components/corridors-cards";
import { CorridorsContent } from "@/components/corridors-content";
import { CorridorsCostsCard } from "@/components/corridors-costs-card";
import { CorridorsInboundCard } from "@/components/corridors-inbound-card";
import { OverviewEmptyState } from "@/components/overview-empty-state";
import { PageHeader } from "@/components/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { ViewParamsError } from "@/components/view-params-error";
import { ViewToolbar } from "@/components/view-toolbar";
import { getDb } from "@/db";
import { getCorridorCoverage } from "@/db/queries/corridors";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { env } from "@/lib/env.js";
import { parseCorridorTableParams } from "@/lib/validators/corridors";
import { collectIssues, parseViewParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Corridors" };

export default async function CorridorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await requireRole("views:read");
  const db = await getDb();
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
    return (
      <>
        {header}
        <OverviewEmptyState schemaReady={presence.schemaReady} />
      </>
    );
  }
  const chains = await listKnownChains(db);
  const view = parseViewParams(sp, { chains, now, defaultRange: "all" });
  const table = parseCorridorTableParams(sp);
  const issues = collectIssues(view, table);

  return (
    <>
      {header}
      <div className="space-y-4">
        <ViewToolbar chains={chains} defaultRange="all" resetKeys={["c.page"]} />
        {!view.ok || !table.ok ? (
          <ViewParamsError errors={issues} resetHref="/corridors" />
        ) : (
          <CorridorsBody
            chainId={view.value.chainId}
            range={view.value.range}
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

type BodyProps = {
  chainId: number | undefined;
  range: { preset: string; fromDay: string | null; toDay: string; label: string };
  table: Parameters<typeof CorridorsContent>[0]["table"];
};

async function CorridorsBody({ chainId, range, table }: BodyProps) {
  // "All time" runs from the rollup's first day to its last (which may be after today on a chain
  // whose clock runs ahead); the drill-down links need concrete days either way.
  const coverage = await getCorridorCoverage(await getDb(), { chainId });
  const fromDay = range.fromDay ?? coverage.firstDay ?? range.toDay;
  const toDay =
    range.preset === "all" && coverage.lastDay && coverage.lastDay > range.toDay
      ? coverage.lastDay
      : range.toDay;
  const rangeLabel = range.preset === "all" ? `All time (${fromDay} – ${toDay})` : range.label;
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
        />
      </Suspense>
      <Suspense fallback={<CardSkeleton {...CORRIDOR_CARDS.inbound} rows={6} />}>
        <CorridorsInboundCard fromDay={fromDay} toDay={toDay} chainId={chainId} />
      </Suspense>
      <CorridorsCostsCard />
    </>
  );
}
