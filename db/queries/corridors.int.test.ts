// The corridor rollup (SQL) against the pure attribution rules (lib/corridors/attribution.ts) on a
// fixture that hits every rule, and the transactions query against the rollup: the transfers
// listed behind a corridor cell must add up to the cell, to the wei.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addToCorridor,
  attributeTransfer,
  corridorKey,
  emptyCorridorTotals,
  type CorridorTotals,
} from "@/lib/corridors/attribution";
import type { DbHandle } from "../client";
import { dailyCorridorVolume, dailySupply } from "../schema";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import {
  FX,
  fixtureGovernors,
  fixtureLookup,
  isFixtureBridgeTx,
  ROLLED_UP,
  seedCorridorFixture,
  utcDay,
  type FixtureTransfer,
} from "../testing/corridor-fixture";
import { getCorridorCells, getCorridorCoverage, getInboundSeries } from "./corridors";
import { advanceRollups, rebuildAttributionRollups } from "./rollups";
import { COPY_WORK_MEM } from "./copy-out";
import { streamTransactionExport, transactionExportQuery } from "./exports";
import { rowsOf } from "./sql-arrays";
import { decodeTransactionCursor, listTransactions, type TransactionFilter } from "./transactions";

let handle: DbHandle;
let database: TestDatabase;
let rows: FixtureTransfer[];

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_corridors"));
  rows = await seedCorridorFixture(handle.db);
  await handle.db.transaction((tx) => rebuildAttributionRollups(tx));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

function isFinal(t: FixtureTransfer): boolean {
  return t.blockNumber <= ROLLED_UP[t.chainId as 1 | 2];
}

/** The reference rules on fixture row i (its bridge flag comes from the governor events seeded). */
function attribute(t: FixtureTransfer, i: number) {
  return attributeTransfer(
    { chainId: t.chainId, from: t.fromAddress, to: t.toAddress, bridgeTx: isFixtureBridgeTx(t, i) },
    fixtureLookup(),
    fixtureGovernors(),
  );
}

/** The rollup recomputed in TypeScript: chain|day|origin|destination → totals. */
function expectedRollup(): Map<string, CorridorTotals> {
  const out = new Map<string, CorridorTotals>();
  for (const [i, t] of rows.entries()) {
    if (t.kind !== "transfer" || !isFinal(t)) continue;
    const a = attribute(t, i);
    const key = `${t.chainId}|${utcDay(t.blockTime)}|${corridorKey(a.origin, a.destination)}`;
    out.set(key, addToCorridor(out.get(key) ?? emptyCorridorTotals(), a, t.amount));
  }
  return out;
}

async function storedRollup(): Promise<Map<string, CorridorTotals>> {
  const stored = await handle.db.select().from(dailyCorridorVolume);
  return new Map(
    stored.map((r) => [
      `${r.chainId}|${r.day}|${corridorKey(r.originCountry, r.destinationCountry)}`,
      {
        transferCount: r.transferCount,
        volume: r.volume,
        adjustedCount: r.adjustedCount,
        adjustedVolume: r.adjustedVolume,
        intraEntityVolume: r.intraEntityVolume,
        bridgeVolume: r.bridgeVolume,
        primaryCount: r.primaryCount,
        primaryVolume: r.primaryVolume,
      },
    ]),
  );
}

describe("corridor attribution", () => {
  it("the fixture exercises every rule", () => {
    const seen = [...rows.entries()]
      .filter(([, t]) => t.kind === "transfer")
      .map(([i, t]) => attribute(t, i));
    const pool = (t: FixtureTransfer) => t.fromAddress === FX.pool || t.toAddress === FX.pool;
    const governor = (t: FixtureTransfer) => t.fromAddress === FX.governor || t.toAddress === FX.governor;
    expect(seen.some((a) => a.intra && !a.bridge && !a.primary)).toBe(true);
    expect(seen.some((a) => a.bridge)).toBe(true);
    // A bridge hop by the governor event alone (no pool side), and one through the governor.
    expect(rows.some((t, i) => isFixtureBridgeTx(t, i) && !pool(t) && isFinal(t))).toBe(true);
    expect(rows.some((t, i) => isFixtureBridgeTx(t, i) && governor(t) && isFinal(t))).toBe(true);
    // Primary market through the treasury tag and through the governor (on chain 1 only).
    expect(seen.some((a) => a.primary && !a.bridge && a.origin === "US")).toBe(true);
    expect(rows.some((t, i) => t.chainId === 1 && governor(t) && attribute(t, i).primary && isFinal(t))).toBe(
      true,
    );
    expect(rows.some((t, i) => t.chainId === 2 && governor(t) && attribute(t, i).adjusted)).toBe(true);
    expect(seen.some((a) => a.intra && a.primary && !a.bridge)).toBe(true);
    expect(seen.some((a) => a.origin === "ZZ")).toBe(true);
    expect(seen.some((a) => a.origin === "AE" && a.destination === "PK" && a.adjusted)).toBe(true);
    expect(rows.some((t) => !isFinal(t))).toBe(true);
  });

  it("the SQL rollup equals the reference rules, cell by cell, to the wei", async () => {
    const want = expectedRollup();
    const got = await storedRollup();
    expect(got.size).toBe(want.size);
    for (const [key, totals] of want) expect(got.get(key), key).toEqual(totals);
  });

  it("incremental rollups (the indexer's path) give the same table as a rebuild", async () => {
    const rebuilt = await storedRollup();
    await handle.db.transaction(async (tx) => {
      await tx.delete(dailyCorridorVolume).where(sql`true`);
      // advanceRollups folds supply too: start it from empty, as the indexer does, so the
      // database stays consistent for the tests after this one (transfer counts read it).
      await tx.delete(dailySupply).where(sql`true`);
      for (const [chainId, to] of Object.entries(ROLLED_UP)) {
        // Two steps per chain: the upsert must add, not overwrite.
        await advanceRollups(tx, { chainId: Number(chainId), from: 0n, to: 140n });
        await advanceRollups(tx, { chainId: Number(chainId), from: 140n, to });
      }
    });
    // advanceRollups also folds balances and supply; only the corridor table is compared here.
    expect(await storedRollup()).toEqual(rebuilt);
  });
});

describe("corridor queries", () => {
  it("cells sum the rollup over days and chains; the coverage spans it", async () => {
    const coverage = await getCorridorCoverage(handle.db);
    expect(coverage).toEqual({ firstDay: "2025-05-01", lastDay: "2025-05-02" });
    const cells = await getCorridorCells(handle.db, { from: "2025-05-01", to: "2025-05-02" });
    const want = new Map<string, CorridorTotals>();
    for (const [key, totals] of expectedRollup()) {
      const pair = key.split("|")[2] as string;
      const acc = want.get(pair) ?? emptyCorridorTotals();
      want.set(pair, {
        transferCount: acc.transferCount + totals.transferCount,
        volume: acc.volume + totals.volume,
        adjustedCount: acc.adjustedCount + totals.adjustedCount,
        adjustedVolume: acc.adjustedVolume + totals.adjustedVolume,
        intraEntityVolume: acc.intraEntityVolume + totals.intraEntityVolume,
        bridgeVolume: acc.bridgeVolume + totals.bridgeVolume,
        primaryCount: acc.primaryCount + totals.primaryCount,
        primaryVolume: acc.primaryVolume + totals.primaryVolume,
      });
    }
    expect(cells).toHaveLength(want.size);
    for (const c of cells) {
      const { originCountry, destinationCountry, ...totals } = c;
      expect(totals).toEqual(want.get(corridorKey(originCountry, destinationCountry)));
    }
  });

  it("the inbound series leaves out domestic flows and keeps unattributed senders", async () => {
    const series = await getInboundSeries(handle.db, {
      from: "2025-05-01",
      to: "2025-05-02",
      destination: "PK",
      chainId: 1,
    });
    expect(series.every((p) => p.originCountry !== "PK")).toBe(true);
    expect(series.some((p) => p.originCountry === "ZZ")).toBe(true);
    const stored = await handle.db.select().from(dailyCorridorVolume);
    const want = stored
      .filter((r) => r.chainId === 1 && r.destinationCountry === "PK" && r.originCountry !== "PK")
      .reduce((s, r) => s + r.adjustedVolume, 0n);
    expect(series.reduce((s, p) => s + p.adjustedVolume, 0n)).toBe(want);
  });

  it("the inbound series per week or month sums the days of each bucket exactly", async () => {
    const range = { from: "2025-04-01", to: "2025-06-30", destination: "PK" };
    const daily = await getInboundSeries(handle.db, range);
    expect(new Set(daily.map((p) => p.day))).toEqual(new Set(["2025-05-01", "2025-05-02"]));
    const perOrigin = new Map<string, { adjustedCount: number; adjustedVolume: bigint }>();
    for (const p of daily) {
      const t = perOrigin.get(p.originCountry) ?? { adjustedCount: 0, adjustedVolume: 0n };
      perOrigin.set(p.originCountry, {
        adjustedCount: t.adjustedCount + p.adjustedCount,
        adjustedVolume: t.adjustedVolume + p.adjustedVolume,
      });
    }
    // 2025-05-01 and -02 are a Thursday and a Friday: one ISO week from Monday 2025-04-28, one month.
    for (const [bucket, day] of [
      ["week", "2025-04-28"],
      ["month", "2025-05-01"],
    ] as const) {
      const series = await getInboundSeries(handle.db, { ...range, bucket });
      expect(series, bucket).toEqual(
        [...perOrigin.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([originCountry, t]) => ({ day, originCountry, ...t })),
      );
    }
  });
});

describe("drill-down: transactions behind a corridor cell", () => {
  it("every cell's adjusted, intra-entity, bridge and primary transfers add up to the cell", async () => {
    const cells = await getCorridorCells(handle.db, { from: "2025-05-01", to: "2025-05-01" });
    expect(cells.length).toBeGreaterThan(5);
    for (const cell of cells) {
      const base: TransactionFilter = {
        origin: cell.originCountry,
        destination: cell.destinationCountry,
        since: new Date("2025-05-01T00:00:00Z"),
        until: new Date("2025-05-02T00:00:00Z"),
        finalizedOnly: true,
      };
      const list = (f: TransactionFilter) =>
        listTransactions(handle.db, { ...base, ...f, sort: "time", dir: "desc", limit: 1000, offset: 0 });
      const sum = (r: { amount: bigint }[]) => r.reduce((s, x) => s + x.amount, 0n);
      const adjusted = await list({ flow: "adjusted" });
      const label = corridorKey(cell.originCountry, cell.destinationCountry);
      expect(adjusted.total, label).toBe(cell.adjustedCount);
      expect(sum(adjusted.rows), label).toBe(cell.adjustedVolume);
      expect(adjusted.totalAmount, label).toBe(cell.adjustedVolume);
      expect(sum((await list({ flow: "intra" })).rows), label).toBe(cell.intraEntityVolume);
      expect(sum((await list({ flow: "bridge" })).rows), label).toBe(cell.bridgeVolume);
      const primary = await list({ flow: "primary" });
      expect(primary.total, label).toBe(cell.primaryCount);
      expect(sum(primary.rows), label).toBe(cell.primaryVolume);
      expect(cell.volume - cell.adjustedVolume, label).toBe(
        cell.intraEntityVolume + cell.bridgeVolume + cell.primaryVolume,
      );
      const all = await list({});
      expect(all.total, label).toBe(cell.transferCount);
      expect(sum(all.rows), label).toBe(cell.volume);
    }
  });

  it("without finalizedOnly the list also shows blocks the rollup does not cover yet", async () => {
    const f = {
      since: new Date("2025-05-02T00:00:00Z"),
      until: new Date("2025-05-03T00:00:00Z"),
      kind: "transfer" as const,
    };
    const all = await listTransactions(handle.db, { ...f, sort: "time", dir: "desc", limit: 1, offset: 0 });
    const final = await listTransactions(handle.db, {
      ...f,
      finalizedOnly: true,
      sort: "time",
      dir: "desc",
      limit: 1,
      offset: 0,
    });
    const want = rows.filter((t) => t.kind === "transfer" && utcDay(t.blockTime) === "2025-05-02");
    expect(all.total).toBe(want.length);
    expect(final.total).toBe(want.filter(isFinal).length);
    expect(final.total).toBeLessThan(all.total);
  });
});

describe("transactions query", () => {
  const page = { sort: "time" as const, dir: "desc" as const, limit: 500, offset: 0 };

  it("filters by address (either side), hash, kind, amount range, entity and country", async () => {
    const [probe] = rows.filter((t) => t.kind === "transfer" && t.fromAddress !== t.toAddress);
    if (!probe) throw new Error("no transfer in the fixture");
    const byAddr = await listTransactions(handle.db, { ...page, address: probe.toAddress });
    expect(byAddr.total).toBe(
      rows.filter((t) => t.fromAddress === probe.toAddress || t.toAddress === probe.toAddress).length,
    );
    const byHash = await listTransactions(handle.db, { ...page, txHash: probe.txHash });
    expect(byHash.rows.map((r) => [r.txHash, r.amount])).toEqual([[probe.txHash, probe.amount]]);

    const min = 10_000n * 10n ** 18n;
    const max = 20_000n * 10n ** 18n;
    const ranged = await listTransactions(handle.db, {
      ...page,
      kind: "mint",
      minAmount: min,
      maxAmount: max,
    });
    expect(ranged.total).toBe(
      rows.filter((t) => t.kind === "mint" && t.amount >= min && t.amount <= max).length,
    );

    const gb = await listTransactions(handle.db, { ...page, country: "GB", chainId: 2 });
    expect(gb.total).toBe(
      rows.filter((t, i) => {
        if (t.chainId !== 2) return false;
        const a = attribute(t, i);
        return a.origin === "GB" || a.destination === "GB";
      }).length,
    );
    expect(
      gb.rows.every((r) => r.fromEntity === "UK Fixture Remit" || r.toEntity === "UK Fixture Remit"),
    ).toBe(true);
  });

  it("sorts by amount and pages without overlap", async () => {
    const sorted = {
      ...page,
      sort: "amount" as const,
      dir: "asc" as const,
      kind: "transfer" as const,
      limit: 25,
    };
    const p1 = await listTransactions(handle.db, sorted);
    const p2 = await listTransactions(handle.db, { ...sorted, offset: 25 });
    const amounts = [...p1.rows, ...p2.rows].map((r) => r.amount);
    expect(amounts).toEqual([...amounts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    const keys = new Set([...p1.rows, ...p2.rows].map((r) => `${r.chainId}:${r.txHash}:${r.logIndex}`));
    expect(keys.size).toBe(50);
  });

  it("keyset pages (next / previous cursors) are the offset pages, in both sorts and directions", async () => {
    const id = (r: { chainId: number; txHash: string; logIndex: number }) =>
      `${r.chainId}:${r.txHash}:${r.logIndex}`;
    for (const sort of ["time", "amount"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const q = { ...page, sort, dir, kind: "transfer" as const, limit: 25 };
        const all = (await listTransactions(handle.db, { ...q, limit: 1000 })).rows.map(id);
        expect(all.length).toBeGreaterThan(60);
        const forward: string[][] = [];
        let p = await listTransactions(handle.db, q);
        expect(p.previous).toBeNull();
        forward.push(p.rows.map(id));
        while (p.next) {
          p = await listTransactions(handle.db, { ...q, after: decodeTransactionCursor(sort, p.next)! });
          forward.push(p.rows.map(id));
        }
        expect(forward.flat(), `${sort} ${dir}`).toEqual(all);
        expect(forward.slice(0, -1).every((rows) => rows.length === 25)).toBe(true);
        // Back from the last page to the first through the previous cursors.
        const backward: string[][] = [p.rows.map(id)];
        while (p.previous) {
          p = await listTransactions(handle.db, { ...q, before: decodeTransactionCursor(sort, p.previous)! });
          backward.unshift(p.rows.map(id));
        }
        expect(backward, `${sort} ${dir}`).toEqual(forward);
        // An offset page knows its neighbours too.
        const third = await listTransactions(handle.db, { ...q, offset: 50 });
        expect(third.rows.map(id)).toEqual(forward[2]);
        expect(third.previous).not.toBeNull();
        const second = await listTransactions(handle.db, {
          ...q,
          before: decodeTransactionCursor(sort, third.previous!)!,
        });
        expect(second.rows.map(id)).toEqual(forward[1]);
      }
    }
  });

  it("the export's set-membership flags (attribution.bulk) are the reference rules on every row", async () => {
    const want = new Map(
      rows.map((t, i) => {
        const a = attribute(t, i);
        return [`${t.chainId}|${t.txHash}|${t.logIndex}`, { bridge: a.bridge, primary: a.primary }] as const;
      }),
    );
    for (const mode of ["copy", "keyset"] as const) {
      const got = new Map<string, { bridge: boolean; primary: boolean }>();
      for await (const batch of streamTransactionExport(handle.db, { filter: {}, asOf: new Date(), mode }))
        for (const r of batch)
          got.set(`${r.chainId}|${r.txHash}|${r.logIndex}`, { bridge: r.bridge, primary: r.primary });
      expect(got.size, mode).toBe(rows.length);
      expect(got, mode).toEqual(want);
    }
    // The COPY statement hashes the sets once (no subquery run per row) under the COPY session's work_mem.
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local work_mem = '${COPY_WORK_MEM}'`));
      const result = await tx.execute(
        sql`explain (verbose) ${transactionExportQuery({ filter: {}, asOf: new Date() })}`,
      );
      return rowsOf<{ "QUERY PLAN": string }>(result)
        .map((r) => r["QUERY PLAN"])
        .join("\n");
    });
    expect(plan.match(/^\s*SubPlan \d+$/gm)).toHaveLength(3);
    for (const n of [1, 2, 3]) expect(plan).toContain(`(hashed SubPlan ${n})`);
    expect(plan).not.toMatch(/\(SubPlan \d+\)/);
    // Each flag is set on some rows and clear on others: the comparison above can fail.
    expect([...want.values()].filter((f) => f.bridge).length).toBeGreaterThan(0);
    expect([...want.values()].filter((f) => f.primary && !f.bridge).length).toBeGreaterThan(0);
    expect([...want.values()].filter((f) => !f.primary && !f.bridge).length).toBeGreaterThan(0);
  });

  it("streams every matching row once, oldest first, in keyset batches", async () => {
    const batches: number[] = [];
    const seen: string[] = [];
    const stream = streamTransactionExport(handle.db, {
      filter: { chainId: 1 },
      asOf: new Date(),
      batchSize: 7,
      mode: "keyset",
    });
    for await (const batch of stream) {
      batches.push(batch.length);
      seen.push(...batch.map((r) => `${r.blockTime}|${r.blockNumber}|${r.logIndex}`));
    }
    const want = rows.filter((t) => t.chainId === 1);
    expect(seen).toHaveLength(want.length);
    expect(new Set(seen).size).toBe(want.length);
    expect(seen).toEqual([...seen].sort());
    expect(Math.max(...batches)).toBe(7);
  });
});
