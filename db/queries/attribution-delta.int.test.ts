// Registry edits update only the changed addresses' rollup rows (attribution-delta.ts): after each
// kind of edit the corridor and daily-supply rollups equal a full recompute from raw transfers, to
// the wei, on a synthetic history with hot wallets, a treasury, bridge pools and a provisional tail.
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { addresses, dailyCorridorVolume, dailySupply, entities, tokenEvents } from "../schema";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { applyRegistryImport, inRegistryTransaction, updateEntity, upsertAddress } from "./registry-edit";
import { rebuildAttributionRollups } from "./rollups";
import { SYNTHETIC, syntheticAddress, writeSyntheticHistory } from "./synthetic-history";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_attr_delta"));
  await writeSyntheticHistory(handle.db, {
    transfers: 6_000,
    addresses: 400,
    registered: 100,
    days: 30,
    tailBlocks: 200,
    endDay: "2026-06-30",
  });
  // Chain 1's pool burns without their governor event: the token's older rule (a bridge-tagged
  // address burns) decides their bridge split, so registry tags move daily supply there.
  await handle.db
    .delete(tokenEvents)
    .where(and(eq(tokenEvents.kind, "bridge_burn"), eq(tokenEvents.chainId, 1)));
  await handle.db.transaction((tx) => rebuildAttributionRollups(tx));
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

async function rollups() {
  const corridors = await handle.db
    .select()
    .from(dailyCorridorVolume)
    .orderBy(
      asc(dailyCorridorVolume.chainId),
      asc(dailyCorridorVolume.day),
      asc(dailyCorridorVolume.originCountry),
      asc(dailyCorridorVolume.destinationCountry),
    );
  const supply = await handle.db
    .select()
    .from(dailySupply)
    .orderBy(asc(dailySupply.chainId), asc(dailySupply.day));
  return { corridors, supply };
}

/** The rollups as they stand, then as a full recompute gives them (rolled back). */
async function incrementalAndFull() {
  const incremental = await rollups();
  let full: Awaited<ReturnType<typeof rollups>> | undefined;
  await handle.db
    .transaction(async (tx) => {
      await rebuildAttributionRollups(tx);
      full = {
        corridors: await tx
          .select()
          .from(dailyCorridorVolume)
          .orderBy(
            asc(dailyCorridorVolume.chainId),
            asc(dailyCorridorVolume.day),
            asc(dailyCorridorVolume.originCountry),
            asc(dailyCorridorVolume.destinationCountry),
          ),
        supply: await tx.select().from(dailySupply).orderBy(asc(dailySupply.chainId), asc(dailySupply.day)),
      };
      tx.rollback();
    })
    .catch((err: unknown) => {
      if (!String((err as Error).message ?? err).includes("Rollback")) throw err;
    });
  return { incremental, full };
}

const entityId = async (name: string) =>
  (await handle.db.select({ id: entities.id }).from(entities).where(eq(entities.name, name)))[0]?.id ?? 0;

describe("registry edits update the rollups of the changed addresses only, exactly", () => {
  it("starts from rollups equal to a full recompute", async () => {
    const { incremental, full } = await incrementalAndFull();
    expect(incremental.corridors.length).toBeGreaterThan(50);
    expect(incremental).toEqual(full);
  });

  it("moving a hot wallet to another entity", async () => {
    const to = await entityId("Entity 40");
    const out = await inRegistryTransaction(handle.db, { rebuildRollups: true }, (tx) =>
      upsertAddress(tx, {
        entityId: to,
        chainId: 1,
        address: syntheticAddress(3) as `0x${string}`,
        label: "moved",
        tags: [],
      }),
    );
    expect(out.status).toBe("updated");
    const { incremental, full } = await incrementalAndFull();
    expect(incremental).toEqual(full);
  });

  it("changing an entity's country (every address of it)", async () => {
    const id = await entityId("Entity 7");
    await inRegistryTransaction(handle.db, { rebuildRollups: true }, (tx) =>
      updateEntity(tx, { id, name: "Entity 7", kind: "exchange", country: "FR", licenceStatus: "licensed" }),
    );
    const { incremental, full } = await incrementalAndFull();
    expect(incremental).toEqual(full);
  });

  it("untagging a bridge pool and tagging a customer bridge (the supply's bridge split moves too)", async () => {
    const supplyBefore = (await rollups()).supply;
    const pool = await entityId("Entity 2");
    await inRegistryTransaction(handle.db, { rebuildRollups: true }, async (tx) => {
      await upsertAddress(tx, {
        entityId: pool,
        chainId: 1,
        address: syntheticAddress(SYNTHETIC.pool) as `0x${string}`,
        label: null,
        tags: [],
      });
      await upsertAddress(tx, {
        entityId: pool,
        chainId: 56,
        address: syntheticAddress(SYNTHETIC.firstOrdinary + 5) as `0x${string}`,
        label: null,
        tags: ["bridge"],
      });
    });
    const { incremental, full } = await incrementalAndFull();
    expect(incremental).toEqual(full);
    expect(incremental.supply).not.toEqual(supplyBefore);
  });

  it("a CSV import of new and moved addresses", async () => {
    const rows = [10, 11, 12, 300, 301].map((n) => ({
      chainId: n % 2 === 0 ? 1 : 56,
      address: syntheticAddress(SYNTHETIC.firstOrdinary + n) as `0x${string}`,
      entityName: n < 100 ? "Imported Bank" : "Entity 9",
      kind: "bank" as const,
      country: "AE",
      licenceStatus: "licensed" as const,
      tags: n === 300 ? (["treasury"] as const).slice() : [],
    }));
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(addresses);
    await inRegistryTransaction(handle.db, { rebuildRollups: true }, (tx) => applyRegistryImport(tx, rows));
    const after = await handle.db.select({ n: sql<number>`count(*)::int` }).from(addresses);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 2);
    const { incremental, full } = await incrementalAndFull();
    expect(incremental).toEqual(full);
  });
});
