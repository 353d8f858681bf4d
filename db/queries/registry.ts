import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Address } from "viem";
import { z } from "zod";
import type { Db } from "../client";
import { balances } from "../schema/rollups";
import {
  addresses,
  ADDRESS_TAGS,
  entities,
  ENTITY_KINDS,
  LICENCE_STATUSES,
  type AddressTag,
  type EntityKind,
  type LicenceStatus,
} from "../schema/registry";

const entitySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS),
  country: z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2, upper case"),
  licenceStatus: z.enum(LICENCE_STATUSES),
});

const addressSchema = z.object({
  chainId: z.number().int().positive(),
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .transform((a) => a.toLowerCase() as Address),
  entityName: z.string().min(1).nullable(),
  label: z.string().nullable(),
  tags: z.array(z.enum(ADDRESS_TAGS)),
});

const seedSchema = z.object({ entities: z.array(entitySchema), addresses: z.array(addressSchema) });

export type SeedEntity = { name: string; kind: EntityKind; country: string; licenceStatus: LicenceStatus };
export type SeedAddress = {
  chainId: number;
  address: Address;
  /** Name of an entity in this seed or already in the table; null = listed but unattributed. */
  entityName: string | null;
  label: string | null;
  tags: AddressTag[];
};
export type SeedRegistryParams = { entities: SeedEntity[]; addresses: SeedAddress[] };
export type SeedRegistryResult = { entities: number; addresses: number };

/** Rows per INSERT: far below Postgres' 65,535 bind parameters. */
const CHUNK = 1_000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Last row wins per key: one INSERT … ON CONFLICT must not touch a row twice. */
function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

/**
 * Upserts entities (by name) and addresses (by chain + address) in one transaction: running it again
 * with the same input changes nothing, and with edited input updates kind, country, licence, label,
 * tags and attribution in place.
 */
export async function seedRegistry(db: Db, params: SeedRegistryParams): Promise<SeedRegistryResult> {
  const input = seedSchema.parse(params);
  const entityRows = dedupe(input.entities, (e) => e.name);
  const addressRows = dedupe(input.addresses, (a) => `${a.chainId}:${a.address}`);
  return db.transaction(async (tx) => {
    for (const rows of chunks(entityRows)) {
      await tx
        .insert(entities)
        .values(rows)
        .onConflictDoUpdate({
          target: entities.name,
          set: {
            kind: sql`excluded.kind`,
            country: sql`excluded.country`,
            licenceStatus: sql`excluded.licence_status`,
            updatedAt: sql`now()`,
          },
        });
    }
    const names = [...new Set(addressRows.flatMap((a) => (a.entityName ? [a.entityName] : [])))];
    const ids = new Map<string, number>();
    for (const part of chunks(names)) {
      const found = await tx
        .select({ id: entities.id, name: entities.name })
        .from(entities)
        .where(inArray(entities.name, part));
      for (const row of found) ids.set(row.name, row.id);
    }
    const missing = names.find((n) => !ids.has(n));
    if (missing) throw new Error(`seedRegistry: address refers to unknown entity "${missing}"`);
    for (const rows of chunks(addressRows)) {
      await tx
        .insert(addresses)
        .values(
          rows.map((a) => ({
            chainId: a.chainId,
            address: a.address,
            entityId: a.entityName ? (ids.get(a.entityName) ?? null) : null,
            label: a.label,
            tags: a.tags,
          })),
        )
        .onConflictDoUpdate({
          target: [addresses.chainId, addresses.address],
          set: { entityId: sql`excluded.entity_id`, label: sql`excluded.label`, tags: sql`excluded.tags` },
        });
    }
    return { entities: entityRows.length, addresses: addressRows.length };
  });
}

export type EntitySummary = {
  id: number;
  name: string;
  kind: EntityKind;
  country: string;
  licenceStatus: LicenceStatus;
  /** Address rows attributed to the entity (one per chain an address is registered on). */
  addressCount: number;
};

export async function listEntities(db: Db): Promise<EntitySummary[]> {
  const rows = await db
    .select({
      id: entities.id,
      name: entities.name,
      kind: entities.kind,
      country: entities.country,
      licenceStatus: entities.licenceStatus,
      addressCount: count(addresses.address),
    })
    .from(entities)
    .leftJoin(addresses, eq(addresses.entityId, entities.id))
    .groupBy(entities.id)
    .orderBy(asc(entities.name));
  return rows.map((r) => ({ ...r, addressCount: Number(r.addressCount) }));
}

// ---------------------------------------------------------------------------------------------
// The registry view: one page of entities at a time, and one entity with its addresses.

export const ENTITY_SORTS = ["name", "kind", "country", "licenceStatus", "addressCount"] as const;
export type EntitySort = (typeof ENTITY_SORTS)[number];

export type ListEntitiesPageParams = {
  kind?: EntityKind | undefined;
  country?: string | undefined;
  licenceStatus?: LicenceStatus | undefined;
  /** Case-insensitive substring of the name. */
  search?: string | undefined;
  sort?: { id: EntitySort; desc: boolean } | undefined;
  limit: number;
  offset: number;
};

/** Filtered, sorted, one page, with the total for the pager. Name breaks ties (stable pages). */
export async function listEntitiesPage(
  db: Db,
  params: ListEntitiesPageParams,
): Promise<{ rows: EntitySummary[]; total: number }> {
  const where: SQL[] = [];
  if (params.kind) where.push(eq(entities.kind, params.kind));
  if (params.country) where.push(eq(entities.country, params.country));
  if (params.licenceStatus) where.push(eq(entities.licenceStatus, params.licenceStatus));
  if (params.search) where.push(ilike(entities.name, `%${escapeLike(params.search)}%`));
  const filter = where.length > 0 ? and(...where) : undefined;
  const addressCount = count(addresses.address);
  const sortColumn = {
    name: entities.name,
    kind: entities.kind,
    country: entities.country,
    licenceStatus: entities.licenceStatus,
    addressCount,
  }[params.sort?.id ?? "name"];
  const direction = params.sort?.desc ? desc : asc;
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: entities.id,
        name: entities.name,
        kind: entities.kind,
        country: entities.country,
        licenceStatus: entities.licenceStatus,
        addressCount,
      })
      .from(entities)
      .leftJoin(addresses, eq(addresses.entityId, entities.id))
      .where(filter)
      .groupBy(entities.id)
      .orderBy(direction(sortColumn), asc(entities.name), asc(entities.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(entities).where(filter),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, addressCount: Number(r.addressCount) })),
    total: Number(totals[0]?.n ?? 0),
  };
}

/** Countries that have at least one entity, for the filter. */
export async function listRegistryCountries(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ country: entities.country })
    .from(entities)
    .orderBy(asc(entities.country));
  return rows.map((r) => r.country);
}

export type EntityAddress = {
  chainId: number;
  address: Address;
  label: string | null;
  tags: AddressTag[];
  createdAt: Date;
  /** As of the chain's rolled-up (finalized) block; null when the address has never moved USD1. */
  balance: bigint | null;
  transferCount: number;
};

export type EntityDetail = Omit<EntitySummary, "addressCount"> & {
  createdAt: Date;
  updatedAt: Date;
  addresses: EntityAddress[];
};

export async function getEntity(db: Db, params: { id: number }): Promise<EntityDetail | null> {
  const [entity] = await db
    .select({
      id: entities.id,
      name: entities.name,
      kind: entities.kind,
      country: entities.country,
      licenceStatus: entities.licenceStatus,
      createdAt: entities.createdAt,
      updatedAt: entities.updatedAt,
    })
    .from(entities)
    .where(eq(entities.id, params.id));
  if (!entity) return null;
  const rows = await db
    .select({
      chainId: addresses.chainId,
      address: addresses.address,
      label: addresses.label,
      tags: addresses.tags,
      createdAt: addresses.createdAt,
      balance: sql<string | null>`${balances.balance}::text`,
      transferCount: sql<number>`coalesce(${balances.transferCount}, 0)::int`,
    })
    .from(addresses)
    .leftJoin(balances, and(eq(balances.chainId, addresses.chainId), eq(balances.address, addresses.address)))
    .where(eq(addresses.entityId, params.id))
    .orderBy(asc(addresses.chainId), asc(addresses.address));
  return {
    ...entity,
    addresses: rows.map((r) => ({
      ...r,
      tags: r.tags as AddressTag[],
      balance: r.balance === null ? null : BigInt(r.balance),
      transferCount: Number(r.transferCount),
    })),
  };
}

export type RegistryCounts = { entities: number; addresses: number; attributed: number };

export async function getRegistryCounts(db: Db): Promise<RegistryCounts> {
  const [e] = await db.select({ n: count() }).from(entities);
  const [a] = await db.select({ n: count(), attributed: count(addresses.entityId) }).from(addresses);
  return {
    entities: Number(e?.n ?? 0),
    addresses: Number(a?.n ?? 0),
    attributed: Number(a?.attributed ?? 0),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
