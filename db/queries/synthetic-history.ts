// A synthetic history written by SQL alone (generate_series), for the EXPLAIN tests and for
// measuring the views' queries on millions of rows. Shape, not realism: two chains, a few hot
// wallets in 30% of transfers, a long tail of addresses, a registry of attributed addresses, a
// treasury minting and burning, bridge pools with governor bridge events, history over `days`,
// and a provisional tail above each chain's rolled-up block. Rollups are built by the indexer's
// own advanceRollups, so they are what the indexer would have written.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { advanceRollups } from "./rollups";
import { rowsOf } from "./sql-arrays";

export type SyntheticHistoryParams = {
  transfers: number;
  /** Distinct ordinary addresses (besides hot wallets, treasury and pools). */
  addresses: number;
  /** Addresses attributed in the registry (the first ones of the ordinary range). */
  registered: number;
  days: number;
  /** Blocks per chain left above rolled_up_block (the provisional tail). */
  tailBlocks: number;
  /** Last day of the history (UTC). */
  endDay: string;
};

export const SYNTHETIC_CHAINS = [1, 56] as const;
export const syntheticAddress = (n: number | bigint) => `0x${n.toString(16).padStart(40, "0")}`;
/** Address numbers of the special wallets (ordinary addresses start at 1,000). */
export const SYNTHETIC = { treasury: 0xa00001, pool: 0xa00002, hotWallets: 20, firstOrdinary: 1_000 } as const;

const lit = (v: number) => sql.raw(String(Math.trunc(v)));
const addr = (n: ReturnType<typeof sql>) => sql`('0x' || lpad(to_hex((${n})::bigint), 40, '0'))`;

/** Writes the history into an empty, migrated database. */
export async function writeSyntheticHistory(db: Db, p: SyntheticHistoryParams): Promise<void> {
  const t = SYNTHETIC;
  const countries = ["SA", "AE", "GB", "DE", "US", "PK", "KW", "QA"];
  await db.execute(sql`insert into chains (chain_id, name, token_address, start_block, confirmations)
    values (1, 'Ethereum', ${syntheticAddress(0xd1)}, 1, 0), (56, 'BNB Chain', ${syntheticAddress(0xd1)}, 1, 0)
    on conflict do nothing`);
  await db.execute(sql`insert into entities (name, kind, country, licence_status)
    select 'Entity ' || e, case when e = 1 then 'issuer' when e = 2 then 'bridge' else 'remittance_provider' end,
      (${sql.raw(`array[${countries.map((c) => `'${c}'`).join(",")}]`)})[1 + e % ${lit(countries.length)}], 'licensed'
    from generate_series(1, 50) e`);
  // Registry: treasury, pools, hot wallets, and the first `registered` ordinary addresses.
  await db.execute(sql`insert into addresses (chain_id, address, entity_id, label, tags)
    select c, ${addr(sql`${lit(t.treasury)}`)}, (select id from entities where name = 'Entity 1'), 'Treasury', '{treasury}'::text[]
      from unnest(${sql.raw(`array[${SYNTHETIC_CHAINS.join(",")}]`)}) c
    union all
    select c, ${addr(sql`${lit(t.pool)}`)}, (select id from entities where name = 'Entity 2'), 'Bridge pool', '{bridge}'::text[]
      from unnest(${sql.raw(`array[${SYNTHETIC_CHAINS.join(",")}]`)}) c
    union all
    select c, ${addr(sql`h`)}, (select id from entities where name = 'Entity ' || (3 + h % 10)), 'Hot wallet ' || h, '{hot_wallet}'::text[]
      from unnest(${sql.raw(`array[${SYNTHETIC_CHAINS.join(",")}]`)}) c, generate_series(1, ${lit(t.hotWallets)}) h
    union all
    select c, ${addr(sql`${lit(t.firstOrdinary)} + n`)}, (select id from entities where name = 'Entity ' || (3 + n % 48)),
      null, '{customer}'::text[]
      from unnest(${sql.raw(`array[${SYNTHETIC_CHAINS.join(",")}]`)}) c, generate_series(0, ${p.registered - 1}) n`);
  // Transfers. i % 202: 0 = treasury mint, 100 = treasury burn, 50 = treasury → hot wallet,
  // 150 = pool bridge burn (with its governor event), 160 = pool bridge mint; else a transfer
  // where a hot wallet is one side in 30% of rows.
  const n = p.transfers;
  const spanSeconds = p.days * 86_400;
  await db.execute(sql`insert into transfers (chain_id, block_number, block_time, tx_hash, log_index,
      from_address, to_address, amount, kind)
    select chain_id, i, ${p.endDay}::date + interval '1 day' - make_interval(secs => ${lit(spanSeconds)} * (${lit(n)} - i)::float8 / ${lit(n)}),
      '0x' || lpad(to_hex(i), 64, '0'), 0,
      ${addr(sql`f`)}, ${addr(sql`tt`)},
      (((i * 7919) % 100000) + 1)::numeric * 10000000000000000 * (case when k in (0, 100) then 1000 else 1 end),
      case when f = 0 then 'mint' when tt = 0 then 'burn' else 'transfer' end
    from (
      select i, case when i % 4 = 0 then 56 else 1 end as chain_id, i % 202 as k,
        case i % 202
          when 0 then 0 when 160 then 0 when 100 then ${lit(t.treasury)} when 50 then ${lit(t.treasury)}
          when 150 then ${lit(t.pool)}
          else case when i % 10 < 3 then 1 + i % ${lit(t.hotWallets)}
            else ${lit(t.firstOrdinary)} + (i * 2654435761) % ${lit(p.addresses)} end end as f,
        case i % 202
          when 0 then ${lit(t.treasury)} when 160 then ${lit(t.pool)} when 100 then 0 when 150 then 0
          when 50 then 1 + i % ${lit(t.hotWallets)}
          else case when i % 10 = 9 then 1 + (i / 10) % ${lit(t.hotWallets)}
            else ${lit(t.firstOrdinary)} + (i * 40503 + 7) % ${lit(p.addresses)} end end as tt
      from generate_series(1, ${lit(n)}::bigint) i) g`);
  await db.execute(sql`insert into token_events (chain_id, emitter, block_number, block_time, tx_hash, log_index,
      kind, actor, subject, amount, args)
    select chain_id, ${syntheticAddress(0xd2)}, block_number, block_time, tx_hash, 1,
      case kind when 'mint' then
        case when to_address = ${addr(sql`${lit(t.pool)}`)} then 'bridge_mint' else 'native_mint' end
      else case when from_address = ${addr(sql`${lit(t.pool)}`)} then 'bridge_burn' else 'native_burn' end end,
      case when ${addr(sql`${lit(t.pool)}`)} in (from_address, to_address) then ${addr(sql`${lit(t.pool)}`)}
        else ${addr(sql`${lit(t.treasury)}`)} end,
      case kind when 'mint' then to_address else from_address end, amount, '{}'::jsonb
    from transfers where kind <> 'transfer'`);
  const tops = rowsOf<{ chain_id: number; top: string }>(
    await db.execute(sql`select chain_id, max(block_number)::text as top from transfers group by chain_id`),
  );
  for (const { chain_id, top } of tops) {
    const rolled = BigInt(top) - BigInt(p.tailBlocks);
    await db.execute(sql`insert into indexer_checkpoints (chain_id, indexed_block, rolled_up_block, head_block,
      finalized_block) values (${chain_id}, ${top}, ${rolled.toString()}, ${top}, ${rolled.toString()})`);
    await db.transaction(async (tx) => advanceRollups(tx, { chainId: chain_id, from: 0n, to: rolled }));
  }
  await db.execute(sql`analyze`);
}
