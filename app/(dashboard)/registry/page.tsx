import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { RegistryEditCards } from "@/components/registry/edit-cards";
import { RegistryEntitiesCard } from "@/components/registry/entities-card";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ENTITIES_DEFAULT_SORT } from "@/components/tables/entities/entities-params";
import { CardSkeleton } from "@/components/ui/skeleton";
import { ENTITY_SORTS } from "@/db/queries/registry";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { registryTableFilters } from "@/lib/validators/registry";
import { parseTableParams, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Entity registry" };

export default async function RegistryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("views:read");
  const table = parseTableParams(await searchParams, {
    sortable: ENTITY_SORTS,
    defaultSort: ENTITIES_DEFAULT_SORT,
    filters: registryTableFilters,
  });

  return (
    <>
      <PageHeader title="Entity registry">
        Who holds which address: legal persons, their country and licence status. Attribution decides the
        corridors; an address with no entity counts as unattributed (ZZ), never guessed.
      </PageHeader>
      <div className="space-y-4">
        {/* The UI hides edits from other roles; the server actions refuse them regardless. */}
        {can(session.role, "registry:edit") ? <RegistryEditCards /> : null}
        {table.ok ? (
          <Suspense fallback={<CardSkeleton id="entities" title="Entities" rows={8} />}>
            <RegistryEntitiesCard params={table.value} />
          </Suspense>
        ) : (
          <ViewParamsError errors={table.errors} resetHref="/registry" />
        )}
      </div>
    </>
  );
}
