import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { NothingIndexedPage } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { TransactionsAmountFilter } from "@/components/transactions/amount-filter";
import { TransactionsCorridorNote } from "@/components/transactions/corridor-note";
import { TRANSACTIONS_CARD, TransactionsResults } from "@/components/transactions/results";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { listEntityOptions } from "@/db/queries/transactions";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { parseTransactionParams } from "@/lib/validators/transactions";
import type { SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("views:read");
  const db = await getReadDb();
  const sp = await searchParams;
  const header = (
    <PageHeader title="Transactions">
      Every indexed USD1 transfer, newest first. Search by transaction hash or address; filter by kind,
      amount, date, entity, country or corridor. Amounts in USD1; hover one for the exact value in wei.
    </PageHeader>
  );
  const presence = await getDataPresence(db);
  if (presence.chainCount === 0) {
    return <NothingIndexedPage header={header} schemaReady={presence.schemaReady} />;
  }
  const [chains, entities] = await Promise.all([listKnownChains(db), listEntityOptions(db)]);
  const parsed = parseTransactionParams(sp, {
    chains,
    entityIds: new Set(entities.map((e) => e.id)),
    now: new Date(),
  });

  return (
    <>
      {header}
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <ViewToolbar chains={chains} defaultRange="all" resetKeys={["page"]} />
          <TransactionsAmountFilter />
        </div>
        {!parsed.ok ? (
          <ViewParamsError errors={parsed.errors} resetHref="/transactions" />
        ) : (
          <>
            <TransactionsCorridorNote
              filter={parsed.value.filter}
              fromDay={parsed.value.view.range.fromDay}
              toDay={parsed.value.view.range.toDay}
            />
            <Suspense fallback={<CardSkeleton {...TRANSACTIONS_CARD} rows={10} />}>
              <TransactionsResults
                query={parsed.value}
                chains={chains}
                entities={entities}
                exportSearchParams={can(session.role, "exports:create") ? sp : null}
              />
            </Suspense>
          </>
        )}
      </div>
    </>
  );
}
