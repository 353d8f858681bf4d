import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { z } from "zod";
import { ROLE_EVENT_SORTS, ROLE_EVENTS_TABLE } from "@/components/governance/cards";
import { GovernanceControlCard } from "@/components/governance/control-card";
import { GovernanceHistoryCard } from "@/components/governance/history-card";
import { GovernanceHoldersCard } from "@/components/governance/holders-card";
import {
  GovernanceControlSkeleton,
  GovernanceHistorySkeleton,
  GovernanceHoldersSkeleton,
} from "@/components/governance/skeletons";
import { NothingIndexed } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { getReadDb } from "@/db";
import { ROLE_EVENT_KINDS } from "@/db/queries/governance";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTimeUtc } from "@/lib/format";
import {
  collectIssues,
  parseTableParams,
  parseViewParams,
  tableKey,
  type SearchParams,
} from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Governance" };

function parseGovernanceParams(sp: SearchParams, chains: { chainId: number; name: string }[], now: Date) {
  // The chain filter only: ownership and roles are current state, the history is paged.
  const view = parseViewParams(sp, { chains, now, defaultRange: "all" });
  const history = parseTableParams(sp, {
    ...ROLE_EVENTS_TABLE,
    sortable: ROLE_EVENT_SORTS,
    filters: {
      kind: z.enum(ROLE_EVENT_KINDS, { error: `change must be one of ${ROLE_EVENT_KINDS.join(", ")}` }),
    },
  });
  if (view.ok && history.ok)
    return { ok: true as const, chainId: view.value.chainId, history: history.value };
  return { ok: false as const, errors: collectIssues(view, history) };
}

export default async function GovernancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Live state: render per request, never at build time.
  await connection();
  await requireRole("views:read");
  const db = await getReadDb();
  const presence = await getDataPresence(db);
  const chains = presence.schemaReady ? await listKnownChains(db) : [];
  const now = new Date();
  const parsed = parseGovernanceParams(await searchParams, chains, now);

  return (
    <>
      <PageHeader title="Governance">
        Who holds the keys, as of <time dateTime={now.toISOString()}>{formatDateTimeUtc(now)}</time>: the
        token&apos;s owner (a TokenGovernor on a real chain), the proxy admin and implementation, and who
        holds each governor role (minter, burner, bridge, freezer, pauser, admin).
      </PageHeader>
      {presence.chainCount === 0 ? (
        <NothingIndexed schemaReady={presence.schemaReady} />
      ) : (
        <div className="space-y-4">
          <ViewToolbar
            chains={chains}
            showRange={false}
            resetKeys={[tableKey(ROLE_EVENTS_TABLE.prefix, "page")]}
          />
          {!parsed.ok ? (
            <ViewParamsError errors={parsed.errors} resetHref="/governance" />
          ) : (
            <>
              <Suspense fallback={<GovernanceControlSkeleton />}>
                <GovernanceControlCard chainId={parsed.chainId} />
              </Suspense>
              <Suspense fallback={<GovernanceHoldersSkeleton />}>
                <GovernanceHoldersCard chainId={parsed.chainId} />
              </Suspense>
              <Suspense fallback={<GovernanceHistorySkeleton />}>
                <GovernanceHistoryCard chainId={parsed.chainId} table={parsed.history} />
              </Suspense>
            </>
          )}
        </div>
      )}
    </>
  );
}
