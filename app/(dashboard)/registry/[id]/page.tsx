import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AddressForm } from "@/components/registry/address-form";
import { RegistryAddressesTable } from "@/components/registry/addresses-table";
import { EditEntityForm } from "@/components/registry/entity-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { KIND_LABELS, LICENCE_LABELS, LICENCE_TONES, countryOptions } from "@/components/ui/registry-labels";
import { getReadDb } from "@/db";
import { listKnownChains } from "@/db/queries/overview";
import { getEntity } from "@/db/queries/registry";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ISO_3166_ALPHA2 } from "@/lib/config/iso3166";
import { formatCountry, formatDateTimeUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Entity" };

export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const session = await requireRole("views:read");
  const { id: raw } = await params;
  // Anything but a plain id is simply not an entity (404), never a query error.
  if (!/^[1-9]\d{0,8}$/.test(raw)) notFound();
  const db = await getReadDb();
  const [entity, chains] = await Promise.all([getEntity(db, { id: Number(raw) }), listKnownChains(db)]);
  if (!entity) notFound();
  const canEdit = can(session.role, "registry:edit");
  const chainNames = new Map(chains.map((c) => [c.chainId, c.name]));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/registry" className="text-sky-700 underline">
          ← Entity registry
        </Link>
      </p>
      <PageHeader title={entity.name}>
        {KIND_LABELS[entity.kind]} in {formatCountry(entity.country)}. Updated{" "}
        {formatDateTimeUtc(entity.updatedAt)}.
      </PageHeader>
      <div className="space-y-4">
        <Card id="entity-details" title="Details">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <Fact label="Kind">{KIND_LABELS[entity.kind]}</Fact>
            <Fact label="Country">
              {formatCountry(entity.country)} <span className="text-xs text-slate-500">{entity.country}</span>
            </Fact>
            <Fact label="Licence status">
              <Badge tone={LICENCE_TONES[entity.licenceStatus]} data-testid="entity-licence">
                {LICENCE_LABELS[entity.licenceStatus]}
              </Badge>
            </Fact>
            <Fact label="In the registry since">{formatDateTimeUtc(entity.createdAt)}</Fact>
          </dl>
        </Card>
        {canEdit ? (
          <Card id="edit-entity" title="Edit" description="A new country moves this entity's corridors.">
            {/* Not keyed by updatedAt: after a save the fields already hold the saved values, and
                remounting would drop the outcome message. */}
            <EditEntityForm
              countries={countryOptions(ISO_3166_ALPHA2)}
              values={{
                id: entity.id,
                name: entity.name,
                kind: entity.kind,
                country: entity.country,
                licenceStatus: entity.licenceStatus,
              }}
            />
          </Card>
        ) : null}
        <Card
          id="entity-addresses"
          title={`Addresses (${entity.addresses.length})`}
          description="Balances as of each chain's finalized block."
        >
          <RegistryAddressesTable addresses={entity.addresses} chainNames={chainNames} />
        </Card>
        {canEdit ? (
          <Card id="add-address" title="Add or move an address">
            <AddressForm
              entityId={entity.id}
              chains={chains.map((c) => ({ value: String(c.chainId), label: `${c.name} (${c.chainId})` }))}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
