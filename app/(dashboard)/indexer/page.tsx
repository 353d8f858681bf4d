import type { Metadata } from "next";
import { connection } from "next/server";
import { IndexerChainCard } from "@/components/indexer/chain-card";
import { NothingIndexed } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { getReadDb } from "@/db";
import { getIndexerStatusView } from "@/db/queries/indexer-status";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTimeUtc } from "@/lib/format";
import { parseViewParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Indexer status" };

export default async function IndexerPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  await requireRole("views:read");
  const db = await getReadDb();
  const presence = await getDataPresence(db);
  const now = new Date();
  const chains = presence.schemaReady ? await listKnownChains(db) : [];
  const view = parseViewParams(await searchParams, { chains, now });
  const statuses =
    view.ok && presence.chainCount > 0 ? await getIndexerStatusView(db, { chainId: view.value.chainId }) : [];

  return (
    <>
      <PageHeader title="Indexer status">
        As of <time dateTime={now.toISOString()}>{formatDateTimeUtc(now)}</time>. Lag = chain head − indexed
        block; rollups only cover final blocks, so &ldquo;rolled up to&rdquo; trails the head by the
        confirmation depth.
      </PageHeader>
      {presence.chainCount === 0 ? (
        <NothingIndexed schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <ViewToolbar chains={chains} showRange={false} resetKeys={[]} />
          {view.ok ? (
            statuses.map((s) => <IndexerChainCard key={s.chainId} chain={s} now={now} />)
          ) : (
            <ViewParamsError errors={view.errors} resetHref="/indexer" />
          )}
        </div>
      )}
    </>
  );
}
