import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { tailWhere, readTailRanges } from "./provisional-tail";
import { BRIDGE_POOLS_SQL, isBridgeSql } from "./rollups";
import { rowsOf } from "./sql-arrays";

export type ChainFlows = {
  chainId: number;
  /** Mints and burns by the issuer (treasury path): issuance. */
  issuerMinted: bigint;
  issuerBurned: bigint;
  /** Mints and burns by bridge pools: USD1 moving between chains, not issuance. */
  bridgeMinted: bigint;
  bridgeBurned: bigint;
  /**
   * Held by bridge pools: bridge-tagged addresses and callers of governor bridge mints/burns
   * (BRIDGE_POOLS_SQL; lock/release pools hold, burn/mint pools pass through).
   */
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
    async (tx) => {
      // In transit spans chains: every chain's tail, whatever the filter.
      const tailT = tailWhere("t", await readTailRanges(tx));
      // The pools first, as literals: a handful of rows the planner then looks up in balances_pk
      // (as a CTE it guessed thousands and hashed every balance).
      const poolRows = rowsOf<{ chain_id: number; address: string }>(await tx.execute(BRIDGE_POOLS_SQL));
      const pools =
        poolRows.length === 0
          ? sql`select null::int as chain_id, null::text as address where false`
          : sql`select * from (values ${sql.join(
              poolRows.map((p) => sql`(${Number(p.chain_id)}::int, ${p.address}::text)`),
              sql`, `,
            )}) v (chain_id, address)`;
      return rowsOf<{
        chain_id: number;
        minted: string;
        burned: string;
        bminted: string;
        bburned: string;
        held: string;
      }>(
        await tx.execute(sql`
          with rolled as (
            select chain_id, sum(minted) as minted, sum(burned) as burned,
              sum(bridge_minted) as bminted, sum(bridge_burned) as bburned
            from daily_supply group by chain_id),
          tail as (
            select t.chain_id,
              coalesce(sum(t.amount) filter (where t.kind = 'mint'), 0) as minted,
              coalesce(sum(t.amount) filter (where t.kind = 'burn'), 0) as burned,
              coalesce(sum(t.amount) filter (where t.kind = 'mint' and ${isBridgeSql(sql`t`)}), 0) as bminted,
              coalesce(sum(t.amount) filter (where t.kind = 'burn' and ${isBridgeSql(sql`t`)}), 0) as bburned
            from transfers t
            where t.kind <> 'transfer' and ${tailT}
            group by t.chain_id),
          pools as (${pools}),
          held_rolled as (
            select b.chain_id, sum(b.balance) as held
            from balances b join pools p on p.chain_id = b.chain_id and p.address = b.address
            group by b.chain_id),
          held_tail as (
            select t.chain_id,
              coalesce(sum(t.amount) filter (where pt.address is not null), 0)
                - coalesce(sum(t.amount) filter (where pf.address is not null), 0) as held
            from transfers t
            left join pools pt on pt.chain_id = t.chain_id and pt.address = t.to_address
            left join pools pf on pf.chain_id = t.chain_id and pf.address = t.from_address
            where ${tailT} and (pt.address is not null or pf.address is not null)
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
      );
    },
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

// ---------------------------------------------------------------------------------------------
// Supply over time (daily rollups + the provisional tail, so the last day matches getSupplyByChain)

export type SupplyDayPoint = {
  day: string;
  /** Outstanding supply at the end of the UTC day, by chain id. */
  supply: Record<number, bigint>;
  total: bigint;
  /** Issuance (issuer mints/burns, bridge excluded) over the day, summed over the selected chains. */
  issuerMinted: bigint;
  issuerBurned: bigint;
  bridgeMinted: bigint;
  bridgeBurned: bigint;
};

export type IssuanceFlow = { minted: bigint; burned: bigint; net: bigint };

export type SupplySeries = {
  chainIds: number[];
  /** One point per UTC day in [fromDay, toDay] (fromDay clipped to the first day with data). */
  days: SupplyDayPoint[];
  /** Issuance over the last 1, 7 and 30 UTC days ending `today`, whatever the range. */
  windows: { d1: IssuanceFlow; d7: IssuanceFlow; d30: IssuanceFlow };
  /** First day holding not-yet-finalized (tail) figures, or null when everything is rolled up. */
  provisionalFrom: string | null;
};

export type GetSupplySeriesParams = {
  chainId?: number | undefined;
  /** First day shown; null = all time: from the first to the last day with a mint or burn. */
  fromDay: string | null;
  toDay: string;
  /** The current UTC day (windows end here; toDay is clipped to it). */
  today: string;
};

type DayRow = {
  chain_id: number;
  day: string;
  minted: string;
  burned: string;
  bminted: string;
  bburned: string;
  provisional: boolean;
};

/** Mint/burn sums per chain and UTC day: finalized rollups, then the raw tail above them. */
async function readSupplyDays(db: Db, chainId: number | undefined, toDay: string): Promise<DayRow[]> {
  const chainOnly = (col: SQL) => (chainId === undefined ? sql`true` : sql`${col} = ${chainId}`);
  return db.transaction(
    async (tx) => {
      const tail = tailWhere("t", await readTailRanges(tx, chainId));
      return rowsOf<DayRow>(
        await tx.execute(sql`
          select chain_id, day::text as day, minted::text as minted, burned::text as burned,
            bridge_minted::text as bminted, bridge_burned::text as bburned, false as provisional
          from daily_supply
          where day <= ${toDay}::date and ${chainOnly(sql`chain_id`)}
          union all
          select t.chain_id, (t.block_time at time zone 'UTC')::date::text,
            coalesce(sum(t.amount) filter (where t.kind = 'mint'), 0)::text,
            coalesce(sum(t.amount) filter (where t.kind = 'burn'), 0)::text,
            coalesce(sum(t.amount) filter (where t.kind = 'mint' and ${isBridgeSql(sql`t`)}), 0)::text,
            coalesce(sum(t.amount) filter (where t.kind = 'burn' and ${isBridgeSql(sql`t`)}), 0)::text,
            true
          from transfers t
          where t.kind <> 'transfer' and ${tail}
            and (t.block_time at time zone 'UTC')::date <= ${toDay}::date
          group by 1, 2`),
      );
    },
    // One snapshot: rollups and rolled_up_block move together in the indexer's transactions.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

const DAY_MS = 86_400_000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const minusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/**
 * Outstanding supply per chain at the end of each day (a running Σ minted − burned from the
 * first block, exact), daily issuance and bridge flows, and 1d/7d/30d issuance windows.
 */
export async function getSupplySeries(db: Db, params: GetSupplySeriesParams): Promise<SupplySeries> {
  const rows = (await readSupplyDays(db, params.chainId, params.today)).map(parseDayRow);
  const chainIds = [...new Set(rows.map((r) => r.chainId))].sort((a, b) => a - b);
  // (chain, day) may appear twice: a rolled-up part and a tail part of the same day.
  const byDay = new Map<string, ParsedDayRow[]>();
  for (const r of rows) {
    const list = byDay.get(r.day);
    if (list) list.push(r);
    else byDay.set(r.day, [r]);
  }
  const sortedDays = [...byDay.keys()].sort();
  // Never past today; "all time" (no fromDay) ends on the last day with a mint or burn.
  let toDay = params.toDay < params.today ? params.toDay : params.today;
  const lastDay = sortedDays.at(-1);
  if (params.fromDay === null && lastDay !== undefined && lastDay < toDay) toDay = lastDay;
  const firstDay = sortedDays[0] ?? toDay;
  const fromDay = params.fromDay === null || params.fromDay < firstDay ? firstDay : params.fromDay;

  const running = new Map<number, bigint>(chainIds.map((id) => [id, 0n]));
  const days: SupplyDayPoint[] = [];
  let provisionalFrom: string | null = null;
  // Nothing to plot when the range ends before the first mint (or there is none).
  const shown = sortedDays.length === 0 || fromDay > toDay ? [] : dayRange(fromDay, toDay);
  const walk = [...new Set([...sortedDays.filter((d) => d < fromDay), ...shown])].sort();
  for (const day of walk) {
    const point = emptyPoint(day);
    for (const r of byDay.get(day) ?? []) {
      running.set(r.chainId, (running.get(r.chainId) ?? 0n) + r.minted - r.burned);
      point.issuerMinted += r.minted - r.bminted;
      point.issuerBurned += r.burned - r.bburned;
      point.bridgeMinted += r.bminted;
      point.bridgeBurned += r.bburned;
      if (r.provisional && provisionalFrom === null) provisionalFrom = day;
    }
    if (day < fromDay || day > toDay) continue;
    for (const id of chainIds) point.supply[id] = running.get(id) ?? 0n;
    point.total = chainIds.reduce((acc, id) => acc + (running.get(id) ?? 0n), 0n);
    days.push(point);
  }
  return { chainIds, days, windows: issuanceWindows(rows, params.today), provisionalFrom };
}

type ParsedDayRow = {
  chainId: number;
  day: string;
  minted: bigint;
  burned: bigint;
  bminted: bigint;
  bburned: bigint;
  provisional: boolean;
};

function parseDayRow(r: DayRow): ParsedDayRow {
  return {
    chainId: r.chain_id,
    day: r.day,
    minted: BigInt(r.minted),
    burned: BigInt(r.burned),
    bminted: BigInt(r.bminted),
    bburned: BigInt(r.bburned),
    provisional: r.provisional,
  };
}

function zeroFlow(): IssuanceFlow {
  return { minted: 0n, burned: 0n, net: 0n };
}

function emptyPoint(day: string): SupplyDayPoint {
  return {
    day,
    supply: {},
    total: 0n,
    issuerMinted: 0n,
    issuerBurned: 0n,
    bridgeMinted: 0n,
    bridgeBurned: 0n,
  };
}

/** Issuance over the 1, 7 and 30 UTC days ending `today` (bounds computed once, not per row). */
function issuanceWindows(rows: readonly ParsedDayRow[], today: string): SupplySeries["windows"] {
  const w = { d1: zeroFlow(), d7: zeroFlow(), d30: zeroFlow() };
  const bounds = [
    [w.d1, minusDays(today, 1)],
    [w.d7, minusDays(today, 7)],
    [w.d30, minusDays(today, 30)],
  ] as const;
  for (const r of rows) {
    if (r.day > today) continue;
    const minted = r.minted - r.bminted;
    const burned = r.burned - r.bburned;
    for (const [flow, after] of bounds) {
      if (r.day > after) {
        flow.minted += minted;
        flow.burned += burned;
        flow.net += minted - burned;
      }
    }
  }
  return w;
}

/** Days from..to inclusive; a custom range is at most a century (validators), so this is bounded. */
function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) out.push(d);
  return out;
}
