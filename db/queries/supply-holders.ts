// Who holds the supply: concentration (top holders, top-10 share, HHI) and the treasury and
// bridge pools. Finalized `balances` plus the provisional tail above each chain's rolled-up
// block (a handful of blocks), so figures are exact as of the indexed block and agree with the
// supply. Shares and HHI are bigint ratios. With no chain filter an address's balances on every
// chain are added up.
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { readTailRanges, tailWhere, type TailRange } from "./provisional-tail";
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

/** `ranges`: readTailRanges(tx, chainId) read in the same snapshot. */
function holdersCte(chainId: number | undefined, ranges: readonly TailRange[]): SQL {
  const b = chainId === undefined ? sql`true` : sql`b.chain_id = ${chainId}`;
  const tail = tailWhere("t", ranges);
  return sql`moves as (
    select b.chain_id, b.address, b.balance as delta from balances b where ${b}
    union all
    select t.chain_id, t.to_address, t.amount from transfers t where t.kind <> 'burn' and ${tail}
    union all
    select t.chain_id, t.from_address, -t.amount from transfers t where t.kind <> 'mint' and ${tail}),
  per_chain as (select chain_id, address, sum(delta) as bal from moves group by chain_id, address),
  holders as (
    select address, sum(bal) as bal,
      array_agg(chain_id order by chain_id) filter (where bal <> 0) as chain_ids
    from per_chain group by address having sum(bal) > 0)`;
}

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
  const [row] = await db.transaction(
    async (tx) =>
      rowsOf<{ holders: number; total: string; sq: string; top10: string }>(
        await tx.execute(sql`
      with ${holdersCte(params.chainId, await readTailRanges(tx, params.chainId))}
      select count(*)::int as holders, coalesce(sum(bal), 0)::text as total,
        coalesce(sum(bal * bal), 0)::text as sq,
        (select coalesce(sum(bal), 0) from (select bal from holders order by bal desc limit 10) t)::text as top10
      from holders`),
      ),
    SNAPSHOT,
  );
  const total = BigInt(row?.total ?? "0");
  const sumSquares = BigInt(row?.sq ?? "0");
  return {
    holders: Number(row?.holders ?? 0),
    total,
    top10: BigInt(row?.top10 ?? "0"),
    sumSquares,
    hhi: hhiOf(sumSquares, total),
  };
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

const SORT_SQL: Record<HolderSort, SQL> = {
  balance: sql`h.bal`,
  entity: sql`r.entity`,
  address: sql`h.address`,
};

/** `%`, `_` and `\` are wildcards in LIKE: escape them so a search means what it says. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type HolderDbRow = {
  rank: number;
  address: string;
  chain_ids: number[] | string;
  bal: string;
  entity: string | null;
  kind: string | null;
  country: string | null;
  label: string | null;
  tags: string | null;
  total_count: number;
};

export async function listTopHolders(
  db: Db,
  p: ListTopHoldersParams,
): Promise<{ rows: HolderRow[]; total: number }> {
  const chainReg = p.chainId === undefined ? sql`true` : sql`a.chain_id = ${p.chainId}`;
  const pattern = p.q === undefined ? null : likePattern(p.q);
  const search =
    pattern === null
      ? sql`true`
      : sql`(h.address ilike ${pattern} or r.entity ilike ${pattern} or r.label ilike ${pattern})`;
  const { rows, total } = await db.transaction(async (tx) => {
    const page = await readHolderPage(tx, p, search, chainReg);
    // A page past the end has no row to carry the window count.
    const n = page[0]?.total_count ?? (p.offset > 0 ? await countHolders(tx, p, search, chainReg) : 0);
    return { rows: page, total: n };
  }, SNAPSHOT);
  return {
    total,
    rows: rows.map((r) => ({
      rank: r.rank,
      address: r.address,
      chainIds: parseIntArray(r.chain_ids),
      balance: BigInt(r.bal),
      entityName: r.entity,
      entityKind: r.kind,
      country: r.country,
      label: r.label,
      tags: r.tags ? r.tags.split(",") : [],
    })),
  };
}

async function readHolderPage(
  tx: Tx,
  p: ListTopHoldersParams,
  search: SQL,
  chainReg: SQL,
): Promise<HolderDbRow[]> {
  const sort = p.sort ?? { id: "balance", desc: true };
  const dir = sort.desc ? sql`desc nulls last` : sql`asc nulls last`;
  const ranges = await readTailRanges(tx, p.chainId);
  return rowsOf<HolderDbRow>(
    await tx.execute(sql`
      with ${holdersCte(p.chainId, ranges)},
      ranked as (select h.*, (rank() over (order by h.bal desc))::int as rank from holders h),
      reg as (
        select a.address, min(e.name) as entity, min(e.kind) as kind, min(e.country) as country,
          min(a.label) as label
        from addresses a left join entities e on e.id = a.entity_id
        where ${chainReg} group by a.address),
      tagz as (
        select a.address, string_agg(distinct tg, ',' order by tg) as tags
        from addresses a cross join lateral unnest(a.tags) as tg
        where ${chainReg} group by a.address)
      select h.rank, h.address, h.chain_ids, h.bal::text as bal, r.entity, r.kind, r.country, r.label,
        tz.tags, (count(*) over ())::int as total_count
      from ranked h
      left join reg r on r.address = h.address
      left join tagz tz on tz.address = h.address
      where ${search}
      order by ${SORT_SQL[sort.id]} ${dir}, h.bal desc, h.address
      limit ${p.limit} offset ${p.offset}`),
  );
}

async function countHolders(tx: Tx, p: ListTopHoldersParams, search: SQL, chainReg: SQL): Promise<number> {
  const ranges = await readTailRanges(tx, p.chainId);
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with ${holdersCte(p.chainId, ranges)},
      reg as (
        select a.address, min(e.name) as entity, min(a.label) as label
        from addresses a left join entities e on e.id = a.entity_id
        where ${chainReg} group by a.address)
      select count(*)::int as n from holders h left join reg r on r.address = h.address where ${search}`),
  );
  return Number(row?.n ?? 0);
}

/** int[] arrives as a JS array from node-postgres and PGlite, or as "{1,2}" text from some proxies. */
function parseIntArray(v: number[] | string): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return v.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
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
