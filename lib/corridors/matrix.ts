// The corridors view's model, computed from rollup cells: the origin × destination matrix (with
// heat levels), the headline totals and the fee estimate. Pure and exact (bigint throughout).
import { UNATTRIBUTED } from "@/db/schema/rollups";
import type { CorridorCell } from "@/db/queries/corridors";
import { CORRIDOR_COSTS, type CorridorCostConfig } from "@/lib/config/corridor-costs";
import { corridorKey } from "./attribution";
import { averageTicket, estimateFeesSaved, type FeeEstimate } from "./fees";

export type CorridorMatrix = {
  /** Countries by adjusted volume sent (largest first); "ZZ" always last. */
  origins: string[];
  destinations: string[];
  cell: (origin: string, destination: string) => CorridorCell | undefined;
  rowTotal: (origin: string) => bigint;
  columnTotal: (destination: string) => bigint;
  total: bigint;
  /** Largest adjusted volume of any cell (the top of the heat scale). */
  max: bigint;
};

function byVolumeZzLast(totals: Map<string, bigint>): string[] {
  return [...totals.entries()]
    .sort(([a, va], [b, vb]) => {
      if ((a === UNATTRIBUTED) !== (b === UNATTRIBUTED)) return a === UNATTRIBUTED ? 1 : -1;
      return va === vb ? a.localeCompare(b) : va > vb ? -1 : 1;
    })
    .map(([c]) => c);
}

export function buildCorridorMatrix(cells: readonly CorridorCell[]): CorridorMatrix {
  const byKey = new Map(cells.map((c) => [corridorKey(c.originCountry, c.destinationCountry), c]));
  const rows = new Map<string, bigint>();
  const cols = new Map<string, bigint>();
  let total = 0n;
  let max = 0n;
  for (const c of cells) {
    rows.set(c.originCountry, (rows.get(c.originCountry) ?? 0n) + c.adjustedVolume);
    cols.set(c.destinationCountry, (cols.get(c.destinationCountry) ?? 0n) + c.adjustedVolume);
    total += c.adjustedVolume;
    if (c.adjustedVolume > max) max = c.adjustedVolume;
  }
  return {
    origins: byVolumeZzLast(rows),
    destinations: byVolumeZzLast(cols),
    cell: (o, d) => byKey.get(corridorKey(o, d)),
    rowTotal: (o) => rows.get(o) ?? 0n,
    columnTotal: (d) => cols.get(d) ?? 0n,
    total,
    max,
  };
}

/**
 * Heat level 0..5 on an order-of-magnitude scale relative to the largest cell: one dominant
 * corridor (the issuer's distributions, say) must not wash every other cell out to the palest
 * shade. 5: at least a third of the largest; 4: a tenth; 3: a thirtieth; 2: a hundredth; 1: any.
 */
export function heatLevel(value: bigint, max: bigint): number {
  if (value <= 0n || max <= 0n) return 0;
  const steps = [3n, 10n, 30n, 100n];
  const i = steps.findIndex((k) => value * k >= max);
  return i === -1 ? 1 : 5 - i;
}

export type CorridorRow = CorridorCell & {
  averageTicket: bigint;
  /** transferCount − adjustedCount. */
  excludedCount: number;
  fees: FeeEstimate | null;
};

export function corridorRows(
  cells: readonly CorridorCell[],
  config: CorridorCostConfig = CORRIDOR_COSTS,
): CorridorRow[] {
  return cells.map((c) => ({
    ...c,
    averageTicket: averageTicket(c.adjustedVolume, c.adjustedCount),
    excludedCount: c.transferCount - c.adjustedCount,
    fees: estimateFeesSaved(c.originCountry, c.destinationCountry, c.adjustedVolume, config),
  }));
}

export type CorridorSummary = {
  transferCount: number;
  volume: bigint;
  adjustedCount: number;
  adjustedVolume: bigint;
  averageTicket: bigint;
  /** The exclusions (volume − adjusted volume = intra-entity + bridge + primary). */
  intraEntityVolume: bigint;
  bridgeVolume: bigint;
  primaryVolume: bigint;
  excludedCount: number;
  /** Adjusted volume with at least one unattributed side. */
  unattributedVolume: bigint;
  /** Σ fees saved over corridors with a configured cost, and the adjusted volume they cover. */
  feesSaved: bigint;
  feesCoveredVolume: bigint;
};

export function summarizeCorridors(rows: readonly CorridorRow[]): CorridorSummary {
  const s: CorridorSummary = {
    transferCount: 0,
    volume: 0n,
    adjustedCount: 0,
    adjustedVolume: 0n,
    averageTicket: 0n,
    intraEntityVolume: 0n,
    bridgeVolume: 0n,
    primaryVolume: 0n,
    excludedCount: 0,
    unattributedVolume: 0n,
    feesSaved: 0n,
    feesCoveredVolume: 0n,
  };
  for (const r of rows) {
    s.transferCount += r.transferCount;
    s.volume += r.volume;
    s.adjustedCount += r.adjustedCount;
    s.adjustedVolume += r.adjustedVolume;
    s.intraEntityVolume += r.intraEntityVolume;
    s.bridgeVolume += r.bridgeVolume;
    s.primaryVolume += r.primaryVolume;
    s.excludedCount += r.excludedCount;
    if (r.originCountry === UNATTRIBUTED || r.destinationCountry === UNATTRIBUTED) {
      s.unattributedVolume += r.adjustedVolume;
    }
    if (r.fees) {
      s.feesSaved += r.fees.saved;
      s.feesCoveredVolume += r.adjustedVolume;
    }
  }
  s.averageTicket = averageTicket(s.adjustedVolume, s.adjustedCount);
  return s;
}
