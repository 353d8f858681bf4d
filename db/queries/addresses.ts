// Queries behind the address page: who the registry says it is, when it was active, its balance
// day by day and whom it dealt with. Activity totals come from `balances` plus the provisional
// tail; the history and counterparties from raw transfers through transfers_from_idx and
// transfers_to_idx, so the figures include the newest blocks.
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Address } from "viem";
import type { Db, Tx } from "../client";
import { addresses, chains, entities, type AddressTag, type EntityKind, type LicenceStatus } from "../schema";
import { readTailRanges, tailWhere } from "./provisional-tail";
import { rowsOf } from "./sql-arrays";

export type AddressParams = { address: Address; chainId?: number | undefined };

/** A span of the address's history: block times in [since, until). */
export type AddressWindow = {
  /** Inclusive; null = from the address's first transfer. */
  since: Date | null;
  /** Exclusive, a UTC midnight; null = up to the newest indexed block. */
  until: Date | null;
};

export type AddressRegistryRow = {
  chainId: number;
  chainName: string | null;
  label: string | null;
  tags: AddressTag[];
  entity: {
    id: number;
    name: string;
    kind: EntityKind;
    country: string;
    licenceStatus: LicenceStatus;
  } | null;
};

/** The address's registry rows, one per chain it is listed on. */
export async function getAddressRegistry(db: Db, params: AddressParams): Promise<AddressRegistryRow[]> {
  const rows = await db
    .select({
      chainId: addresses.chainId,
      chainName: chains.name,
      label: addresses.label,
      tags: addresses.tags,
      entityId: entities.id,
      entityName: entities.name,
      entityKind: entities.kind,
      entityCountry: entities.country,
      licenceStatus: entities.licenceStatus,
    })
    .from(addresses)
    .leftJoin(entities, eq(entities.id, addresses.entityId))
    .leftJoin(chains, eq(chains.chainId, addresses.chainId))
    .where(eq(addresses.address, params.address.toLowerCase() as Address))
    .orderBy(asc(addresses.chainId));
  return rows
    .filter((r) => params.chainId === undefined || r.chainId === params.chainId)
    .map((r) => ({
      chainId: r.chainId,
      chainName: r.chainName,
      label: r.label,
      tags: r.tags as AddressTag[],
      entity:
        r.entityId === null || r.entityName === null || r.entityKind === null || r.entityCountry === null
          ? null
          : {
              id: r.entityId,
              name: r.entityName,
              kind: r.entityKind,
              country: r.entityCountry,
              licenceStatus: r.licenceStatus ?? "unknown",
            },
    }));
}

export type AddressActivity = {
  chainId: number;
  transferCount: number;
  received: bigint;
  sent: bigint;
  /** received − sent over every indexed block (includes blocks not yet final). */
  balance: bigint;
  /** ISO 8601 UTC. */
  firstSeen: string;
  lastSeen: string;
};

/**
 * Per chain: counts, totals, balance and first/last seen over every indexed block: the finalized
 * `balances` row (received, sent, legs, first and last block) plus the address's transfers in the
 * provisional tail, so a hot wallet's page reads one row and a few blocks, not its whole history.
 * The zero address (mints and burns) has no balances row and is read from its transfers.
 */
export async function getAddressActivity(db: Db, params: AddressParams): Promise<AddressActivity[]> {
  // One snapshot: balances and rolled_up_block move together in the indexer's transactions.
  return db.transaction((tx) => readActivity(tx, params), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

/** getAddressActivity inside the caller's (repeatable read) transaction. */
export async function readActivity(tx: Db | Tx, params: AddressParams): Promise<AddressActivity[]> {
  const addr = params.address.toLowerCase();
  if (/^0x0{40}$/.test(addr)) return getActivityFromTransfers(tx, addr, params.chainId);
  const tail = tailWhere("t", await readTailRanges(tx, params.chainId));
  // balances_pk is (chain_id, address): without a chain filter, one descent per known chain.
  const chainB =
    params.chainId === undefined
      ? sql`b.chain_id = any(array(select chain_id from chains union select chain_id from indexer_checkpoints))`
      : sql`b.chain_id = ${params.chainId}`;
  const rows = rowsOf<Record<string, string | number | null>>(
    await tx.execute(sql`
          with tl as (
            select t.chain_id, t.block_number, t.block_time,
              case when t.to_address = ${addr} then t.amount else 0 end as recv,
              case when t.from_address = ${addr} then t.amount else 0 end as sent,
              (t.to_address = ${addr})::int + (t.from_address = ${addr})::int as legs
            from transfers t where (t.to_address = ${addr} or t.from_address = ${addr}) and ${tail}),
          tail as (
            select chain_id, sum(recv) as recv, sum(sent) as sent, sum(legs) as legs,
              min(block_time) as first_time, max(block_time) as last_time
            from tl group by chain_id),
          fin as (
            select b.chain_id, b.received, b.sent, b.transfer_count, b.first_seen_block, b.last_seen_block
            from balances b where b.address = ${addr} and ${chainB})
          select coalesce(f.chain_id, tl.chain_id) as "chainId",
            (coalesce(f.transfer_count, 0) + coalesce(tl.legs, 0))::text as "transferCount",
            (coalesce(f.received, 0) + coalesce(tl.recv, 0))::text as received,
            (coalesce(f.sent, 0) + coalesce(tl.sent, 0))::text as sent,
            ${isoUtc(sql`coalesce((select min(x.block_time) from transfers x
              where x.chain_id = f.chain_id and x.block_number = f.first_seen_block), tl.first_time)`)} as "firstSeen",
            ${isoUtc(sql`coalesce(tl.last_time, (select max(x.block_time) from transfers x
              where x.chain_id = f.chain_id and x.block_number = f.last_seen_block))`)} as "lastSeen"
          from fin f full join tail tl on tl.chain_id = f.chain_id
          order by 1`),
  );
  return rows.map(toActivity);
}

function toActivity(r: Record<string, string | number | null>): AddressActivity {
  const received = BigInt(String(r.received));
  const sent = BigInt(String(r.sent));
  return {
    chainId: Number(r.chainId),
    transferCount: Number(r.transferCount),
    received,
    sent,
    balance: received - sent,
    firstSeen: String(r.firstSeen),
    lastSeen: String(r.lastSeen),
  };
}

async function getActivityFromTransfers(
  db: Db | Tx,
  addr: string,
  chainId: number | undefined,
): Promise<AddressActivity[]> {
  const chainFilter = chainId === undefined ? sql`true` : sql`chain_id = ${chainId}`;
  const result = await db.execute(sql`
    select chain_id as "chainId", count(*)::text as "transferCount",
      coalesce(sum(amount) filter (where dir = 'in'), 0)::text as received,
      coalesce(sum(amount) filter (where dir = 'out'), 0)::text as sent,
      ${isoUtc(sql`min(block_time)`)} as "firstSeen", ${isoUtc(sql`max(block_time)`)} as "lastSeen"
    from (${legs(addr, chainFilter)}) l
    group by chain_id order by chain_id`);
  return rowsOf<Record<string, string | number | null>>(result).map(toActivity);
}

/**
 * Each transfer touching the address as a leg: 'in' (to it; mints included) or 'out' (from it;
 * burns included), with the other side. A self-transfer is both legs and nets to zero. The time
 * bounds sit on transfers_to_idx / transfers_from_idx ((address, block_time)): a window reads its
 * own legs only, whatever the address's history.
 */
export function legs(addr: string, chainFilter: SQL, window: Partial<AddressWindow> = {}) {
  const bounds = sql.join(
    [
      chainFilter,
      window.since ? sql`block_time >= ${window.since.toISOString()}::timestamptz` : sql`true`,
      window.until ? sql`block_time < ${window.until.toISOString()}::timestamptz` : sql`true`,
    ],
    sql` and `,
  );
  return sql`
    select chain_id, block_time, amount, 'in' as dir, from_address as other
      from transfers where to_address = ${addr} and ${bounds}
    union all
    select chain_id, block_time, amount, 'out' as dir, to_address as other
      from transfers where from_address = ${addr} and ${bounds}`;
}

function isoUtc(expr: SQL) {
  return sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}
