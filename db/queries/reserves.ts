// Reserves against native supply (issue #17): the collateral ratio per UTC day, and each reserve
// source's freshness. Reserves are the most recent figure as of the day's close from any source:
// an on-chain feed report (reserve_reports, by its reported time) or a confirmed attestation (at
// the close of its as-of day). Supply is native only: indexed chains whose token is native
// (lib/reserves/chains.ts), plus the latest entered figure per non-indexed native chain.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { chains } from "../schema/chain";
import { rowsOf } from "./sql-arrays";
import { getSupplySeries } from "./supply";
import { collateral, type SupplyPart } from "@/lib/reserves/math";
import { ENTERED_CHAIN_LABELS, isNativeTokenAddress, type EnteredSupplyChain } from "@/lib/reserves/chains";

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
const nextDay = (day: string) => dayOf(endOfDay(day));

export type ReserveFigure = {
  reservesWei: bigint;
  /** When the figure holds: the feed's reported time, or the close of an attestation's as-of day. */
  at: Date;
  kind: "feed" | "attestation";
  /** The source's label, or "custodian – report name". */
  label: string;
};

export type CollateralPoint = {
  day: string;
  reserves: ReserveFigure | null;
  supplyWei: bigint;
  indexedSupplyWei: bigint;
  enteredSupplyWei: bigint;
  /** reserves / supply, 1e18 fixed point rounded down; null without reserves or supply. */
  ratioE18: bigint | null;
  underCollateralised: boolean | null;
  /** Share of the supply from indexed chains, 1e18 fixed point rounded down. */
  coverageE18: bigint | null;
  /** Per chain: indexed chains by name, entered chains by their label. */
  parts: SupplyPart[];
};

export type GetCollateralSeriesParams = {
  /** First day; null = from the first day with supply. */
  fromDay: string | null;
  toDay: string;
  today: string;
};

type FeedRow = { day: string; reserves_wei: string; reported_at: Date; label: string };
type AttestationRow = { as_of: string; reserves_wei: string; custodian: string; report_name: string };
type EnteredRow = { chain: string; as_of: string; supply_wei: string };

/** The latest feed report per UTC day (by reported time) up to toDay. */
async function feedByDay(db: Db, toDay: string): Promise<FeedRow[]> {
  return rowsOf<FeedRow>(
    await db.execute(sql`
      select distinct on (1) (r.reported_at at time zone 'UTC')::date::text as day,
        r.reserves_wei::text as reserves_wei, r.reported_at, s.label
      from reserve_reports r join reserve_sources s on s.id = r.source_id
      where r.reported_at < ${endOfDay(toDay)}
      order by 1, r.reported_at desc, r.block_number desc, r.log_index desc`),
  );
}

async function confirmedAttestations(db: Db, toDay: string): Promise<AttestationRow[]> {
  return rowsOf<AttestationRow>(
    await db.execute(sql`
      select as_of::text as as_of, reserves_wei::text as reserves_wei, custodian, report_name
      from reserve_attestations
      where confirmed_at is not null and as_of <= ${toDay}::date
      order by as_of, id`),
  );
}

async function enteredUpTo(db: Db, toDay: string): Promise<EnteredRow[]> {
  return rowsOf<EnteredRow>(
    await db.execute(sql`
      select chain, as_of::text as as_of, supply_wei::text as supply_wei
      from entered_supply where as_of <= ${toDay}::date order by as_of, id`),
  );
}

/** Names of the indexed chains that count (native token), by chain id. */
async function nativeChains(db: Db): Promise<Map<number, string>> {
  const rows = await db
    .select({ id: chains.chainId, name: chains.name, token: chains.tokenAddress })
    .from(chains);
  return new Map(rows.filter((r) => isNativeTokenAddress(r.token)).map((r) => [r.id, r.name]));
}

function later(a: ReserveFigure | null, b: ReserveFigure | null): ReserveFigure | null {
  if (!a) return b;
  if (!b) return a;
  // On a tie the on-chain report wins (it is the fresher kind of evidence).
  return b.at.getTime() > a.at.getTime() || (b.at.getTime() === a.at.getTime() && b.kind === "feed") ? b : a;
}

/** One point per UTC day: reserves, native supply (indexed and entered), ratio and coverage. */
export async function getCollateralSeries(db: Db, p: GetCollateralSeriesParams): Promise<CollateralPoint[]> {
  const toDay = p.toDay < p.today ? p.toDay : p.today;
  const [native, supply, feeds, attestations, entered] = await Promise.all([
    nativeChains(db),
    getSupplySeries(db, { fromDay: null, toDay, today: p.today }),
    feedByDay(db, toDay),
    confirmedAttestations(db, toDay),
    enteredUpTo(db, toDay),
  ]);
  const firstDays = [supply.days[0]?.day, feeds[0]?.day, attestations[0]?.as_of, entered[0]?.as_of];
  const first = firstDays.filter((d): d is string => d !== undefined).sort()[0];
  if (first === undefined) return [];
  const fromDay = p.fromDay === null || p.fromDay < first ? first : p.fromDay;

  const supplyByDay = new Map(supply.days.map((d) => [d.day, d.supply]));
  let lastSupply: Record<number, bigint> = {};
  let feed: ReserveFigure | null = null;
  let attested: ReserveFigure | null = null;
  const enteredNow = new Map<string, bigint>();
  let fi = 0;
  let ai = 0;
  let ei = 0;
  const out: CollateralPoint[] = [];
  for (let day = first; day <= toDay; day = nextDay(day)) {
    lastSupply = supplyByDay.get(day) ?? lastSupply;
    for (; fi < feeds.length && feeds[fi]!.day <= day; fi++) {
      const f = feeds[fi]!;
      feed = {
        reservesWei: BigInt(f.reserves_wei),
        at: new Date(f.reported_at),
        kind: "feed",
        label: f.label,
      };
    }
    for (; ai < attestations.length && attestations[ai]!.as_of <= day; ai++) {
      const a = attestations[ai]!;
      attested = {
        reservesWei: BigInt(a.reserves_wei),
        at: endOfDay(a.as_of),
        kind: "attestation",
        label: `${a.custodian} – ${a.report_name}`,
      };
    }
    for (; ei < entered.length && entered[ei]!.as_of <= day; ei++) {
      enteredNow.set(entered[ei]!.chain, BigInt(entered[ei]!.supply_wei));
    }
    if (day < fromDay) continue;
    const parts: SupplyPart[] = [
      ...[...native].map(([id, name]) => ({ chain: name, supplyWei: lastSupply[id] ?? 0n, indexed: true })),
      ...[...enteredNow].map(([chain, wei]) => ({
        chain: ENTERED_CHAIN_LABELS[chain as EnteredSupplyChain] ?? chain,
        supplyWei: wei,
        indexed: false,
      })),
    ];
    const reserves = later(feed, attested);
    const c = collateral(reserves?.reservesWei ?? 0n, parts);
    out.push({
      day,
      reserves,
      supplyWei: c.supplyWei,
      indexedSupplyWei: c.indexedSupplyWei,
      enteredSupplyWei: c.enteredSupplyWei,
      ratioE18: reserves ? c.ratioE18 : null,
      underCollateralised: reserves && c.supplyWei > 0n ? c.underCollateralised : null,
      coverageE18: c.coverageE18,
      parts,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sources and their freshness

export type ReserveSourceStatus = {
  id: number;
  chainId: number;
  kind: "aggregator_v3" | "keystone_bundle" | "attestation";
  label: string;
  address: string | null;
  reports: number;
  latestReservesWei: bigint | null;
  latestAt: Date | null;
  /** Seconds since the latest figure (null: never reported). */
  ageSeconds: number | null;
  /** Highest block indexed for the source (null: not started; attestations have none). */
  indexedBlock: bigint | null;
};

type SourceRow = {
  id: number;
  chain_id: number;
  kind: "aggregator_v3" | "keystone_bundle";
  label: string;
  address: string;
  reports: number;
  reserves_wei: string | null;
  reported_at: Date | null;
  indexed_block: string | null;
};

/** Every configured feed (chain filter applies) and the attestations, with their latest figure. */
export async function getReserveSourcesStatus(
  db: Db,
  p: { chainId?: number | undefined; now: Date },
): Promise<ReserveSourceStatus[]> {
  const chainOnly = p.chainId === undefined ? sql`true` : sql`s.chain_id = ${p.chainId}`;
  const rows = rowsOf<SourceRow>(
    await db.execute(sql`
      select s.id, s.chain_id, s.kind, s.label, s.address,
        (select count(*)::int from reserve_reports r where r.source_id = s.id) as reports,
        l.reserves_wei::text as reserves_wei, l.reported_at,
        c.indexed_block::text as indexed_block
      from reserve_sources s
      left join lateral (
        select reserves_wei, reported_at from reserve_reports r where r.source_id = s.id
        order by r.reported_at desc, r.block_number desc, r.log_index desc limit 1
      ) l on true
      left join market_checkpoints c on c.target = 'reserve_source' and c.target_id = s.id
      where ${chainOnly}
      order by s.chain_id, s.id`),
  );
  const age = (at: Date | null) =>
    at ? Math.max(0, Math.floor((p.now.getTime() - at.getTime()) / 1000)) : null;
  const out: ReserveSourceStatus[] = rows.map((r) => {
    const at = r.reported_at ? new Date(r.reported_at) : null;
    return {
      id: r.id,
      chainId: r.chain_id,
      kind: r.kind,
      label: r.label,
      address: r.address,
      reports: Number(r.reports),
      latestReservesWei: r.reserves_wei === null ? null : BigInt(r.reserves_wei),
      latestAt: at,
      ageSeconds: age(at),
      indexedBlock: r.indexed_block === null ? null : BigInt(r.indexed_block),
    };
  });
  const [att] = rowsOf<{ n: number; as_of: string | null; reserves_wei: string | null }>(
    await db.execute(sql`
      select (select count(*)::int from reserve_attestations where confirmed_at is not null) as n,
        l.as_of::text as as_of, l.reserves_wei::text as reserves_wei
      from (select 1) one left join lateral (
        select as_of, reserves_wei from reserve_attestations where confirmed_at is not null
        order by as_of desc, id desc limit 1
      ) l on true`),
  );
  if (att && Number(att.n) > 0 && att.as_of) {
    const at = endOfDay(att.as_of);
    out.push({
      id: 0,
      chainId: 0,
      kind: "attestation",
      label: "Custodian attestations (confirmed)",
      address: null,
      reports: Number(att.n),
      latestReservesWei: att.reserves_wei === null ? null : BigInt(att.reserves_wei),
      latestAt: at,
      ageSeconds: age(at),
      indexedBlock: null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reports of each feed in a window (the monthly report's staleness figures)

export type SourceReportTimes = {
  id: number;
  chainId: number;
  label: string;
  address: string;
  /** The feed's last reported time before `since` (null: none). */
  before: Date | null;
  /** Reported times in [since, until), ascending. */
  times: Date[];
};

/** Every configured feed (chain filter applies) with its reported times in [since, until). */
export async function getSourceReportTimes(
  db: Db,
  p: { chainId?: number | undefined; since: Date; until: Date },
): Promise<SourceReportTimes[]> {
  const chainOnly = p.chainId === undefined ? sql`true` : sql`s.chain_id = ${p.chainId}`;
  const rows = rowsOf<{
    id: number;
    chain_id: number;
    label: string;
    address: string;
    before: Date | null;
    times: string[] | null;
  }>(
    await db.execute(sql`
      select s.id, s.chain_id, s.label, s.address,
        (select max(r.reported_at) from reserve_reports r
          where r.source_id = s.id and r.reported_at < ${p.since.toISOString()}::timestamptz) as before,
        (select array_agg(to_char(r.reported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            order by r.reported_at)
          from reserve_reports r
          where r.source_id = s.id and r.reported_at >= ${p.since.toISOString()}::timestamptz
            and r.reported_at < ${p.until.toISOString()}::timestamptz) as times
      from reserve_sources s
      where ${chainOnly}
      order by s.chain_id, s.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    chainId: r.chain_id,
    label: r.label,
    address: r.address,
    before: r.before ? new Date(r.before) : null,
    times: (r.times ?? []).map((t) => new Date(t)),
  }));
}
