import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { CollateralCard } from "@/components/reserves/collateral-card";
import { ManualEntriesCard } from "@/components/reserves/manual-card";
import { PegCards } from "@/components/reserves/peg-cards";
import { ReservesSkeleton } from "@/components/reserves/skeletons";
import { ReserveSourcesCard } from "@/components/reserves/sources-card";
import { ReservesSummaryCard } from "@/components/reserves/summary-card";
import { ExportLinks } from "@/components/shell/export-links";
import { NothingIndexed } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { formatDateTimeUtc } from "@/lib/format";
import { viewScopeParams } from "@/lib/reports/view-scope";
import { RESERVES_DEFAULT_RANGE } from "@/lib/validators/reserves";
import { parseViewParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Reserves & peg" };

export default async function ReservesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("views:read");
  const db = await getReadDb();
  const presence = await getDataPresence(db);
  const chains = presence.schemaReady ? await listKnownChains(db) : [];
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const sp = await searchParams;
  const parsed = parseViewParams(sp, { chains, now, defaultRange: RESERVES_DEFAULT_RANGE });
  const exports = (series: "collateral" | "peg") =>
    can(session.role, "exports:create") ? (
      <ExportLinks
        route="/api/exports/reserves"
        searchParams={{ ...viewScopeParams(sp), series }}
        testId={`${series}-export`}
      />
    ) : null;

  return (
    <>
      <PageHeader title="Reserves & peg">
        As of <time dateTime={now.toISOString()}>{formatDateTimeUtc(now)}</time>. Is every USD1 backed, and
        does it trade at one dollar? Amounts in USD1 (18 decimals); hover a figure for its exact value in wei.
      </PageHeader>
      {presence.chainCount === 0 ? (
        <NothingIndexed schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <ViewToolbar chains={chains} defaultRange={RESERVES_DEFAULT_RANGE} />
          {!parsed.ok ? (
            <ViewParamsError errors={parsed.errors} resetHref="/reserves" />
          ) : (
            <>
              <Suspense fallback={<ReservesSkeleton />}>
                <ReservesSummaryCard today={today} />
              </Suspense>
              <Suspense
                fallback={
                  <CardSkeleton id="reserves-collateral-loading" title="Collateral ratio over time" />
                }
              >
                <CollateralCard range={parsed.value.range} today={today} actions={exports("collateral")} />
              </Suspense>
              <Suspense fallback={<CardSkeleton id="reserves-sources-loading" title="Reserve sources" />}>
                <ReserveSourcesCard chainId={parsed.value.chainId} now={now} />
              </Suspense>
              <Suspense fallback={<CardSkeleton id="reserves-peg-loading" title="Peg" />}>
                <PegCards
                  chainId={parsed.value.chainId}
                  range={parsed.value.range}
                  actions={exports("peg")}
                />
              </Suspense>
              <Suspense
                fallback={
                  <CardSkeleton id="reserves-manual-loading" title="Attestations and entered supply" />
                }
              >
                <ManualEntriesCard userId={session.userId} mayEnter={can(session.role, "reserves:attest")} />
              </Suspense>
            </>
          )}
        </div>
      )}
    </>
  );
}
