import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { isBridgeSql } from "./rollups";
import { rowsOf } from "./sql-arrays";

export type ChainFlows = {
  chainId: number;
  /** Mints and burns by the issuer (treasury path): issuance. */
  issuerMinted: bigint;
  issuerBurned: bigint;
  /** Mints and burns by bridge pools: USD1 moving between chains, not issuance. */
  bridgeMinted: bigint;
  bridgeBurned: bigint;
  /** Held by bridge-tagged addresses (lock/release pools hold; burn/mint pools pass through). */
  poolHeld: bigint;
};

export type NetworkFlows = {
  chains: ChainFlows[];
  /** Σ issuer mints − Σ issuer burns over all chains = Σ supply + in transit. */
  netIssuance: bigint;
  /** Burned by a pool on one chain and not yet minted on another. */
  inTransit: bigint;
  poolHeld: bigint;
};

export type GetNetworkFlowsParams = { chainId?: number | undefined };

/**
 * Issuance vs bridge flows per chain: rollups (finalized) plus the raw tail above each chain's
 * rolled-up block, read in one snapshot. In transit is a network figure (it spans chains), so it
 * is always computed over every chain, whatever the filter.
 */
export async function getNetworkFlows(db: Db, params: GetNetworkFlowsParams = {}): Promise<NetworkFlows> {
  const rows = await db.transaction(
    async (tx) =>
      rowsOf<{
        chain_id: number;
        minted: string;
        burned: string;
        bminted: string;
        bburned: string;
        held: string;
      }>(
        await tx.execute(sql`
          with cp as (select chain_id, rolled_up_block from indexer_checkpoints),
          rolled as (
            select chain_id, sum(minted) as minted, sum(burned) as burned,
              sum(bridge_minted) as bminted, sum(bridge_burned) as bburned
            from daily_supply group by chain_id),
          tail as (
            select t.chain_id,
              coalesce(sum(t.amount) filter (where t.kind = 'mint'), 0) as minted,
              coalesce(sum(t.amount) filter (where t.kind = 'burn'), 0) as burned,
              coalesce(sum(t.amount) filter (where t.kind = 'mint' and ${isBridgeSql(sql`t`)}), 0) as bminted,
              coalesce(sum(t.amount) filter (where t.kind = 'burn' and ${isBridgeSql(sql`t`)}), 0) as bburned
            from transfers t join cp on cp.chain_id = t.chain_id
            where t.kind <> 'transfer' and t.block_number > cp.rolled_up_block
            group by t.chain_id),
          pools as (select chain_id, address from addresses where 'bridge' = any(tags)),
          held_rolled as (
            select b.chain_id, sum(b.balance) as held
            from balances b join pools p on p.chain_id = b.chain_id and p.address = b.address
            group by b.chain_id),
          held_tail as (
            select t.chain_id,
              coalesce(sum(t.amount) filter (where pt.address is not null), 0)
                - coalesce(sum(t.amount) filter (where pf.address is not null), 0) as held
            from transfers t join cp on cp.chain_id = t.chain_id
            left join pools pt on pt.chain_id = t.chain_id and pt.address = t.to_address
            left join pools pf on pf.chain_id = t.chain_id and pf.address = t.from_address
            where t.block_number > cp.rolled_up_block and (pt.address is not null or pf.address is not null)
            group by t.chain_id)
          select c.chain_id,
            (coalesce(r.minted, 0) + coalesce(t.minted, 0))::text as minted,
            (coalesce(r.burned, 0) + coalesce(t.burned, 0))::text as burned,
            (coalesce(r.bminted, 0) + coalesce(t.bminted, 0))::text as bminted,
            (coalesce(r.bburned, 0) + coalesce(t.bburned, 0))::text as bburned,
            (coalesce(hr.held, 0) + coalesce(ht.held, 0))::text as held
          from chains c
          left join rolled r on r.chain_id = c.chain_id
          left join tail t on t.chain_id = c.chain_id
          left join held_rolled hr on hr.chain_id = c.chain_id
          left join held_tail ht on ht.chain_id = c.chain_id
          order by c.chain_id`),
      ),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const all = rows.map((r): ChainFlows => ({
    chainId: r.chain_id,
    issuerMinted: BigInt(r.minted) - BigInt(r.bminted),
    issuerBurned: BigInt(r.burned) - BigInt(r.bburned),
    bridgeMinted: BigInt(r.bminted),
    bridgeBurned: BigInt(r.bburned),
    poolHeld: BigInt(r.held),
  }));
  const sum = (xs: ChainFlows[], f: (c: ChainFlows) => bigint) => xs.reduce((a, c) => a + f(c), 0n);
  const chains = params.chainId === undefined ? all : all.filter((c) => c.chainId === params.chainId);
  return {
    chains,
    netIssuance: sum(chains, (c) => c.issuerMinted - c.issuerBurned),
    inTransit: sum(all, (c) => c.bridgeBurned - c.bridgeMinted),
    poolHeld: sum(chains, (c) => c.poolHeld),
  };
}
