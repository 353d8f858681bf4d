import { describe, expect, it } from "vitest";
import type { CorridorCell } from "@/db/queries/corridors";
import { buildCorridorMatrix, corridorRows, heatLevel, summarizeCorridors } from "./matrix";

const E18 = 10n ** 18n;
function cell(o: string, d: string, adjusted: bigint, over: Partial<CorridorCell> = {}): CorridorCell {
  return {
    originCountry: o,
    destinationCountry: d,
    transferCount: 10,
    volume: adjusted + 9n * E18,
    adjustedCount: 8,
    adjustedVolume: adjusted,
    intraEntityVolume: 2n * E18,
    bridgeVolume: 3n * E18,
    primaryCount: 1,
    primaryVolume: 4n * E18,
    ...over,
  };
}

const cells = [
  cell("AE", "PK", 1_000n * E18),
  cell("GB", "PK", 3_000n * E18),
  cell("ZZ", "PK", 9_000n * E18),
  cell("PK", "ZZ", 500n * E18),
  cell("PK", "PK", 100n * E18),
];

describe("buildCorridorMatrix", () => {
  it("orders countries by adjusted volume with Unattributed last, and totals rows and columns", () => {
    const m = buildCorridorMatrix(cells);
    expect(m.origins).toEqual(["GB", "AE", "PK", "ZZ"]);
    expect(m.destinations).toEqual(["PK", "ZZ"]);
    expect(m.rowTotal("PK")).toBe(600n * E18);
    expect(m.columnTotal("PK")).toBe(13_100n * E18);
    expect(m.total).toBe(13_600n * E18);
    expect(m.max).toBe(9_000n * E18);
    expect(m.cell("AE", "PK")?.adjustedVolume).toBe(1_000n * E18);
    expect(m.cell("AE", "ZZ")).toBeUndefined();
  });
});

describe("heatLevel", () => {
  it("shades by order of magnitude relative to the largest cell; zero is 0", () => {
    expect(heatLevel(0n, 300n)).toBe(0);
    expect(heatLevel(300n, 300n)).toBe(5);
    expect(heatLevel(100n, 300n)).toBe(5);
    expect(heatLevel(99n, 300n)).toBe(4);
    expect(heatLevel(30n, 300n)).toBe(4);
    expect(heatLevel(10n, 300n)).toBe(3);
    expect(heatLevel(3n, 300n)).toBe(2);
    expect(heatLevel(2n, 300n)).toBe(1);
    expect(heatLevel(5n, 0n)).toBe(0);
  });
});

describe("summarizeCorridors", () => {
  it("adds up counts, exclusions, unattributed volume and fees over configured corridors", () => {
    const rows = corridorRows(cells);
    const s = summarizeCorridors(rows);
    expect(s.adjustedVolume).toBe(13_600n * E18);
    expect(s.adjustedCount).toBe(40);
    expect(s.averageTicket).toBe(340n * E18);
    expect(s.excludedCount).toBe(10);
    expect(s.intraEntityVolume).toBe(10n * E18);
    expect(s.primaryVolume).toBe(20n * E18);
    expect(s.volume - s.adjustedVolume).toBe(s.intraEntityVolume + s.bridgeVolume + s.primaryVolume);
    expect(s.unattributedVolume).toBe(9_500n * E18);
    // AE→PK at 3% and GB→PK at 2.39%, minus 0.1% on-chain; ZZ and domestic have no estimate.
    expect(s.feesCoveredVolume).toBe(4_000n * E18);
    expect(s.feesSaved).toBe(29n * E18 + 3_000n * 229n * 10n ** 14n);
    expect(rows.find((r) => r.originCountry === "ZZ")?.fees).toBeNull();
  });
});
