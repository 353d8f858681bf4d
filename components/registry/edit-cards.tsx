import { Card } from "@/components/ui/card";
import { countryOptions } from "@/components/ui/registry-labels";
import { ISO_3166_ALPHA2 } from "@/lib/config/iso3166";
import { MAX_IMPORT_BYTES } from "@/lib/validators/registry";
import { REGISTRY_CSV_COLUMNS } from "@/lib/validators/registry-csv";
import { CreateEntityForm } from "./entity-form";
import { RegistryImportForm } from "./import-form";

const TEMPLATE = [
  REGISTRY_CSV_COLUMNS.join(","),
  "1,0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045,Example Exchange Ltd,exchange,AE,licensed,hot_wallet;customer",
].join("\r\n");

/** The registry page's admin controls (rendered only for registry:edit). */
export function RegistryEditCards() {
  return (
    <>
      <Card
        id="create-entity"
        title="Add an entity"
        description="Names are unique. Add addresses on the entity's page."
      >
        <CreateEntityForm countries={countryOptions(ISO_3166_ALPHA2)} />
      </Card>
      <Card
        id="import-registry"
        title="Import from CSV"
        description={
          <>
            Columns <code className="font-mono">{REGISTRY_CSV_COLUMNS.join(", ")}</code>; tags separated by{" "}
            <code>;</code> or <code>|</code>. Entities are matched by name, addresses by chain and address.
            The whole file is checked first: any bad row rejects it and nothing changes.
          </>
        }
      >
        <RegistryImportForm maxBytes={MAX_IMPORT_BYTES} template={TEMPLATE} />
      </Card>
    </>
  );
}
