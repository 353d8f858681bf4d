// Registry writes: admin edits and the CSV import. Every write that can change attribution runs in
// `inRegistryTransaction(..., { rebuildRollups: true })`, so the corridor and supply rollups are
// recomputed in the same transaction and nobody ever reads a registry and rollups that disagree.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db, Tx } from "../client";
import { indexerCheckpoints } from "../schema/chain";
import {
  addresses,
  entities,
  type AddressTag,
  type EntityKind,
  type LicenceStatus,
} from "../schema/registry";
import { applyAttributionDelta, snapshotRegistry } from "./attribution-delta";

type Writer = Db | Tx;

export type EntityFields = { name: string; kind: EntityKind; country: string; licenceStatus: LicenceStatus };
export type EntityRecord = EntityFields & { id: number };

const UNIQUE_VIOLATION = "23505";
/** Rows per INSERT: far below Postgres' 65,535 bind parameters. */
const CHUNK = 1_000;

/**
 * Runs `fn` in one transaction; with `rebuildRollups`, first locks every indexer checkpoint (the
 * indexer takes the same row lock before it advances rollups, so the two cannot interleave),
 * snapshots the registry, and afterwards updates the attribution-dependent rollups for the
 * addresses whose attribution changed only (attribution-delta.ts: their transfers, through the
 * address indexes), so the lock is held for as long as those addresses' history takes, not the
 * whole table's. A throw anywhere rolls back everything.
 */
export async function inRegistryTransaction<T>(
  db: Db,
  opts: { rebuildRollups: boolean },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    if (opts.rebuildRollups) {
      await tx
        .select({ chainId: indexerCheckpoints.chainId })
        .from(indexerCheckpoints)
        .orderBy(indexerCheckpoints.chainId)
        .for("update");
      await snapshotRegistry(tx);
    }
    const out = await fn(tx);
    if (opts.rebuildRollups) await applyAttributionDelta(tx);
    return out;
  });
}

/** Null when the name is taken (names are unique: the import upserts by name). */
export async function createEntity(db: Writer, fields: EntityFields): Promise<EntityRecord | null> {
  const [row] = await db.insert(entities).values(fields).onConflictDoNothing().returning({
    id: entities.id,
    name: entities.name,
    kind: entities.kind,
    country: entities.country,
    licenceStatus: entities.licenceStatus,
  });
  return row ?? null;
}

export async function getEntityRecord(db: Writer, params: { id: number }): Promise<EntityRecord | null> {
  const [row] = await db
    .select({
      id: entities.id,
      name: entities.name,
      kind: entities.kind,
      country: entities.country,
      licenceStatus: entities.licenceStatus,
    })
    .from(entities)
    .where(eq(entities.id, params.id))
    .for("update");
  return row ?? null;
}

export type UpdateEntityResult =
  | { status: "updated"; before: EntityRecord; after: EntityRecord }
  | { status: "not_found" }
  | { status: "name_taken" };

export async function updateEntity(db: Writer, params: EntityRecord): Promise<UpdateEntityResult> {
  const before = await getEntityRecord(db, { id: params.id });
  if (!before) return { status: "not_found" };
  const [clash] = await db
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.name, params.name), ne(entities.id, params.id)));
  if (clash) return { status: "name_taken" };
  const { id, ...fields } = params;
  try {
    await db
      .update(entities)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(eq(entities.id, id));
  } catch (err) {
    // A concurrent rename to the same name.
    if (pgCode(err) === UNIQUE_VIOLATION) return { status: "name_taken" };
    throw err;
  }
  return { status: "updated", before, after: params };
}

export type UpsertAddressParams = {
  entityId: number;
  chainId: number;
  address: Address;
  label: string | null;
  tags: AddressTag[];
};

export type UpsertAddressResult =
  { status: "created" } | { status: "updated"; previousEntityId: number | null } | { status: "no_entity" };

/** Adds the address to the entity, or moves it there, replacing its label and tags. */
export async function upsertAddress(db: Writer, p: UpsertAddressParams): Promise<UpsertAddressResult> {
  const entity = await getEntityRecord(db, { id: p.entityId });
  if (!entity) return { status: "no_entity" };
  const [existing] = await db
    .select({ entityId: addresses.entityId })
    .from(addresses)
    .where(and(eq(addresses.chainId, p.chainId), eq(addresses.address, p.address)))
    .for("update");
  await db
    .insert(addresses)
    .values(p)
    .onConflictDoUpdate({
      target: [addresses.chainId, addresses.address],
      set: { entityId: p.entityId, label: p.label, tags: p.tags },
    });
  return existing ? { status: "updated", previousEntityId: existing.entityId } : { status: "created" };
}

export type RegistryImportRowInput = {
  chainId: number;
  address: Address;
  entityName: string;
  kind: EntityKind;
  country: string;
  licenceStatus: LicenceStatus;
  tags: AddressTag[];
};

/** Updated = an existing row whose values changed; unchanged rows are neither. */
export type RegistryImportCounts = {
  rows: number;
  entitiesCreated: number;
  entitiesUpdated: number;
  addressesCreated: number;
  addressesUpdated: number;
};

/**
 * Applies validated rows (lib/validators/registry-csv.ts): entities upserted by name, addresses by
 * chain + address (entity and tags replaced; an existing label kept). Call inside
 * `inRegistryTransaction(..., { rebuildRollups: true })`. Rows must already be free of duplicates.
 */
export async function applyRegistryImport(
  tx: Tx,
  rows: readonly RegistryImportRowInput[],
): Promise<RegistryImportCounts> {
  const counts: RegistryImportCounts = {
    rows: rows.length,
    entitiesCreated: 0,
    entitiesUpdated: 0,
    addressesCreated: 0,
    addressesUpdated: 0,
  };
  const byName = new Map<string, EntityFields>();
  for (const r of rows)
    byName.set(r.entityName, {
      name: r.entityName,
      kind: r.kind,
      country: r.country,
      licenceStatus: r.licenceStatus,
    });
  const ids = new Map<string, number>();
  for (const part of chunks([...byName.values()])) {
    const out = await tx
      .insert(entities)
      .values(part)
      .onConflictDoUpdate({
        target: entities.name,
        set: {
          kind: sql`excluded.kind`,
          country: sql`excluded.country`,
          licenceStatus: sql`excluded.licence_status`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${entities.kind}, ${entities.country}, ${entities.licenceStatus})
          is distinct from (excluded.kind, excluded.country, excluded.licence_status)`,
      })
      .returning({ inserted: sql<boolean>`xmax = 0` });
    counts.entitiesCreated += out.filter((r) => r.inserted).length;
    counts.entitiesUpdated += out.filter((r) => !r.inserted).length;
    const found = await tx
      .select({ id: entities.id, name: entities.name })
      .from(entities)
      .where(
        inArray(
          entities.name,
          part.map((e) => e.name),
        ),
      );
    for (const f of found) ids.set(f.name, f.id);
  }
  for (const part of chunks([...rows])) {
    const out = await tx
      .insert(addresses)
      .values(
        part.map((r) => ({
          chainId: r.chainId,
          address: r.address,
          entityId: ids.get(r.entityName) ?? null,
          tags: r.tags,
        })),
      )
      .onConflictDoUpdate({
        target: [addresses.chainId, addresses.address],
        set: { entityId: sql`excluded.entity_id`, tags: sql`excluded.tags` },
        setWhere: sql`(${addresses.entityId}, ${addresses.tags}) is distinct from (excluded.entity_id, excluded.tags)`,
      })
      .returning({ inserted: sql<boolean>`xmax = 0` });
    counts.addressesCreated += out.filter((r) => r.inserted).length;
    counts.addressesUpdated += out.filter((r) => !r.inserted).length;
  }
  return counts;
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function pgCode(err: unknown): string | undefined {
  // Drizzle wraps driver errors and keeps the original as `cause`.
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
