import { describe, expect, it } from "vitest";
import type { CorridorCell } from "@/db/queries/corridors";
import { corridorRows } from "./matrix";
import { corridorTablePage } from "./table-rows";

const E18 = 10n ** 18n;
const cell = (o: string, d: string, adjusted: bigint, primary: bigint): CorridorCell => ({
  originCountry: o,
  destinationCountry: d,
  transferCount: 10,
  volume: adjusted + 2n * E18 + 3n * E18 + primary,
  adjustedCount: 6,
  adjustedVolume: adjusted,
  intraEntityVolume: 2n * E18,
  bridgeVolume: 3n * E18,
  primaryCount: 2,
  primaryVolume: primary,
});

const query = {
  sort: { id: "adjusted" as const, desc: true },
  offset: 0,
  size: 10,
  fromDay: "2026-06-01",
  toDay: "2026-06-20",
};

describe("corridorTablePage", () => {
  it("carries each exclusion as exact wei: intra-entity, bridge and primary market", () => {
    const rows = corridorRows([cell("US", "AE", 5n * E18, 700n * E18), cell("AE", "PK", 900n * E18, 0n)]);
    const page = corridorTablePage(rows, query);
    expect(page.total).toBe(2);
    expect(
      page.rows.map((r) => [r.key, r.adjustedVolume, r.intraEntityVolume, r.bridgeVolume, r.primaryVolume]),
    ).toEqual([
      ["AE-PK", (900n * E18).toString(), (2n * E18).toString(), (3n * E18).toString(), "0"],
      ["US-AE", (5n * E18).toString(), (2n * E18).toString(), (3n * E18).toString(), (700n * E18).toString()],
    ]);
    // Raw volume = adjusted + every exclusion, per row.
    for (const r of page.rows) {
      const row = rows.find((x) => `${x.originCountry}-${x.destinationCountry}` === r.key);
      expect(
        BigInt(r.adjustedVolume) +
          BigInt(r.intraEntityVolume) +
          BigInt(r.bridgeVolume) +
          BigInt(r.primaryVolume),
      ).toBe(row?.volume);
    }
  });
});
