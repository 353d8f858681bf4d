import { EntitiesTable, type EntityRow } from "@/components/tables/entities/entities-table";
import { Card } from "@/components/ui/card";
import { KIND_OPTIONS, LICENCE_OPTIONS, countryOptions } from "@/components/ui/registry-labels";
import { getReadDb } from "@/db";
import { getRegistryCounts, listEntitiesPage, listRegistryCountries } from "@/db/queries/registry";
import type { EntitySort } from "@/db/queries/registry";
import { formatCount, formatCountry } from "@/lib/format";
import type { registryTableFilters } from "@/lib/validators/registry";
import type { TableParams } from "@/lib/validators/view-params";

export type RegistryTableParams = TableParams<EntitySort, typeof registryTableFilters>;

/** One page of entities (filters, sort and page from the URL, already validated). */
export async function RegistryEntitiesCard({ params }: { params: RegistryTableParams }) {
  const db = await getReadDb();
  const [page, counts, countries] = await Promise.all([
    listEntitiesPage(db, {
      kind: params.filters.kind,
      country: params.filters.country,
      licenceStatus: params.filters.licence,
      search: params.q,
      sort: params.sort ?? undefined,
      limit: params.size,
      offset: params.offset,
    }),
    getRegistryCounts(db),
    listRegistryCountries(db),
  ]);
  const rows: EntityRow[] = page.rows.map((r) => ({ ...r, countryName: formatCountry(r.country) }));
  return (
    <Card
      id="entities"
      title="Entities"
      description={`${formatCount(counts.entities, "entity", "entities")}; ${formatCount(counts.addresses, "address", "addresses")} registered, ${formatCount(counts.attributed, "attributed", "attributed")} to an entity.`}
    >
      <EntitiesTable
        rows={rows}
        total={page.total}
        filters={[
          { id: "kind", label: "Kind", options: KIND_OPTIONS },
          { id: "country", label: "Country", options: countryOptions(countries) },
          { id: "licence", label: "Licence", options: LICENCE_OPTIONS },
        ]}
      />
    </Card>
  );
}
