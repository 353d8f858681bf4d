import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { OVERVIEW_CARDS } from "@/components/overview/cards";
import { OverviewCollateralCard } from "@/components/overview/collateral-card";
import { OverviewCorridorsCard } from "@/components/overview/corridors-card";
import { OverviewIndexerCard } from "@/components/overview/indexer-card";
import { OverviewIssuanceCard } from "@/components/overview/issuance-card";
import {
  CorridorsSkeleton,
  IndexerSkeleton,
  IssuanceSkeleton,
  SupplySkeleton,
} from "@/components/overview/skeletons";
import { OverviewSupplyCard } from "@/components/overview/supply-card";
import { ChainFilter } from "@/components/shell/chain-filter";
import { NothingIndexed } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTimeUtc } from "@/lib/format";
import { chainParamSchema, firstParam } from "@/lib/validators/filters";

export const metadata: Metadata = { title: "Overview" };

const CORRIDOR_DAYS = 30;
const DAY_MS = 86_400_000;

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Live figures: render per request, never at build time.
  await connection();
  await requireRole("views:read");
  const db = await getReadDb();
  const presence = await getDataPresence(db);
  const chainParam = chainParamSchema.safeParse(firstParam((await searchParams).chain));
  const chains = presence.schemaReady ? await listKnownChains(db) : [];
  const chainId = chainParam.success ? chainParam.data : undefined;
  const chainError = !chainParam.success
    ? "The chain filter must be a numeric chain id."
    : chainId !== undefined && !chains.some((c) => c.chainId === chainId)
      ? `Unknown chain ${chainId}. Pick one of the chains below.`
      : undefined;
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
        <NothingIndexed schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <ChainFilter chains={chains} selected={chainError ? undefined : chainId} path="/overview" />
          {chainError ? (
            <p
              role="alert"
              className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
            >
              {chainError}
            </p>
          ) : (
            <>
              <Suspense fallback={<SupplySkeleton />}>
                <OverviewSupplyCard chainId={chainId} />
              </Suspense>
              <Suspense fallback={<CardSkeleton {...OVERVIEW_CARDS.collateral} />}>
                <OverviewCollateralCard now={now} chainId={chainId} />
              </Suspense>
              <Suspense fallback={<IssuanceSkeleton />}>
                <OverviewIssuanceCard now={now} chainId={chainId} />
              </Suspense>
              <Suspense fallback={<CorridorsSkeleton />}>
                <OverviewCorridorsCard since={corridorsSince} chainId={chainId} />
              </Suspense>
              <Suspense fallback={<IndexerSkeleton />}>
                <OverviewIndexerCard now={now} chainId={chainId} />
              </Suspense>
            </>
          )}
        </div>
      )}
    </>
  );
}
