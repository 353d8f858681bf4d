// Past one machine, on real engines: a primary and a streaming standby started here with Debian's
// PostgreSQL (initdb + pg_basebackup), the schema migrated on the primary and replicated, and the
// dashboard's read routing (db/read-routing.ts) choosing between them the way every page does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "./client";
import { migrateDb } from "./migrate";
import { listEntities } from "./queries/registry";
import { createEntity } from "./queries/registry-edit";
import { rowsOf } from "./queries/sql-arrays";
import { chooseReadDb, parseLsn, primaryWalLsn } from "./read-routing";
import { startReplicaPair, waitForReplay, type ReplicaPair } from "./testing/replica-pair";

let pair: ReplicaPair;
let primary: DbHandle;
let replica: DbHandle;

async function servedByStandby(h: DbHandle["db"]): Promise<boolean> {
  const [row] = rowsOf<{ r: boolean }>(await h.execute(sql`select pg_is_in_recovery() as r`));
  return row!.r;
}

const names = async (db: DbHandle["db"]) => (await listEntities(db)).map((e) => e.name);

beforeAll(async () => {
  pair = await startReplicaPair();
  primary = await openDb({ url: pair.primaryUrl, poolSize: 2 });
  replica = await openDb({ url: pair.replicaUrl, poolSize: 2, connectTimeoutMs: 2_000 });
  await migrateDb(primary);
  await createEntity(primary.db, { name: "Alpha Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed" });
  await waitForReplay(pair.primaryUrl, pair.replicaUrl);
}, 180_000);

afterAll(async () => {
  await replica?.close().catch(() => {});
  await primary?.close();
  await pair?.stop();
});

describe("reads from a streaming replica", () => {
  it("serves a view from the standby: the replicated schema and rows, and it refuses writes", async () => {
    const choice = await chooseReadDb({ primary: primary.db, replica: replica.db, fence: null });
    expect(choice).toMatchObject({ servedBy: "replica", reason: "replica" });
    expect(await servedByStandby(choice.db)).toBe(true);
    expect(await names(choice.db)).toEqual(["Alpha Exchange"]);
    const refused = await createEntity(choice.db, {
      name: "Nope",
      kind: "exchange",
      country: "AE",
      licenceStatus: "licensed",
    }).then(
      () => null,
      (err: unknown) => err as Error & { cause?: Error },
    );
    expect(refused?.cause?.message).toBe("cannot execute INSERT in a read-only transaction");
  });

  it("a reader fenced at their own write goes to the primary while the standby is behind, then back", async () => {
    // Hold the standby still, so it is behind for certain.
    await replica.db.execute(sql`select pg_wal_replay_pause()`);
    await createEntity(primary.db, { name: "Beta Remit", kind: "remittance_provider", country: "PK", licenceStatus: "pending" });
    const fence = await primaryWalLsn(primary.db);
    expect(parseLsn(fence)).toBe(fence.toUpperCase());

    const fenced = await chooseReadDb({ primary: primary.db, replica: replica.db, fence });
    expect(fenced).toMatchObject({ servedBy: "primary", reason: "replica-behind-fence" });
    expect(await servedByStandby(fenced.db)).toBe(false);
    expect(await names(fenced.db)).toEqual(["Alpha Exchange", "Beta Remit"]);

    // Someone who wrote nothing reads the standby, which really is behind.
    const unfenced = await chooseReadDb({ primary: primary.db, replica: replica.db, fence: null });
    expect(unfenced.servedBy).toBe("replica");
    expect(await names(unfenced.db)).toEqual(["Alpha Exchange"]);

    await replica.db.execute(sql`select pg_wal_replay_resume()`);
    await waitForReplay(pair.primaryUrl, pair.replicaUrl);
    const after = await chooseReadDb({ primary: primary.db, replica: replica.db, fence });
    expect(after).toMatchObject({ servedBy: "replica", reason: "replica" });
    expect(await names(after.db)).toEqual(["Alpha Exchange", "Beta Remit"]);
  });

  it("a garbage fence cookie is ignored, not sent to SQL", () => {
    expect(parseLsn("0/16B3748")).toBe("0/16B3748");
    expect(parseLsn("1'; drop table x; --")).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
  });

  it("a standby that is gone: reads fall back to the primary, and the error is reported", async () => {
    await pair.stopReplica();
    const errors: unknown[] = [];
    const choice = await chooseReadDb({
      primary: primary.db,
      replica: replica.db,
      fence: null,
      onError: (e) => errors.push(e),
    });
    expect(choice).toMatchObject({ servedBy: "primary", reason: "replica-unreachable" });
    expect(errors).toHaveLength(1);
    expect(await names(choice.db)).toEqual(["Alpha Exchange", "Beta Remit"]);
  });
});
