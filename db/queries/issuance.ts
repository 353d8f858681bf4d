// Issuance windows of the overview: minted, burned and net over the last 24 h and 7 days per chain,
// read from raw transfers by block time (bridge mints and burns excluded).
import { sql, type SQL } from "drizzle-orm";
import { zeroAddress } from "viem";
import type { Db } from "../client";
import { isBridgeSql } from "./rollups";
import { rowsOf } from "./sql-arrays";
import { transfers } from "../schema";
import { listChains, onlyChain, withExtraChains, type ChainFilter, type ChainRef } from "./overview";

export type Flow = { minted: bigint; burned: bigint; net: bigint; mintCount: number; burnCount: number };
export type IssuanceWindowsParams = ChainFilter & {
  /** Windows are (now − 24h, now] and (now − 7d, now] by block time. */
  now: Date;
};
export type ChainIssuance = ChainRef & { h24: Flow; d7: Flow };
export type IssuanceWindows = { chains: ChainIssuance[]; total: { h24: Flow; d7: Flow } };

const HOUR_MS = 3_600_000;

export async function getIssuanceWindows(db: Db, params: IssuanceWindowsParams): Promise<IssuanceWindows> {
  const now = params.now;
  const since24h = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const since7d = new Date(now.getTime() - 7 * 24 * HOUR_MS).toISOString();
  const in24h = sql`block_time > ${since24h}::timestamptz`;
  const sumWhere = (cond: SQL) => sql`coalesce(sum(amount) filter (where ${cond}), 0)::text`;
  const countWhere = (cond: SQL) => sql`(count(*) filter (where ${cond}))::int`;
  // Issuance only: bridge pools' mints and burns move USD1 between chains (isBridgeSql).
  const mint = sql`kind = 'mint' and not bridge`;
  const burn = sql`kind = 'burn' and not bridge`;

  const [chainList, result] = await Promise.all([
    listChains(db),
    db.execute(sql`
      select chain_id,
        ${sumWhere(mint)} as minted7d, ${sumWhere(burn)} as burned7d,
        ${countWhere(mint)} as mints7d, ${countWhere(burn)} as burns7d,
        ${sumWhere(sql`${mint} and ${in24h}`)} as minted24h, ${sumWhere(sql`${burn} and ${in24h}`)} as burned24h,
        ${countWhere(sql`${mint} and ${in24h}`)} as mints24h, ${countWhere(sql`${burn} and ${in24h}`)} as burns24h
      from (
        select t.chain_id, t.kind, t.amount, t.block_time, ${isBridgeSql(sql`t`)} as bridge
        from ${transfers} t
        where t.block_time > ${since7d}::timestamptz and t.block_time <= ${now.toISOString()}::timestamptz
          and t.kind in ('mint', 'burn')
          -- A mint comes from and a burn goes to the zero address (the kind is decoded from them:
          -- lib/indexer/decode.ts), so the window's few mints and burns are read on
          -- transfers_from_idx / transfers_to_idx (address, block time), not every transfer of
          -- seven days on transfers_block_time_idx (10M transfers: 41k buffers, 135-168 ms).
          and (t.from_address = ${zeroAddress} or t.to_address = ${zeroAddress})
        -- offset 0: the bridge test runs once a row, not once per aggregate filter (eight).
        offset 0
      ) x
      group by chain_id`),
  ]);
  const rows = rowsOf<{
    chain_id: number;
    minted7d: string;
    burned7d: string;
    mints7d: number;
    burns7d: number;
    minted24h: string;
    burned24h: string;
    mints24h: number;
    burns24h: number;
  }>(result).map((r) => ({ ...r, chainId: Number(r.chain_id) }));

  const byChain = new Map(rows.map((r) => [r.chainId, r]));
  const chainsOut = onlyChain(withExtraChains(chainList, rows), params).map((c): ChainIssuance => {
    const r = byChain.get(c.chainId);
    return {
      ...c,
      h24: flow(r?.minted24h, r?.burned24h, r?.mints24h, r?.burns24h),
      d7: flow(r?.minted7d, r?.burned7d, r?.mints7d, r?.burns7d),
    };
  });
  return {
    chains: chainsOut,
    total: { h24: addFlows(chainsOut.map((c) => c.h24)), d7: addFlows(chainsOut.map((c) => c.d7)) },
  };
}

function flow(minted = "0", burned = "0", mintCount = 0, burnCount = 0): Flow {
  const m = BigInt(minted);
  const b = BigInt(burned);
  return { minted: m, burned: b, net: m - b, mintCount: Number(mintCount), burnCount: Number(burnCount) };
}

function addFlows(flows: Flow[]): Flow {
  return flows.reduce(
    (acc, f) => ({
      minted: acc.minted + f.minted,
      burned: acc.burned + f.burned,
      net: acc.net + f.net,
      mintCount: acc.mintCount + f.mintCount,
      burnCount: acc.burnCount + f.burnCount,
    }),
    flow(),
  );
}
