// Who holds the supply: concentration (top holders, top-10 share, HHI) and the treasury and
// bridge pools. Finalized balances plus the provisional tail above each chain's rolled-up block
// (a handful of blocks), so figures are exact as of the indexed block and agree with the supply.
// Shares and HHI are bigint ratios. With no chain filter an address's balances on every chain
// are added up. The holder figures come from the holder rollups (holder_stats, address_totals and
// the balance indexes) with the tail's few addresses swapped in (holder-tail.ts), not from a
// grouping of all of balances (7.7–9.0 s a statement at 10M transfers).
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { readChainIds, readIndexOrderPage, readOtherPage, readTags, readTopPage } from "./holder-pages";
import { ranksOf, readAdjustedStats, readTailTouch, topHoldersSql } from "./holder-tail";
import { readTailRanges, tailWhere } from "./provisional-tail";
import { BRIDGE_POOLS_SQL } from "./rollups";
import { rowsOf } from "./sql-arrays";

export type HolderConcentration = {
  /** Addresses with a positive balance. */
  holders: number;
  /** Σ positive balances (= finalized supply). */
  total: bigint;
  /** Σ of the ten largest balances. */
  top10: bigint;
  /** Σ balance², for the HHI. */
  sumSquares: bigint;
  /** Herfindahl–Hirschman index on the 0–10,000 scale, two decimals, exact ("1234.57"). */
  hhi: string;
};

export type ConcentrationParams = { chainId?: number | undefined };

/** One snapshot: rollups and rolled_up_block move together in the indexer's transactions. */
const SNAPSHOT = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

/** HHI = Σ (100 · bᵢ / S)² = 10,000 · Σbᵢ² / S², rounded half up to hundredths. */
export function hhiOf(sumSquares: bigint, total: bigint): string {
  if (total === 0n) return "0.00";
  const den = total * total;
  const scaled = (sumSquares * 1_000_000n * 2n + den) / (2n * den);
  return `${scaled / 100n}.${(scaled % 100n).toString().padStart(2, "0")}`;
}

export async function getHolderConcentration(
  db: Db,
  params: ConcentrationParams = {},
): Promise<HolderConcentration> {
  const { stats, top10 } = await db.transaction(async (tx) => {
    const { touched } = await readTailTouch(tx, params.chainId, await readTailRanges(tx, params.chainId));
    const stats = await readAdjustedStats(tx, params.chainId, touched);
    const [row] = rowsOf<{ top10: string }>(
      await tx.execute(sql`select coalesce(sum(bal), 0)::text as top10
        from ${topHoldersSql(params.chainId, touched, 10)} h`),
    );
    return { stats, top10: BigInt(row?.top10 ?? "0") };
  }, SNAPSHOT);
  return { ...stats, top10, hhi: hhiOf(stats.sumSquares, stats.total) };
}

export const HOLDER_SORTS = ["balance", "entity", "address"] as const;
export type HolderSort = (typeof HOLDER_SORTS)[number];

export type ListTopHoldersParams = {
  chainId?: number | undefined;
  limit: number;
  offset: number;
  sort: { id: HolderSort; desc: boolean } | null;
  /** Matches address, entity name or label (case-insensitive substring), bound as a parameter. */
  q?: string | undefined;
};

export type HolderRow = {
  /** 1 = largest balance (independent of sort and search). */
  rank: number;
  address: string;
  chainIds: number[];
  balance: bigint;
  entityName: string | null;
  entityKind: string | null;
  country: string | null;
  label: string | null;
  tags: string[];
};

export async function listTopHolders(
  db: Db,
  p: ListTopHoldersParams,
): Promise<{ rows: HolderRow[]; total: number }> {
  const sort = p.sort ?? { id: "balance", desc: true };
  // An empty search matches every address (as `ilike '%%'` did).
  const q = p.q === "" ? undefined : p.q;
  return db.transaction(async (tx) => {
    const ranges = await readTailRanges(tx, p.chainId);
    const tail = await readTailTouch(tx, p.chainId, ranges);
    const byBalance = q === undefined && sort.id === "balance" && sort.desc;
    const indexOrder = q === undefined && (sort.id === "address" || (sort.id === "balance" && !sort.desc));
    const { page, total } = byBalance
      ? await readTopPage(tx, p, tail.touched)
      : indexOrder
        ? await readIndexOrderPage(tx, p, sort, tail.touched)
        : await readOtherPage(tx, p, sort, q, tail.touched);
    const ranks = byBalance
      ? new Map<bigint, number>()
      : await ranksOf(
          tx,
          p.chainId,
          tail.touched,
          page.map((r) => BigInt(r.bal)),
        );
    const chains = await readChainIds(
      tx,
      p.chainId,
      tail,
      page.map((r) => r.address),
    );
    const tags = await readTags(
      tx,
      p.chainId,
      page.map((r) => r.address),
    );
    return {
      total,
      rows: page.map((r) => ({
        rank: r.rank ?? ranks.get(BigInt(r.bal)) ?? 0,
        address: r.address,
        chainIds: chains.get(r.address) ?? [],
        balance: BigInt(r.bal),
        entityName: r.entity,
        entityKind: r.kind,
        country: r.country,
        label: r.label,
        tags: tags.get(r.address) ?? [],
      })),
    };
  }, SNAPSHOT);
}

// ---------------------------------------------------------------------------------------------
// Treasury and bridge-pool holdings

export type TaggedHolding = {
  chainId: number;
  address: string;
  tag: "treasury" | "bridge";
  /**
   * Why it is listed: its registry tag, being a watched governor of the chain (the issuer's
   * contract: what it holds is treasury), or calling governor bridge mints/burns (a pool).
   */
  source: "registry" | "governor" | "bridge_role";
  label: string | null;
  entityName: string | null;
  /** Finalized balance plus the provisional tail: exact as of the indexed block. */
  balance: bigint;
};

export type GetTaggedHoldingsParams = { chainId?: number | undefined };

/**
 * Balances of the issuer's and the bridges' addresses: tagged treasury or bridge in the registry,
 * the watched governors (treasury) and the callers of governor bridge mints/burns (bridge pools,
 * as BRIDGE_POOLS_SQL, so these holdings and the supply view's pool figure agree).
 */
/** A tagged address as the first statement of getTaggedHoldings reads it. */
type TaggedRow = {
  chain_id: number;
  address: string;
  tag: "treasury" | "bridge";
  source: TaggedHolding["source"];
  label: string | null;
  entity: string | null;
};

export async function getTaggedHoldings(
  db: Db,
  params: GetTaggedHoldingsParams = {},
): Promise<TaggedHolding[]> {
  const chainOnly = (alias: string) =>
    params.chainId === undefined ? sql`true` : sql`${sql.raw(alias)}.chain_id = ${params.chainId}`;
  const rows = await db.transaction(
    async (tx) => {
      const tail = tailWhere("t", await readTailRanges(tx, params.chainId));
      // The tagged addresses first (a handful), then their balances and tail as literal rows: as
      // one statement the planner guessed hundreds of bridge-role pools (a distinct over every
      // bridge event) and hashed the whole balances table to join them.
      const tagged = rowsOf<TaggedRow>(
        await tx.execute(sql`
          with listed as (
            select a.chain_id, a.address,
              case when 'treasury' = any(a.tags) then 'treasury' else 'bridge' end as tag, 'registry' as source
            from addresses a where a.tags && array['treasury', 'bridge']::text[] and ${chainOnly("a")}
            union all
            select w.chain_id, w.address, 'treasury', 'governor' from watched_governors w where ${chainOnly("w")}
            union all
            select p.chain_id, p.address, 'bridge', 'bridge_role' from (${BRIDGE_POOLS_SQL}) p where ${chainOnly("p")})
          -- One row per address: the registry's tag first, then governor, then bridge role.
          select distinct on (l.chain_id, l.address) l.chain_id, l.address, l.tag, l.source, a.label,
            e.name as entity
          from listed l
          left join addresses a on a.chain_id = l.chain_id and a.address = l.address
          left join entities e on e.id = a.entity_id
          order by l.chain_id, l.address, case l.source when 'registry' then 0 when 'governor' then 1 else 2 end`),
      );
      if (tagged.length === 0) return [];
      const values = sql.join(
        tagged.map(
          (g) =>
            sql`(${Number(g.chain_id)}::int, ${g.address}::text, ${g.tag}::text, ${g.source}::text, ${g.label}::text, ${g.entity}::text)`,
        ),
        sql`, `,
      );
      return rowsOf<TaggedRow & { balance: string }>(
        await tx.execute(sql`
          with tagged as (select * from (values ${values}) v (chain_id, address, tag, source, label, entity)),
          tail as (
            select g.chain_id, g.address,
              coalesce(sum(t.amount) filter (where t.to_address = g.address and t.kind <> 'burn'), 0)
                - coalesce(sum(t.amount) filter (where t.from_address = g.address and t.kind <> 'mint'), 0) as delta
            from (select * from transfers t where ${tail}) t
            join tagged g on t.chain_id = g.chain_id and (t.to_address = g.address or t.from_address = g.address)
            group by g.chain_id, g.address)
          select g.chain_id, g.address, g.tag, g.source, g.label, g.entity,
            (coalesce(b.balance, 0) + coalesce(tl.delta, 0))::text as balance
          from tagged g
          left join balances b on b.chain_id = g.chain_id and b.address = g.address
          left join tail tl on tl.chain_id = g.chain_id and tl.address = g.address
          order by g.tag desc, g.chain_id, (coalesce(b.balance, 0) + coalesce(tl.delta, 0)) desc, g.address`),
      );
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return rows.map((r) => ({
    chainId: r.chain_id,
    address: r.address,
    tag: r.tag,
    source: r.source,
    label: r.label,
    entityName: r.entity,
    balance: BigInt(r.balance),
  }));
}
