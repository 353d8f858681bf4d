// Everything the monthly supervisory report shows, as plain serializable data (wei as decimal
// strings), computed by the views' own query functions so the printed figures match the screens:
// overview (getSupplyByChain, getLatestReconciliations, listKnownChains), supply (getNetworkFlows),
// corridors (getCorridorCells), reserves and peg (the Reserves & peg view's queries, in
// ./monthly-reserves), plus the export readers for the month's daily supply series, alerts and
// admin events.
import type { Db } from "@/db/client";
import { getCorridorCells, type CorridorCell } from "@/db/queries/corridors";
import { getSupplySeries, type SupplySeriesRow } from "@/db/queries/exports";
import {
  countAlertsByRuleAndStatus,
  listAdminEvents,
  listRuleVersions,
  type AdminEventRow,
} from "@/db/queries/exports-report";
import { getLatestReconciliations } from "@/db/queries/chain-status";
import { getSupplyByChain, listKnownChains, type ChainSupply } from "@/db/queries/overview";
import { getNetworkFlows } from "@/db/queries/supply";
import { ALERT_STATUSES } from "@/db/schema/monitoring";
import { RULES } from "@/lib/monitoring/rules";
import { loadReservesSection, type ReservesSectionData } from "./monthly-reserves";

export const TOP_CORRIDORS = 10;
export const ADMIN_EVENTS_SHOWN = 40;

export type SupplyFigures = {
  opening: string;
  closing: string;
  issuerMinted: string;
  issuerBurned: string;
  bridgeMinted: string;
  bridgeBurned: string;
  netIssuance: string;
};

export type MonthlyReportData = {
  exportId: string;
  generatedAt: string;
  generatedBy: string;
  period: { month: string; label: string; fromDay: string; toDay: string };
  scope: string;
  supply: {
    chains: (SupplyFigures & { chainId: number; name: string; rolledUpBlock: string | null })[];
    total: SupplyFigures;
    /** Summed over the chains in scope. */
    daily: { day: string; closing: string; netIssuance: string }[];
  };
  /** As on the overview screen at generation time (rollups plus the unfinalized tail). */
  position: {
    total: string;
    chains: { chainId: number; name: string; supply: string }[];
    netIssuance: string;
    inTransit: string;
    poolHeld: string;
  };
  reconciliation: {
    chainId: number;
    name: string;
    blockNumber: string;
    indexed: string;
    onchain: string;
    difference: string;
    matches: boolean;
    checkedAt: string;
  }[];
  reserves: ReservesSectionData;
  corridors: {
    top: {
      origin: string;
      destination: string;
      adjustedVolume: string;
      adjustedCount: number;
      volume: string;
    }[];
    adjustedTotal: string;
    volumeTotal: string;
  };
  /** Null when monitoring has never run on this database. */
  alerts: null | {
    statuses: string[];
    rows: {
      ruleId: string;
      title: string;
      counts: Record<string, number>;
      total: number;
      versions: string;
    }[];
  };
  adminEvents: { rows: AdminEventRow[]; total: number };
  rules:
    | null
    | {
        ruleId: string;
        title: string;
        enabled: boolean;
        version: number;
        logicVersion: number;
        updatedAt: string;
      }[];
};

export type LoadMonthlyReportParams = {
  /** "YYYY-MM" (UTC). */
  month: string;
  chainId?: number | undefined;
  exportId: string;
  generatedAt: Date;
  generatedBy: string;
};

/** First and last day of a "YYYY-MM" month, and [since, until) as instants. */
export function monthBounds(month: string): {
  fromDay: string;
  toDay: string;
  since: Date;
  until: Date;
  label: string;
} {
  const since = new Date(`${month}-01T00:00:00Z`);
  const until = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + 1, 1));
  const toDay = new Date(until.getTime() - 86_400_000).toISOString().slice(0, 10);
  const label = since.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return { fromDay: `${month}-01`, toDay, since, until, label };
}

const sum = (xs: string[]) => xs.reduce((a, x) => a + BigInt(x), 0n).toString();
const TITLES = new Map(RULES.map((r) => [r.id as string, { title: r.title, logicVersion: r.logicVersion }]));

export async function loadMonthlyReportData(db: Db, p: LoadMonthlyReportParams): Promise<MonthlyReportData> {
  const period = monthBounds(p.month);
  const scopeFilter = { chainId: p.chainId };
  const chains = await listKnownChains(db);
  const series = await getSupplySeries(db, {
    fromDay: period.fromDay,
    toDay: period.toDay,
    chainId: p.chainId,
  });
  const supplyNow = await getSupplyByChain(db, scopeFilter);
  const flows = await getNetworkFlows(db, scopeFilter);
  const reconciliations = await getLatestReconciliations(db, scopeFilter);
  const cells = await getCorridorCells(db, { from: period.fromDay, to: period.toDay, chainId: p.chainId });
  const periodQuery = { since: period.since, until: period.until, chainId: p.chainId };
  const alertCounts = await countAlertsByRuleAndStatus(db, periodQuery);
  const adminEvents = await listAdminEvents(db, { ...periodQuery, limit: ADMIN_EVENTS_SHOWN });
  const ruleRows = await listRuleVersions(db);
  const reserves = await loadReservesSection(db, {
    ...period,
    chainId: p.chainId,
    generatedAt: p.generatedAt,
  });
  const nameOf = (id: number) => chains.find((c) => c.chainId === id)?.name ?? `Chain ${id}`;

  return {
    exportId: p.exportId,
    generatedAt: p.generatedAt.toISOString(),
    generatedBy: p.generatedBy,
    period: { month: p.month, label: period.label, fromDay: period.fromDay, toDay: period.toDay },
    scope: p.chainId === undefined ? "All chains" : `${nameOf(p.chainId)} (chain ${p.chainId})`,
    supply: supplySection(series, supplyNow.chains),
    position: {
      total: supplyNow.total.toString(),
      chains: supplyNow.chains.map((c) => ({
        chainId: c.chainId,
        name: c.name,
        supply: c.supply.toString(),
      })),
      netIssuance: flows.netIssuance.toString(),
      inTransit: flows.inTransit.toString(),
      poolHeld: flows.poolHeld.toString(),
    },
    reconciliation: reconciliations.map((r) => ({
      chainId: r.chainId,
      name: nameOf(r.chainId),
      blockNumber: r.blockNumber.toString(),
      indexed: r.indexedSupply.toString(),
      onchain: r.onchainSupply.toString(),
      difference: r.difference.toString(),
      matches: r.matches,
      checkedAt: new Date(r.checkedAt).toISOString(),
    })),
    reserves,
    corridors: corridorSection(cells),
    alerts: alertCounts && alertTable(alertCounts),
    adminEvents,
    rules:
      ruleRows &&
      ruleRows.map((r) => ({
        ...r,
        title: TITLES.get(r.ruleId)?.title ?? r.ruleId,
        logicVersion: TITLES.get(r.ruleId)?.logicVersion ?? 0,
      })),
  };
}

/** Per chain: opening and closing supply of the month, issuance and bridge flows; plus totals and the daily series. */
function supplySection(series: SupplySeriesRow[], chainsNow: ChainSupply[]): MonthlyReportData["supply"] {
  const chains = chainsNow.map((c) => {
    const rows = series.filter((r) => r.chainId === c.chainId);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const opening = first
      ? (BigInt(first.closingSupply) - BigInt(first.minted) + BigInt(first.burned)).toString()
      : "0";
    return {
      chainId: c.chainId,
      name: c.name,
      rolledUpBlock: c.rolledUpBlock === null ? null : c.rolledUpBlock.toString(),
      opening,
      closing: last?.closingSupply ?? opening,
      issuerMinted: sum(rows.map((r) => r.issuerMinted)),
      issuerBurned: sum(rows.map((r) => r.issuerBurned)),
      bridgeMinted: sum(rows.map((r) => r.bridgeMinted)),
      bridgeBurned: sum(rows.map((r) => r.bridgeBurned)),
      netIssuance: sum(rows.map((r) => r.netIssuance)),
    };
  });
  const keys = [
    "opening",
    "closing",
    "issuerMinted",
    "issuerBurned",
    "bridgeMinted",
    "bridgeBurned",
    "netIssuance",
  ] as const;
  const total = Object.fromEntries(keys.map((k) => [k, sum(chains.map((c) => c[k]))])) as SupplyFigures;
  const days = [...new Set(series.map((r) => r.day))];
  const daily = days.map((day) => {
    const rows = series.filter((r) => r.day === day);
    return {
      day,
      closing: sum(rows.map((r) => r.closingSupply)),
      netIssuance: sum(rows.map((r) => r.netIssuance)),
    };
  });
  return { chains, total, daily };
}

/** The top corridors by adjusted volume, and the period's totals over every corridor. */
function corridorSection(cells: CorridorCell[]): MonthlyReportData["corridors"] {
  const top = [...cells]
    .filter((c) => c.adjustedVolume > 0n)
    .sort((x, y) => (y.adjustedVolume > x.adjustedVolume ? 1 : y.adjustedVolume < x.adjustedVolume ? -1 : 0))
    .slice(0, TOP_CORRIDORS);
  return {
    top: top.map((c) => ({
      origin: c.originCountry,
      destination: c.destinationCountry,
      adjustedVolume: c.adjustedVolume.toString(),
      adjustedCount: c.adjustedCount,
      volume: c.volume.toString(),
    })),
    adjustedTotal: sum(cells.map((c) => c.adjustedVolume.toString())),
    volumeTotal: sum(cells.map((c) => c.volume.toString())),
  };
}

function alertTable(counts: NonNullable<Awaited<ReturnType<typeof countAlertsByRuleAndStatus>>>) {
  const statuses = ALERT_STATUSES.filter((s) => counts.some((c) => c.status === s));
  const ruleIds = RULES.map((r) => r.id as string).filter((id) => counts.some((c) => c.ruleId === id));
  return {
    statuses,
    rows: ruleIds.map((ruleId) => {
      const mine = counts.filter((c) => c.ruleId === ruleId);
      const versions = [...new Set(mine.flatMap((c) => c.ruleVersions))].sort((a, b) => a - b);
      return {
        ruleId,
        title: TITLES.get(ruleId)?.title ?? ruleId,
        counts: Object.fromEntries(mine.map((c) => [c.status, c.count])),
        total: mine.reduce((a, c) => a + c.count, 0),
        versions: versions.map((v) => `v${v}`).join(", "),
      };
    }),
  };
}
