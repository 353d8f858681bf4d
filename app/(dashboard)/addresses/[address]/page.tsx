import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { AddressAdminEventsCard } from "@/components/addresses/admin-events-card";
import { AddressAlertsCard } from "@/components/addresses/alerts-card";
import { AddressBalanceCard } from "@/components/addresses/balance-card";
import { ADDRESS_CARDS } from "@/components/addresses/cards";
import { AddressCounterpartiesCard } from "@/components/addresses/counterparties-card";
import { HistoryWindowPicker, resolveHistoryWindow } from "@/components/addresses/history-window";
import { AddressIdentityCard } from "@/components/addresses/identity-card";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { getAddressActivity, getAddressRegistry } from "@/db/queries/addresses";
import { listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { env } from "@/lib/env.js";
import {
  parseAddressParam,
  parseAddressWindowParam,
  parseCounterpartyTableParams,
} from "@/lib/validators/address";
import { collectIssues, parseViewParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Address" };

type Props = { params: Promise<{ address: string }>; searchParams: Promise<SearchParams> };

export default async function AddressPage({ params, searchParams }: Props) {
  await connection();
  await requireRole("views:read");
  const raw = (await params).address;
  const address = parseAddressParam(raw);
  if (!address.ok) {
    return (
      <>
        <PageHeader title="Address" />
        <ViewParamsError errors={address.errors} resetHref="/transactions" />
      </>
    );
  }
  const db = await getReadDb();
  const sp = await searchParams;
  const chains = await listKnownChains(db);
  // The chain filter only here; the history cards read the window of `?window=`.
  const now = new Date();
  const view = parseViewParams(sp, { chains, now, defaultRange: "all" });
  const table = parseCounterpartyTableParams(sp);
  const choice = parseAddressWindowParam(sp);
  const chainId = view.ok ? view.value.chainId : undefined;
  const [registry, activity, window] = await Promise.all([
    getAddressRegistry(db, { address: address.value }),
    getAddressActivity(db, { address: address.value, chainId }),
    choice.ok
      ? resolveHistoryWindow(db, { address: address.value, chainId, choice: choice.value, now })
      : null,
  ]);
  // Unknown everywhere (no registry row, no transfer on any chain): a real 404.
  if (registry.length === 0 && activity.length === 0 && chainId === undefined) notFound();
  const shownRegistry = chainId === undefined ? registry : registry.filter((r) => r.chainId === chainId);

  return (
    <>
      <PageHeader title="Address">
        <code className="font-mono text-slate-700" data-testid="address-value">
          {address.value}
        </code>
      </PageHeader>
      <div className="space-y-4">
        <ViewToolbar chains={chains} showRange={false} resetKeys={["cp.page"]} />
        {!view.ok || !table.ok || !choice.ok || window === null ? (
          <ViewParamsError
            errors={collectIssues(view, table, choice)}
            resetHref={`/addresses/${address.value}`}
          />
        ) : (
          <>
            <AddressIdentityCard
              address={address.value}
              registry={shownRegistry}
              activity={activity}
              chains={chains}
              pkrPerUsd={env.PKR_PER_USD}
            />
            <HistoryWindowPicker address={address.value} chainId={chainId} current={window} />
            <Suspense fallback={<CardSkeleton {...ADDRESS_CARDS.balance} rows={6} />}>
              <AddressBalanceCard address={address.value} chainId={chainId} window={window} now={now} />
            </Suspense>
            <Suspense fallback={<CardSkeleton {...ADDRESS_CARDS.counterparties} rows={6} />}>
              <AddressCounterpartiesCard
                address={address.value}
                chainId={chainId}
                window={window}
                table={table.value}
              />
            </Suspense>
            <Suspense fallback={<CardSkeleton {...ADDRESS_CARDS.alerts} rows={3} />}>
              <AddressAlertsCard address={address.value} chainId={chainId} chains={chains} />
            </Suspense>
            <Suspense fallback={<CardSkeleton {...ADDRESS_CARDS.adminEvents} rows={3} />}>
              <AddressAdminEventsCard address={address.value} chainId={chainId} chains={chains} />
            </Suspense>
          </>
        )}
      </div>
    </>
  );
}
