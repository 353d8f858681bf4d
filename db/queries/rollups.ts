import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";

export type AdvanceRollupsParams = {
  chainId: number;
  /** exclusive */ from: bigint;
  /** inclusive */ to: bigint;
};

/**
 * Folds raw transfers in (from, to] into the daily supply, balance and corridor rollups. Called
 * only with `to` <= finalized, inside the transaction that moves rolled_up_block, so each block
 * is counted exactly once.
 */
export async function advanceRollups(tx: Db, p: AdvanceRollupsParams): Promise<void> {
  // A batch's rollups read a few thousand rows by index, but the per-row subqueries of the bridge
  // and corridor tests push the estimated cost past jit_above_cost: JIT compilation then took
  // ~280 ms per statement against ~10 ms of execution (measured at 10M transfers, issue #18).
  await tx.execute(sql`set local jit = off`);
  // No nested loops: a chain's first batches (or the first after a large registry import) are
  // planned from statistics that have not seen its rows yet. The planner then expected one
  // registry row for the chain and nested a hash join over all of them under every transfer: on
  // bench:index's new chain (10,518 registry addresses) one 50,000-transfer corridor rollup ran for
  // minutes. Hash joins bound every rollup statement by the batch and the chain's registry.
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(
    supplyInsert(sql`t.chain_id = ${p.chainId} and t.block_number > ${p.from} and t.block_number <= ${p.to}`),
  );

  await tx.execute(
    corridorInsert(
      sql`t.chain_id = ${p.chainId} and t.block_number > ${p.from} and t.block_number <= ${p.to}`,
    ),
  );
  // Last: its triggers take the lock shared with other chains' writers (held until commit).
  await tx.execute(balancesUpsert(p));
}

/**
 * For a bulk load's roll-up transactions (whole chains at once): the holder triggers do nothing
 * in this transaction, and the load calls rebuildHolderRollups once its roll-ups are committed.
 */
export async function deferHolderRollups(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('usd1.holder_rollups', 'deferred', true)`);
}

/** address_totals and holder_stats recomputed from balances (migration 0014), in one transaction. */
export async function rebuildHolderRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select holder_rollups_rebuild()`);
  });
}

/**
 * The batch's moves per address folded into `balances`. Its triggers (migration 0013) fold the
 * same change into `address_totals` and `holder_stats` in this transaction; they serialize on a
 * transaction advisory lock because two chains' writers (one indexer per chain, the bulk seed's
 * parallel roll-ups) share address_totals rows and the stats row 0, which is why this runs last.
 */
function balancesUpsert(p: AdvanceRollupsParams): SQL {
  return sql`
    insert into balances (chain_id, address, balance, received, sent, transfer_count, first_seen_block, last_seen_block)
    select ${p.chainId}, addr, sum(delta), sum(recv), sum(sent), count(*), min(bn), max(bn)
    from (
      select to_address as addr, amount as delta, amount as recv, 0::numeric as sent, block_number as bn
        from transfers
        where chain_id = ${p.chainId} and block_number > ${p.from} and block_number <= ${p.to} and kind <> 'burn'
      union all
      select from_address, -amount, 0, amount, block_number
        from transfers
        where chain_id = ${p.chainId} and block_number > ${p.from} and block_number <= ${p.to} and kind <> 'mint'
    ) moves
    group by addr
    on conflict (chain_id, address) do update set
      balance = balances.balance + excluded.balance,
      received = balances.received + excluded.received,
      sent = balances.sent + excluded.sent,
      transfer_count = balances.transfer_count + excluded.transfer_count,
      first_seen_block = least(balances.first_seen_block, excluded.first_seen_block),
      last_seen_block = greatest(balances.last_seen_block, excluded.last_seen_block)`;
}

/**
 * Bridge vs issuance of a mint or burn (transfer row aliased `t`). With a TokenGovernor as owner
 * (DOMAIN.md §1b) the token's Mint/Burn caller is always the governor; the governor's own event in
 * the same transaction says which it was: BridgeMint/BridgeBurn of the same amount = bridge,
 * NativeMint/NativeBurn = issuance. Without either (the owner is not a governor) the token's rule
 * holds: the Mint/Burn event of the same transaction, account and amount was emitted for a caller
 * tagged `bridge` (a CCIP pool), or a bridge-tagged address burns. Everything else is issuance.
 * Pairing is by transaction and amount: two mints of one amount in one transaction, one native and
 * one bridge, would both count as bridge (no such transaction exists on the real governor).
 */
export function isBridgeSql(t: SQL): SQL {
  const governorEvent = (mintKind: string, burnKind: string) => sql`exists (
      select 1 from token_events g
      where g.chain_id = ${t}.chain_id and g.tx_hash = ${t}.tx_hash and g.amount = ${t}.amount
        and g.kind = (case ${t}.kind when 'mint' then ${mintKind} else ${burnKind} end))`;
  return sql`(${t}.kind <> 'transfer' and (
    ${governorEvent("bridge_mint", "bridge_burn")}
    or (not ${governorEvent("native_mint", "native_burn")} and (
      exists (
        select 1 from token_events e
        join addresses a on a.chain_id = e.chain_id and a.address = e.actor and 'bridge' = any(a.tags)
        where e.chain_id = ${t}.chain_id and e.tx_hash = ${t}.tx_hash and e.amount = ${t}.amount
          and ((${t}.kind = 'mint' and e.kind = 'issuer_mint' and e.subject = ${t}.to_address)
            or (${t}.kind = 'burn' and e.kind = 'issuer_burn' and e.subject = ${t}.from_address)))
      or (${t}.kind = 'burn' and exists (
        select 1 from addresses a
        where a.chain_id = ${t}.chain_id and a.address = ${t}.from_address and 'bridge' = any(a.tags)))))))`;
}

/**
 * The bridge pools of each chain (columns chain_id, address): addresses tagged `bridge`, and every
 * caller of a governor BridgeMint/BridgeBurn (the governor's bridge role is held by CCIP pools).
 */
export const BRIDGE_POOLS_SQL = sql`select chain_id, address from addresses where 'bridge' = any(tags)
  union
  select chain_id, coalesce(actor, args->>'caller') from token_events
  where kind in ('bridge_mint', 'bridge_burn') and coalesce(actor, args->>'caller') is not null`;

export function supplyInsert(where: SQL): SQL {
  return sql`
    insert into daily_supply (chain_id, day, minted, burned, mint_count, burn_count, bridge_minted, bridge_burned,
      bridge_mint_count, bridge_burn_count, transfer_count, transfer_volume)
    select chain_id, day,
      coalesce(sum(amount) filter (where kind = 'mint'), 0),
      coalesce(sum(amount) filter (where kind = 'burn'), 0),
      count(*) filter (where kind = 'mint'),
      count(*) filter (where kind = 'burn'),
      coalesce(sum(amount) filter (where kind = 'mint' and bridge), 0),
      coalesce(sum(amount) filter (where kind = 'burn' and bridge), 0),
      count(*) filter (where kind = 'mint' and bridge),
      count(*) filter (where kind = 'burn' and bridge),
      count(*) filter (where kind = 'transfer'),
      coalesce(sum(amount) filter (where kind = 'transfer'), 0)
    from (
      select t.chain_id, (t.block_time at time zone 'UTC')::date as day, t.kind, t.amount, ${isBridgeSql(sql`t`)} as bridge
      from transfers t
      where ${where}
    ) x
    group by chain_id, day
    on conflict (chain_id, day) do update set
      minted = daily_supply.minted + excluded.minted,
      burned = daily_supply.burned + excluded.burned,
      mint_count = daily_supply.mint_count + excluded.mint_count,
      burn_count = daily_supply.burn_count + excluded.burn_count,
      bridge_minted = daily_supply.bridge_minted + excluded.bridge_minted,
      bridge_burned = daily_supply.bridge_burned + excluded.bridge_burned,
      bridge_mint_count = daily_supply.bridge_mint_count + excluded.bridge_mint_count,
      bridge_burn_count = daily_supply.bridge_burn_count + excluded.bridge_burn_count,
      transfer_count = daily_supply.transfer_count + excluded.transfer_count,
      transfer_volume = daily_supply.transfer_volume + excluded.transfer_volume`;
}

/**
 * Corridor attribution of a transfer row aliased `t`: the one definition shared by the corridor
 * rollup and by every query that must reproduce a corridor's transfers (db/queries/transactions.ts).
 * Each side's country comes from its address's entity on that chain; no entity means 'ZZ'
 * (unattributed, never guessed). Only plain transfers count (mints and burns are issuance), which
 * is `CORRIDOR_KIND`. The joins use the aliases af/ef (sender) and at/et (receiver).
 *
 * Every transfer falls in exactly one category, first match wins (lib/corridors/attribution.ts is
 * the reference):
 * - bridge: either side tagged `bridge`, or the transaction holds a governor BridgeMint/BridgeBurn
 *   (the governor's leg of a CCIP mint or burn);
 * - primary market: either side is a watched governor of the chain or tagged `treasury` (the
 *   issuer's distributions and redemptions, not payments);
 * - intra-entity: both sides attributed to the same entity;
 * - adjusted: none of these, the payments the corridors are about.
 * `intra` and `primary` below are the raw side tests; `isAdjustedSql` and the rollup apply the order.
 */
export const CORRIDOR_KIND = "transfer" as const;
/**
 * The attribution over a registry relation: `addrs` (chain_id, address, entity_id, tags) and `ents`
 * (id, country). The live one reads addresses and entities; a registry edit also evaluates it over
 * a snapshot taken before the edit, to take the old contributions out (attribution-delta.ts).
 */
export function attributionOver(addrs: SQL, ents: SQL) {
  const bridgeTagged = sql`coalesce('bridge' = any(af.tags), false) or coalesce('bridge' = any(at.tags), false)`;
  const treasuryTagged = sql`coalesce('treasury' = any(af.tags), false) or coalesce('treasury' = any(at.tags), false)`;
  return {
    joins: sql`left join ${addrs} af on af.chain_id = t.chain_id and af.address = t.from_address
      left join ${ents} ef on ef.id = af.entity_id
      left join ${addrs} at on at.chain_id = t.chain_id and at.address = t.to_address
      left join ${ents} et on et.id = at.entity_id`,
    origin: sql`coalesce(ef.country, 'ZZ')`,
    destination: sql`coalesce(et.country, 'ZZ')`,
    // coalesce: with one side unattributed the comparison is NULL, and a NULL here would drop the
    // transfer from adjusted and intra-entity volume alike.
    intra: sql`coalesce(af.entity_id = at.entity_id, false)`,
    bridge: sql`(${bridgeTagged}
    or exists (select 1 from token_events gb where gb.chain_id = t.chain_id and gb.tx_hash = t.tx_hash
      and gb.kind in ('bridge_mint', 'bridge_burn')))`,
    primary: sql`(${treasuryTagged}
    or exists (select 1 from watched_governors wg where wg.chain_id = t.chain_id
      and wg.address in (t.from_address, t.to_address)))`,
    /**
     * The same two tests as set membership, for statements that read many transfers (the
     * transactions export): Postgres builds one hash of the bridge transactions and of the watched
     * governors per statement (a hashed SubPlan) and probes it per row, where `exists` runs a
     * subquery per row (4.6 of the 9.4 s a million-row export took in Postgres; bench:export). Not
     * for the views, which read a page of rows and whose plans probe per row on purpose; and only
     * under a `work_mem` that holds the set (the export's 64 MB holds ~1M bridge transactions), as
     * a set the planner cannot hash is rescanned per row. corridors.int.test.ts checks both forms
     * give every fixture row the same flags.
     */
    bulk: {
      bridge: sql`(${bridgeTagged}
      or (t.chain_id, t.tx_hash) in (select gb.chain_id, gb.tx_hash from token_events gb
        where gb.kind in ('bridge_mint', 'bridge_burn')))`,
      primary: sql`(${treasuryTagged}
      or (t.chain_id, t.from_address) in (select wg.chain_id, wg.address from watched_governors wg)
      or (t.chain_id, t.to_address) in (select wg.chain_id, wg.address from watched_governors wg))`,
    },
  } as const;
}
export const corridorAttribution = attributionOver(sql`addresses`, sql`entities`);

/** The corridor categories in their order of precedence (see corridorAttribution). */
export const CORRIDOR_FLOW_SQL = {
  bridge: sql`${corridorAttribution.bridge}`,
  primary: sql`(${corridorAttribution.primary} and not ${corridorAttribution.bridge})`,
  intra: sql`(${corridorAttribution.intra} and not ${corridorAttribution.primary} and not ${corridorAttribution.bridge})`,
  adjusted: sql`(not ${corridorAttribution.intra} and not ${corridorAttribution.primary} and not ${corridorAttribution.bridge})`,
} as const;

/** Counted in adjusted corridor volume: neither a bridge hop, nor primary market, nor intra-entity. */
export function isAdjustedSql(): SQL {
  return CORRIDOR_FLOW_SQL.adjusted;
}

/** `sign` -1 takes the matching transfers' contributions out (upserted as negatives). */
export function corridorInsert(
  where: SQL,
  a: ReturnType<typeof attributionOver> = corridorAttribution,
  sign: 1 | -1 = 1,
): SQL {
  const k = sql.raw(String(sign));
  return sql`
    insert into daily_corridor_volume (chain_id, day, origin_country, destination_country, transfer_count, volume,
      adjusted_count, adjusted_volume, intra_entity_volume, bridge_volume, primary_count, primary_volume)
    select chain_id, day, origin, destination, ${k} * count(*), ${k} * sum(amount),
      ${k} * count(*) filter (where not intra and not prim and not bridge),
      ${k} * coalesce(sum(amount) filter (where not intra and not prim and not bridge), 0),
      ${k} * coalesce(sum(amount) filter (where intra and not prim and not bridge), 0),
      ${k} * coalesce(sum(amount) filter (where bridge), 0),
      ${k} * count(*) filter (where prim and not bridge),
      ${k} * coalesce(sum(amount) filter (where prim and not bridge), 0)
    from (
      select t.chain_id, (t.block_time at time zone 'UTC')::date as day, t.amount,
        ${a.origin} as origin,
        ${a.destination} as destination,
        ${a.intra} as intra,
        ${a.primary} as prim,
        ${a.bridge} as bridge
      from transfers t
      ${a.joins}
      where t.kind = ${CORRIDOR_KIND} and ${where}
      -- offset 0 keeps x from being pulled up: flattened, each aggregate's filter repeated the
      -- per-row primary and bridge subqueries (up to five evaluations a row instead of one);
      -- 1.8x faster over a whole chain of seed:large (2.5 s to 1.4 s for 488k transfers).
      offset 0
    ) x
    group by chain_id, day, origin, destination
    on conflict (chain_id, day, origin_country, destination_country) do update set
      transfer_count = daily_corridor_volume.transfer_count + excluded.transfer_count,
      volume = daily_corridor_volume.volume + excluded.volume,
      adjusted_count = daily_corridor_volume.adjusted_count + excluded.adjusted_count,
      adjusted_volume = daily_corridor_volume.adjusted_volume + excluded.adjusted_volume,
      intra_entity_volume = daily_corridor_volume.intra_entity_volume + excluded.intra_entity_volume,
      bridge_volume = daily_corridor_volume.bridge_volume + excluded.bridge_volume,
      primary_count = daily_corridor_volume.primary_count + excluded.primary_count,
      primary_volume = daily_corridor_volume.primary_volume + excluded.primary_volume`;
}

/**
 * Attribution changed (registry edit or import): recompute the rollups that depend on it
 * (corridors, and the bridge split of daily supply) from raw transfers up to each chain's
 * rolled-up block, in the caller's transaction.
 */
export async function rebuildAttributionRollups(tx: Db, p: { chainId?: number } = {}): Promise<void> {
  const chainFilter = p.chainId === undefined ? sql`true` : sql`chain_id = ${p.chainId}`;
  const tFilter = p.chainId === undefined ? sql`true` : sql`t.chain_id = ${p.chainId}`;
  const finalOnly = sql`${tFilter} and t.block_number <= (
      select rolled_up_block from indexer_checkpoints c where c.chain_id = t.chain_id)`;
  await tx.execute(sql`delete from daily_corridor_volume where ${chainFilter}`);
  await tx.execute(corridorInsert(finalOnly));
  await tx.execute(sql`delete from daily_supply where ${chainFilter}`);
  await tx.execute(supplyInsert(finalOnly));
}
