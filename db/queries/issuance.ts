// Issuance windows of the overview: minted, burned and net over the last 24 h and 7 days per chain,
// read from raw transfers by block time (bridge mints and burns excluded).
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { isBridgeSql } from "./rollups";
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
  const in24h = sql`${transfers.blockTime} > ${since24h}::timestamptz`;
  // Issuance only: bridge pools' mints and burns move USD1 between chains (isBridgeSql).
  const bridge = isBridgeSql(sql`${transfers}`);
  const isMint = sql`${transfers.kind} = 'mint' and not ${bridge}`;
  const isBurn = sql`${transfers.kind} = 'burn' and not ${bridge}`;
  const sumWhere = (cond: SQL) =>
    sql<string>`coalesce(sum(${transfers.amount}) filter (where ${cond}), 0)::text`;
  const countWhere = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}))::int`;

  const [chainList, rows] = await Promise.all([
    listChains(db),
    db
      .select({
        chainId: transfers.chainId,
        minted7d: sumWhere(isMint),
        burned7d: sumWhere(isBurn),
        mints7d: countWhere(isMint),
        burns7d: countWhere(isBurn),
        minted24h: sumWhere(sql`${isMint} and ${in24h}`),
        burned24h: sumWhere(sql`${isBurn} and ${in24h}`),
        mints24h: countWhere(sql`${isMint} and ${in24h}`),
        burns24h: countWhere(sql`${isBurn} and ${in24h}`),
      })
      .from(transfers)
      .where(
        and(
          // On transfers_block_time_idx; the window is small next to the table.
          sql`${transfers.blockTime} > ${since7d}::timestamptz`,
          sql`${transfers.blockTime} <= ${now.toISOString()}::timestamptz`,
          inArray(transfers.kind, ["mint", "burn"]),
        ),
      )
      .groupBy(transfers.chainId),
  ]);

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
