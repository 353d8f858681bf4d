// Registry writes against real Postgres: the CSV import applies exactly or not at all, and every
// attribution change moves the corridor rollups in the same transaction.
import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { listAuditLog } from "@/db/queries/audit";
import { getEntity, listEntitiesPage } from "@/db/queries/registry";
import { createEntity, inRegistryTransaction, updateEntity, upsertAddress } from "@/db/queries/registry-edit";
import { rebuildAttributionRollups } from "@/db/queries/rollups";
import { addresses, dailyCorridorVolume, entities, indexerCheckpoints, transfers } from "@/db/schema";
import { openTestDb } from "@/db/testing/test-db";
import { importRegistryFile } from "./import-file";

const CHAIN = 31337;
const E18 = 10n ** 18n;
const ADDR = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const SENDER = ADDR(0xa1);
const RECEIVER = ADDR(0xb2);
/** Never transacts: attributing it must not change any rollup figure. */
const IDLE = ADDR(0xc3);
const HEADER = "chain_id,address,entity_name,kind,country,licence_status,tags";
const ACTOR = { id: "u-admin", email: "admin@test.local", role: "admin" };

let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const { handle, database } = await openTestDb("usd1_test_registry");
  db = handle.db;
  cleanup = async () => {
    await handle.close();
    await database.drop();
  };
});
afterAll(async () => cleanup?.());

/** Two transfers SENDER → RECEIVER: one final (block 10), one above rolled_up_block (block 150). */
beforeEach(async () => {
  await db.execute(
    sql`truncate transfers, addresses, entities, daily_corridor_volume, daily_supply, indexer_checkpoints restart identity cascade`,
  );
  await db.insert(indexerCheckpoints).values({ chainId: CHAIN, indexedBlock: 150n, rolledUpBlock: 100n });
  const base = { chainId: CHAIN, fromAddress: SENDER, toAddress: RECEIVER, kind: "transfer" as const };
  await db.insert(transfers).values([
    { ...base, blockNumber: 10n, blockTime: new Date("2026-06-01T10:00:00Z"), txHash: `0x${"1".repeat(64)}`, logIndex: 0, amount: 250n * E18 },
    { ...base, blockNumber: 150n, blockTime: new Date("2026-06-02T10:00:00Z"), txHash: `0x${"2".repeat(64)}`, logIndex: 0, amount: 7n * E18 },
  ]); // prettier-ignore
  await rebuildAttributionRollups(db);
});

async function corridors() {
  const rows = await db
    .select({
      day: dailyCorridorVolume.day,
      origin: dailyCorridorVolume.originCountry,
      destination: dailyCorridorVolume.destinationCountry,
      volume: dailyCorridorVolume.volume,
      count: dailyCorridorVolume.transferCount,
    })
    .from(dailyCorridorVolume)
    .orderBy(asc(dailyCorridorVolume.day), asc(dailyCorridorVolume.originCountry));
  return rows.map((r) => `${r.day} ${r.origin}->${r.destination} ${r.count} ${r.volume}`);
}

/** Everything the registry holds, ids included: "nothing changed" means equal snapshots. */
async function snapshot() {
  return {
    entities: await db.select().from(entities).orderBy(asc(entities.id)),
    addresses: await db.select().from(addresses).orderBy(asc(addresses.chainId), asc(addresses.address)),
    corridors: await corridors(),
  };
}

const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join("\n"));

describe("registry CSV import", () => {
  it("applies a good file exactly, moves the corridor from ZZ to the countries, and audits it", async () => {
    expect(await corridors()).toEqual([`2026-06-01 ZZ->ZZ 1 ${250n * E18}`]);
    const bytes = csv(
      `${CHAIN},${SENDER},Najd Exchange Co.,exchange,SA,licensed,hot_wallet`,
      `${CHAIN},${RECEIVER},Indus Digital Exchange,exchange,PK,pending,customer;hot_wallet`,
      `${CHAIN},${IDLE},Indus Digital Exchange,exchange,PK,pending,`,
    );
    const { outcome, message } = await importRegistryFile(db, { bytes, fileName: "good.csv", actor: ACTOR });
    expect(outcome).toEqual({
      status: "applied",
      fileName: "good.csv",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      counts: { rows: 3, entitiesCreated: 2, entitiesUpdated: 0, addressesCreated: 3, addressesUpdated: 0 },
    });
    expect(message).toBe(
      "Imported 3 rows from good.csv: 2 entities created, 0 updated; 3 addresses created, 0 updated.",
    );
    // Only the final transfer is in the rollups; the one at block 150 is not final yet.
    expect(await corridors()).toEqual([`2026-06-01 SA->PK 1 ${250n * E18}`]);

    const page = await listEntitiesPage(db, { limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.name, r.country, r.licenceStatus, r.addressCount])).toEqual([
      ["Indus Digital Exchange", "PK", "pending", 2],
      ["Najd Exchange Co.", "SA", "licensed", 1],
    ]);
    const audit = await listAuditLog(db, { action: "registry.import", limit: 5, offset: 0 });
    expect(audit.rows[0]).toMatchObject({
      target: "good.csv",
      checksum: outcome.sha256,
      params: { outcome: "applied", rows: 3, entitiesCreated: 2, addressesCreated: 3 },
    });

    // The same file again changes nothing; an edited file updates in place.
    const again = await importRegistryFile(db, { bytes, fileName: "good.csv", actor: ACTOR });
    expect(again.outcome.status === "applied" && again.outcome.counts).toEqual({
      rows: 3,
      entitiesCreated: 0,
      entitiesUpdated: 0,
      addressesCreated: 0,
      addressesUpdated: 0,
    });
    const moved = csv(`${CHAIN},${SENDER},Najd Exchange Co.,exchange,AE,licensed,hot_wallet`);
    const edit = await importRegistryFile(db, { bytes: moved, fileName: "edit.csv", actor: ACTOR });
    expect(edit.outcome.status === "applied" && edit.outcome.counts).toMatchObject({ entitiesUpdated: 1 });
    expect(await corridors()).toEqual([`2026-06-01 AE->PK 1 ${250n * E18}`]);
  });

  it("rejects a file with one bad row: every error listed, nothing changed", async () => {
    await importRegistryFile(db, {
      bytes: csv(`${CHAIN},${SENDER},Najd Exchange Co.,exchange,SA,licensed,`),
      fileName: "first.csv",
      actor: ACTOR,
    });
    const before = await snapshot();
    const bytes = csv(
      `${CHAIN},${RECEIVER},Indus Digital Exchange,exchange,PK,licensed,`,
      `${CHAIN},${SENDER},Najd Exchange Co.,exchange,AE,licensed,`,
      `${CHAIN},${IDLE},Nowhere Ltd,exchange,XX,licensed,`,
    );
    const { outcome, message } = await importRegistryFile(db, { bytes, fileName: "bad.csv", actor: ACTOR });
    expect(outcome).toMatchObject({
      status: "rejected",
      errorCount: 1,
      rowCount: 3,
      errors: [{ row: 4, column: "country", message: expect.stringMatching(/^Unknown country code "XX"/) }],
    });
    expect(message).toBe(
      "Nothing was imported: 1 error in 1 row of bad.csv. Fix them and upload the file again.",
    );
    expect(await snapshot()).toEqual(before);
    const audit = await listAuditLog(db, { action: "registry.import", limit: 1, offset: 0 });
    expect(audit.rows[0]).toMatchObject({
      target: "bad.csv",
      params: { outcome: "rejected", errorCount: 1 },
    });
  });

  it("rolls back everything when the transaction fails after the rows were written", async () => {
    const before = await snapshot();
    await expect(
      inRegistryTransaction(db, { rebuildRollups: true }, async (tx) => {
        await createEntity(tx, { name: "Doomed", kind: "bank", country: "PK", licenceStatus: "licensed" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await snapshot()).toEqual(before);
  });
});

describe("registry edits", () => {
  it("attributing an address and changing an entity's country move the corridor", async () => {
    const bank = await inRegistryTransaction(db, { rebuildRollups: false }, (tx) =>
      createEntity(tx, {
        name: "Ravi Commercial Bank",
        kind: "bank",
        country: "PK",
        licenceStatus: "licensed",
      }),
    );
    if (!bank) throw new Error("not created");
    expect(await createEntity(db, { ...bank, kind: "other" })).toBeNull();

    const added = await inRegistryTransaction(db, { rebuildRollups: true }, (tx) =>
      upsertAddress(tx, {
        entityId: bank.id,
        chainId: CHAIN,
        address: RECEIVER,
        label: "Hot wallet",
        tags: ["hot_wallet"],
      }),
    );
    expect(added).toEqual({ status: "created" });
    expect(await corridors()).toEqual([`2026-06-01 ZZ->PK 1 ${250n * E18}`]);

    const edited = await inRegistryTransaction(db, { rebuildRollups: true }, (tx) =>
      updateEntity(tx, { ...bank, country: "GB" }),
    );
    expect(edited).toMatchObject({ status: "updated", before: { country: "PK" }, after: { country: "GB" } });
    expect(await corridors()).toEqual([`2026-06-01 ZZ->GB 1 ${250n * E18}`]);

    const detail = await getEntity(db, { id: bank.id });
    expect(detail?.addresses).toEqual([
      expect.objectContaining({
        chainId: CHAIN,
        address: RECEIVER,
        label: "Hot wallet",
        tags: ["hot_wallet"],
      }),
    ]);
    expect(await updateEntity(db, { ...bank, id: 999_999 })).toEqual({ status: "not_found" });
    const other = await createEntity(db, {
      name: "Other",
      kind: "bank",
      country: "PK",
      licenceStatus: "licensed",
    });
    expect(await updateEntity(db, { ...bank, id: other!.id })).toEqual({ status: "name_taken" });
    expect(
      await upsertAddress(db, { entityId: 999_999, chainId: CHAIN, address: IDLE, label: null, tags: [] }),
    ).toEqual({ status: "no_entity" });
  });
});
