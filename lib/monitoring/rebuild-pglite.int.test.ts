// A rebuild on the demo's database: PGlite reached through its wire server by node-postgres (the
// web server's path). Suppressed hits are written there with INSERT, not COPY FROM STDIN, which
// the wire server does not take (it ended the demo's process when a list import re-ran R1).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { rowsOf } from "@/db/queries/sql-arrays";
import { PgliteWireServer } from "@/lib/demo/pglite-wire";
import { applyListsToHistory } from "./lists/apply-to-history";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import { generateSynthetic } from "./testing/synthetic";

const chain = generateSynthetic({
  seed: "pglite-rebuild",
  chainId: 99_141,
  transfers: 2_000,
  days: 6,
  customers: 200,
  mix: "retail",
});
let dir: string;
let lite: DbHandle;
let wire: PgliteWireServer;
let client: DbHandle;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-rebuild-pglite-"));
  lite = await openDb({ pgliteDir: path.join(dir, "db") });
  await migrateDb(lite);
  await registerSynthetic(lite.db, chain);
  await writeSyntheticBlocks(lite.db, chain, { fromBlock: 1, toBlock: chain.lastBlock });
  wire = new PgliteWireServer(lite.pglite!);
  const port = await wire.listen(0);
  client = await openDb({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, poolSize: 1 });
});

afterAll(async () => {
  await client?.close();
  await wire?.close();
  await lite?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const suppressed = async () =>
  rowsOf<{ rule: string; rows: number; hits: number }>(
    await client.db.execute(sql`select rule_id as rule, count(*)::int as rows, sum(hits)::int as hits
      from monitor_suppressed_hits group by 1 order by 1`),
  );

it("rebuilds every rule and then R1 alone (a list import) through the wire server, suppressed hits included", async () => {
  const [full] = await rebuildAlerts(client.db, { mode: "keyset" });
  expect(full?.transfers).toBe(chain.transfers.length);
  const after = await suppressed();
  // The retail mix's hot wallets: R3 pass-throughs and more, counted, not alerted.
  expect(after.find((r) => r.rule === "R3")?.hits ?? 0).toBeGreaterThan(0);
  // R1 alone has no exemption: its rebuild writes no suppressed rows and leaves the others as they are.
  await applyListsToHistory(client);
  expect(await suppressed()).toEqual(after);
  // A second full rebuild replaces the rows with the same counts.
  await rebuildAlerts(client.db, { mode: "keyset" });
  expect(await suppressed()).toEqual(after);
});
