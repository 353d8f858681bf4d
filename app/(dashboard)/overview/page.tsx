import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { OverviewCorridorsCard } from "@/components/overview-corridors-card";
import { OverviewEmptyState } from "@/components/overview-empty-state";
import { OverviewIndexerCard } from "@/components/overview-indexer-card";
import { OverviewIssuanceCard } from "@/components/overview-issuance-card";
import {
  CorridorsSkeleton,
  IndexerSkeleton,
  IssuanceSkeleton,
  SupplySkeleton,
} from "@/components/overview-skeletons";
import { OverviewSupplyCard } from "@/components/overview-supply-card";
import { PageHeader } from "@/components/page-header";
import { getDb } from "@/db";
import { getDataPresence } from "@/db/queries/overview";
import { formatDateTimeUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Overview" };

const CORRIDOR_DAYS = 30;
const DAY_MS = 86_400_000;

export default async function OverviewPage() {
  // Live figures: render per request, never at build time.
  await connection();
  const presence = await getDataPresence(await getDb());
  // One clock for every widget, so the 24h window and "x min ago" agree with each other.
  const now = new Date();
  const corridorsSince = new Date(now.getTime() - (CORRIDOR_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title="Overview">
        As of <time dateTime={now.toISOString()}>{formatDateTimeUtc(now)}</time>. Amounts in USD1 (18
        decimals); hover a figure for its exact value in wei.
      </PageHeader>
      {presence.chainCount === 0 ? (
        <OverviewEmptyState schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <Suspense fallback={<SupplySkeleton />}>
            <OverviewSupplyCard />
          </Suspense>
          <Suspense fallback={<IssuanceSkeleton />}>
            <OverviewIssuanceCard now={now} />
          </Suspense>
          <Suspense fallback={<CorridorsSkeleton />}>
            <OverviewCorridorsCard since={corridorsSince} />
          </Suspense>
          <Suspense fallback={<IndexerSkeleton />}>
            <OverviewIndexerCard now={now} />
          </Suspense>
        </div>
      )}
    </>
  );
}
