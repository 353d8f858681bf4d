// The transactions export readers: COPY and keyset agree, on Postgres, on embedded PGlite and
// through the demo's PGlite wire server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { streamTransactionExport, type TransactionExportRow } from "@/db/queries/exports";
import type { TransactionFilter } from "@/db/queries/transactions";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { PgliteWireServer } from "@/lib/demo/pglite-wire";
import { AS_OF } from "./testing/audited-export";
import { CHAIN, E18, FORMULA_ENTITY, seedExportFixture, TRICKY_LABEL, W } from "./testing/export-fixture";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_exports_readers"));
  await seedExportFixture(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

async function rowsOf(
  mode: "copy" | "keyset",
  filter: TransactionFilter,
  db = handle.db,
): Promise<TransactionExportRow[]> {
  const out: TransactionExportRow[] = [];
  for await (const batch of streamTransactionExport(db, { filter, asOf: AS_OF, batchSize: 3, mode }))
    out.push(...batch);
  return out;
}

describe("transactions export readers", () => {
  const filters: TransactionFilter[] = [
    {},
    { address: W.gulf },
    { origin: "AE" },
    { minAmount: 1_500n * E18 },
    { kind: "burn" },
    { flow: "adjusted", since: new Date("2025-03-01T00:00:00Z"), until: new Date("2025-03-02T00:00:00Z") },
  ];

  it.each(filters)("COPY and keyset give the same rows for %o", async (filter) => {
    const copy = await rowsOf("copy", filter);
    expect(await rowsOf("keyset", filter)).toEqual(copy);
  });

  it("reads every row in time order, with labels decoded exactly from COPY's escapes", async () => {
    const rows = await rowsOf("copy", {});
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => `${r.blockNumber}:${r.logIndex}`)).toEqual([
      "10:0",
      "11:0",
      "12:0",
      "12:1",
      "13:0",
      "14:0",
      "15:0",
      "15:1",
    ]);
    expect(rows[1]).toMatchObject({
      chainId: CHAIN,
      blockTime: "2025-03-01T01:00:00.000000Z",
      fromEntity: "USD1 Treasury",
      toLabel: TRICKY_LABEL,
      toEntity: FORMULA_ENTITY,
      originCountry: "US",
      destinationCountry: "AE",
      amount: "250000000000000000000007",
      intra: false,
      bridge: false,
    });
    expect(rows[4]).toMatchObject({ intra: true, bridge: false });
    expect(rows[6]).toMatchObject({ toAddress: W.pool, bridge: true, destinationCountry: "ZZ" });
  });

  it("embedded PGlite (keyset) gives the same rows as Postgres (COPY)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-export-pglite-"));
    const lite = await openDb({ pgliteDir: path.join(dir, "db") });
    try {
      await migrateDb(lite);
      await seedExportFixture(lite.db);
      expect(await rowsOf("keyset", {}, lite.db)).toEqual(await rowsOf("copy", {}));
      // "auto" picks keyset on PGlite.
      const auto: TransactionExportRow[] = [];
      for await (const b of streamTransactionExport(lite.db, { filter: {}, asOf: AS_OF })) auto.push(...b);
      expect(auto).toHaveLength(8);
      // The demo's web server reaches PGlite through the wire server, where COPY works too.
      const wire = new PgliteWireServer(lite.pglite!);
      const port = await wire.listen(0);
      const client = await openDb({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
      try {
        expect(await rowsOf("copy", { origin: "AE" }, client.db)).toEqual(
          await rowsOf("copy", { origin: "AE" }),
        );
      } finally {
        await client.close();
        await wire.close();
      }
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
