// A registry edit or import changes the attribution of a few addresses; the rollups that depend on
// it (corridor volume; daily supply's bridge split) change only through the transfers of those
// addresses. So instead of recomputing every rollup from every transfer (minutes at 10M rows, with
// every checkpoint locked), the edit's transaction:
// 1. snapshots the registry before the edit (snapshotRegistry: two temp tables dropped at commit);
// 2. after the edit, finds the (chain, address) pairs whose entity, tags or entity country changed;
// 3. takes the finalized transfers touching them out of the corridor rollup under the old
//    attribution and puts them back under the new one (transfers_from_idx / transfers_to_idx);
// 4. if a changed address is or was tagged `bridge`, recomputes the daily_supply rows of the days
//    holding its mints and burns (the only rows whose bridge split can move).
// The result equals a full rebuild to the wei (registry.int.test.ts checks it).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../client";
import { attributionOver, CORRIDOR_KIND, corridorInsert, supplyInsert } from "./rollups";
import { rowsOf } from "./sql-arrays";

/** Call first in the edit's transaction (after locking the checkpoints). */
export async function snapshotRegistry(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table registry_before_addresses on commit drop as
    select chain_id, address, entity_id, tags from addresses`);
  await tx.execute(sql`create temp table registry_before_entities on commit drop as
    select id, country from entities`);
}

/** Call last in the edit's transaction: applies the rollup changes of what changed since the snapshot. */
export async function applyAttributionDelta(tx: Tx): Promise<{ changed: number }> {
  await tx.execute(sql`create temp table registry_changed on commit drop as
    select coalesce(n.chain_id, o.chain_id) as chain_id, coalesce(n.address, o.address) as address,
      ('bridge' = any(coalesce(n.tags, '{}')) or 'bridge' = any(coalesce(o.tags, '{}'))) as bridge
    from (select a.chain_id, a.address, a.entity_id, a.tags, e.country
          from addresses a left join entities e on e.id = a.entity_id) n
    full join (select a.chain_id, a.address, a.entity_id, a.tags, e.country
          from registry_before_addresses a left join registry_before_entities e on e.id = a.entity_id) o
      on o.chain_id = n.chain_id and o.address = n.address
    where (n.entity_id, n.tags, n.country) is distinct from (o.entity_id, o.tags, o.country)`);
  // Statistics, so the planner knows it is a handful of rows and walks the address indexes.
  await tx.execute(sql`analyze registry_changed`);
  const [{ n, bridge } = { n: "0", bridge: false }] = rowsOf<{ n: string; bridge: boolean }>(
    await tx.execute(
      sql`select count(*)::text as n, coalesce(bool_or(bridge), false) as bridge from registry_changed`,
    ),
  );
  const changed = Number(n);
  if (changed === 0) return { changed };

  // Finalized transfers with a changed side. Two index paths (from, to), deduplicated by key.
  const touched = (kinds: SQL) => sql`(t.chain_id, t.tx_hash, t.log_index) in (
      select x.chain_id, x.tx_hash, x.log_index from transfers x
        join registry_changed c on c.chain_id = x.chain_id and c.address = x.from_address where ${kinds}
      union
      select x.chain_id, x.tx_hash, x.log_index from transfers x
        join registry_changed c on c.chain_id = x.chain_id and c.address = x.to_address where ${kinds})
    and t.block_number <= (select rolled_up_block from indexer_checkpoints cp where cp.chain_id = t.chain_id)`;
  const corridorRows = touched(sql`x.kind = ${CORRIDOR_KIND}`);
  const before = attributionOver(sql`registry_before_addresses`, sql`registry_before_entities`);
  await tx.execute(corridorInsert(corridorRows, before, -1));
  await tx.execute(corridorInsert(corridorRows));
  await tx.execute(sql`delete from daily_corridor_volume where transfer_count = 0 and volume = 0
    and adjusted_count = 0 and adjusted_volume = 0 and intra_entity_volume = 0 and bridge_volume = 0
    and primary_count = 0 and primary_volume = 0`);

  // Bridge split of daily supply: only bridge-tagged addresses (before or after) move it, through
  // their own mints/burns or the token Mint/Burn events they called.
  if (!bridge) return { changed };
  const days = rowsOf<{ chain_id: number; day: string }>(
    await tx.execute(sql`
      select distinct t.chain_id, (t.block_time at time zone 'UTC')::date::text as day
      from transfers t join registry_changed c on c.chain_id = t.chain_id and c.bridge
        and c.address in (t.from_address, t.to_address)
      where t.kind <> 'transfer'
      union
      select distinct e.chain_id, (e.block_time at time zone 'UTC')::date::text
      from token_events e join registry_changed c on c.chain_id = e.chain_id and c.bridge and c.address = e.actor
      where e.kind in ('issuer_mint', 'issuer_burn')`),
  );
  if (days.length === 0) return { changed };
  const dayRanges = sql.join(
    days.map(
      (
        d,
      ) => sql`(t.chain_id = ${Number(d.chain_id)} and t.block_time >= ${d.day}::date::timestamp at time zone 'UTC'
        and t.block_time < (${d.day}::date + 1)::timestamp at time zone 'UTC')`,
    ),
    sql` or `,
  );
  await tx.execute(
    sql`delete from daily_supply where (chain_id, day) in (${sql.join(
      days.map((d) => sql`(${Number(d.chain_id)}, ${d.day}::date)`),
      sql`, `,
    )})`,
  );
  await tx.execute(
    supplyInsert(sql`(${dayRanges}) and t.block_number <= (
      select rolled_up_block from indexer_checkpoints c where c.chain_id = t.chain_id)`),
  );
  return { changed };
}
