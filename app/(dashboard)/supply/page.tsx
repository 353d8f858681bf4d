import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { z } from "zod";
import { ExportLinks } from "@/components/shell/export-links";
import { NothingIndexed } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { SupplyAdminEventsCard } from "@/components/supply/admin-events-card";
import { SupplyConcentrationCard } from "@/components/supply/concentration-card";
import { SupplyHistoryCards } from "@/components/supply/history-cards";
import { SupplyHoldingsCard } from "@/components/supply/holdings-card";
import { SupplyReconciliationCard } from "@/components/supply/reconciliation-card";
import {
  SupplyConcentrationSkeleton,
  SupplyEventsSkeleton,
  SupplyHistorySkeleton,
  SupplyHoldingsSkeleton,
  SupplyReconciliationSkeleton,
  SupplySummarySkeleton,
} from "@/components/supply/skeletons";
import { SupplySummaryCard } from "@/components/supply/summary-card";
import { ADMIN_EVENTS_TABLE } from "@/components/tables/admin-events/admin-events-params";
import { HOLDERS_TABLE } from "@/components/tables/holders/holders-params";
import { RECONCILIATIONS_TABLE } from "@/components/tables/reconciliations/reconciliations-params";
import { getReadDb } from "@/db";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import {
  ADMIN_EVENT_KINDS,
  ADMIN_EVENT_SORTS,
  RECONCILIATION_SORTS,
  RECONCILIATION_STATUSES,
} from "@/db/queries/supply-events";
import { HOLDER_SORTS } from "@/db/queries/supply-holders";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env.js";
import { formatDateTimeUtc } from "@/lib/format";
import { viewScopeParams } from "@/lib/reports/view-scope";
import {
  collectIssues,
  parseTableParams,
  parseViewParams,
  tableKey,
  type SearchParams,
} from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Supply" };

// Supply since inception is the natural first question; the toolbar narrows it.
const DEFAULT_RANGE = "all";
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `${what} must be one of ${values.join(", ")}` });

function parseSupplyParams(sp: SearchParams, chains: { chainId: number; name: string }[], now: Date) {
  const view = parseViewParams(sp, { chains, now, defaultRange: DEFAULT_RANGE });
  const holders = parseTableParams(sp, { ...HOLDERS_TABLE, sortable: HOLDER_SORTS });
  const recon = parseTableParams(sp, {
    ...RECONCILIATIONS_TABLE,
    sortable: RECONCILIATION_SORTS,
    filters: { status: oneOf(RECONCILIATION_STATUSES, "status") },
  });
  const events = parseTableParams(sp, {
    ...ADMIN_EVENTS_TABLE,
    sortable: ADMIN_EVENT_SORTS,
    filters: { kind: oneOf(ADMIN_EVENT_KINDS, "event kind") },
  });
  if (view.ok && holders.ok && recon.ok && events.ok) {
    return {
      ok: true as const,
      view: view.value,
      holders: holders.value,
      recon: recon.value,
      events: events.value,
    };
  }
  return { ok: false as const, errors: collectIssues(view, holders, recon, events) };
}

export default async function SupplyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Live figures: render per request, never at build time.
  await connection();
  const session = await requireRole("views:read");
  const db = await getReadDb();
  const presence = await getDataPresence(db);
  const chains = presence.schemaReady ? await listKnownChains(db) : [];
  // One clock for every widget, so "today" and the ranges agree with each other.
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const sp = await searchParams;
  const parsed = parseSupplyParams(sp, chains, now);
  const pkr = env.PKR_PER_USD;
  const pageKeys = [HOLDERS_TABLE, RECONCILIATIONS_TABLE, ADMIN_EVENTS_TABLE].map((t) =>
    tableKey(t.prefix, "page"),
  );

  return (
    <>
      <PageHeader title="Supply">
        As of <time dateTime={now.toISOString()}>{formatDateTimeUtc(now)}</time>. Amounts in USD1 (18
        decimals); hover a figure for its exact value in wei
        {pkr ? `; PKR at ${pkr} per USD (configured rate)` : ""}.
      </PageHeader>
      {presence.chainCount === 0 ? (
        <NothingIndexed schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <ViewToolbar chains={chains} defaultRange={DEFAULT_RANGE} resetKeys={pageKeys} />
          {!parsed.ok ? (
            <ViewParamsError errors={parsed.errors} resetHref="/supply" />
          ) : (
            <>
              <Suspense fallback={<SupplySummarySkeleton />}>
                <SupplySummaryCard chainId={parsed.view.chainId} pkr={pkr} today={today} />
              </Suspense>
              <Suspense fallback={<SupplyHistorySkeleton />}>
                <SupplyHistoryCards
                  chainId={parsed.view.chainId}
                  pkr={pkr}
                  range={parsed.view.range}
                  today={today}
                  actions={
                    can(session.role, "exports:create") ? (
                      <ExportLinks
                        route="/api/exports/supply"
                        searchParams={viewScopeParams(sp)}
                        testId="supply-export"
                      />
                    ) : null
                  }
                />
              </Suspense>
              <Suspense fallback={<SupplyReconciliationSkeleton />}>
                <SupplyReconciliationCard
                  chainId={parsed.view.chainId}
                  range={parsed.view.range}
                  table={parsed.recon}
                />
              </Suspense>
              <Suspense fallback={<SupplyHoldingsSkeleton />}>
                <SupplyHoldingsCard chainId={parsed.view.chainId} pkr={pkr} />
              </Suspense>
              <Suspense fallback={<SupplyConcentrationSkeleton />}>
                <SupplyConcentrationCard chainId={parsed.view.chainId} table={parsed.holders} />
              </Suspense>
              <Suspense fallback={<SupplyEventsSkeleton />}>
                <SupplyAdminEventsCard
                  chainId={parsed.view.chainId}
                  range={parsed.view.range}
                  table={parsed.events}
                />
              </Suspense>
            </>
          )}
        </div>
      )}
    </>
  );
}
