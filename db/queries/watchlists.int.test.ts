// Lists on real Postgres: an OFAC file imported (exact rows, history, audit with SHA-256), a bad
// file refused with nothing changed, a re-import replacing entries, and a retired list no longer
// reaching R1 (the loader the monitor and rebuild read entries through).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { watchlistEntries } from "../schema/monitoring";
import { watchlistImports, watchlists } from "../schema/watchlists";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { listAuditLog } from "./audit";
import { loadWatchlist } from "./monitoring-input";
import { getWatchlist, importWatchlistFile, listWatchlists, retireWatchlist } from "./watchlists";
import { Watchlist } from "@/lib/monitoring/address-book";

const ADMIN = { id: "u-admin", email: "admin@example.test", role: "admin" };
const OFFICER = { id: "u-co", email: "compliance@example.test", role: "compliance_officer" };
const FIXTURE = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../lib/monitoring/lists/testing/sdn-fixture.xml"),
);
const SHA = createHash("sha256").update(FIXTURE).digest("hex");
const A1 = "0x16c70ae05e8ed9f71b1fd612985c9716f72ae3d6";
const A2 = "0x8b7436e2723c8d2ddf1b73c640f69c59c6fa5f51";
const A3 = "0x1ea93fd9fa7b3a2670b6fe8ced6dc25a2546b9e1";
const B = "0x00000000000000000000000000000000000000b1";
const NORTHWIND = "NORTHWIND MIXING SERVICE (SDN uid 90001; CYBER2; Digital Currency Address - ETH)";
const PETROVSKI = "PETROVSKI, Ivan (SDN uid 90002; CYBER2, DPRK3; Digital Currency Address - USDT)";

let db: { handle: DbHandle; database: TestDatabase };
const d = () => db.handle.db;

beforeAll(async () => {
  db = await openTestDb("usd1_lists");
});
afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

/** Everything an import may touch, to compare before and after a refusal. */
async function snapshot() {
  return {
    lists: await d().select().from(watchlists).orderBy(asc(watchlists.id)),
    entries: await d().select().from(watchlistEntries).orderBy(asc(watchlistEntries.id)),
    imports: await d().select().from(watchlistImports).orderBy(asc(watchlistImports.id)),
  };
}

async function entriesOf(id: number) {
  return (await getWatchlist(d(), { id, page: 1, pageSize: 100 }))!.entries;
}

async function matches(chainId: number): Promise<string[]> {
  const entries = await d().transaction((tx) => loadWatchlist(tx, chainId));
  const list = new Watchlist(entries);
  return [A1, A2, A3, B].filter((a) => list.lookup(a, new Set()) !== undefined);
}

const importSdn = (bytes: Uint8Array, actor = ADMIN) =>
  importWatchlistFile(d(), { bytes, fileName: "sdn.xml", format: "auto", name: "OFAC SDN", actor });

describe("importing a list", () => {
  let sdnId = 0;

  it("applies the OFAC file: list row, entries for every chain, history row and audit row", async () => {
    const outcome = await importSdn(FIXTURE);
    expect(outcome).toMatchObject({
      status: "applied",
      fileName: "sdn.xml",
      sha256: SHA,
      format: "ofac-sdn-xml",
      version: "2026-11-20",
      lists: [{ name: "OFAC SDN", entries: 3, replaced: 0, skipped: 2 }],
    });
    sdnId = outcome.status === "applied" ? outcome.lists[0]!.id : 0;
    const [list] = await listWatchlists(d());
    expect(list).toMatchObject({
      id: sdnId,
      name: "OFAC SDN",
      format: "ofac-sdn-xml",
      version: "2026-11-20",
      fileName: "sdn.xml",
      sha256: SHA,
      entryCount: 3,
      skippedCount: 2,
      importedBy: ADMIN.id,
      importedByEmail: ADMIN.email,
      retiredAt: null,
    });
    expect(await entriesOf(sdnId)).toEqual([
      { chainId: null, address: A1, reference: NORTHWIND },
      { chainId: null, address: A3, reference: PETROVSKI },
      { chainId: null, address: A2, reference: NORTHWIND },
    ]);
    const { imports } = (await getWatchlist(d(), { id: sdnId, page: 1, pageSize: 100 }))!;
    expect(
      imports.map((i) => [i.sha256, i.entryCount, i.skippedCount, i.replacedCount, i.importedByEmail]),
    ).toEqual([[SHA, 3, 2, 0, ADMIN.email]]);
    const audit = (await listAuditLog(d(), { action: "watchlist.import", limit: 10, offset: 0 })).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorEmail: ADMIN.email,
      target: "watchlist:OFAC SDN",
      checksum: SHA,
      params: {
        outcome: "applied",
        fileName: "sdn.xml",
        bytes: FIXTURE.byteLength,
        format: "ofac-sdn-xml",
        version: "2026-11-20",
        entries: 3,
        replaced: 0,
        skipped: 2,
      },
    });
    // No chain named: R1 finds the entries on any chain.
    expect(await matches(1)).toEqual([A1, A2, A3]);
    expect(await matches(31337)).toEqual([A1, A2, A3]);
  });

  it("refuses a file with a bad row, reports it and changes nothing", async () => {
    const before = await snapshot();
    const bad = Buffer.from(FIXTURE.toString("utf8").replace(A2, "0x8b7436e2723c8d"));
    const outcome = await importSdn(bad, OFFICER);
    expect(outcome).toEqual({
      status: "rejected",
      fileName: "sdn.xml",
      sha256: createHash("sha256").update(bad).digest("hex"),
      format: "ofac-sdn-xml",
      errorCount: 1,
      errors: [
        {
          where: "sdnEntry uid 90001",
          message: 'Digital Currency Address - ETH "0x8b7436e2723c8d": must be a 0x-prefixed 20-byte address',
        },
      ],
    });
    expect(await snapshot()).toEqual(before);
    const audit = (await listAuditLog(d(), { action: "watchlist.import", limit: 10, offset: 0 })).rows;
    expect(audit.map((a) => [a.actorEmail, a.params.outcome])).toEqual([
      [OFFICER.email, "rejected"],
      [ADMIN.email, "applied"],
    ]);
  });

  it("re-importing the name replaces its entries and keeps the history", async () => {
    const next = Buffer.from(
      FIXTURE.toString("utf8")
        .replace("11/20/2026", "11/27/2026")
        .replace(/<id>\s*<uid>91002<\/uid>[\s\S]*?<\/id>/, ""),
    );
    const outcome = await importSdn(next, OFFICER);
    expect(outcome).toMatchObject({
      status: "applied",
      version: "2026-11-27",
      lists: [{ id: sdnId, name: "OFAC SDN", entries: 2, replaced: 3, skipped: 2 }],
    });
    expect(await entriesOf(sdnId)).toEqual([
      { chainId: null, address: A1, reference: NORTHWIND },
      { chainId: null, address: A3, reference: PETROVSKI },
    ]);
    const detail = (await getWatchlist(d(), { id: sdnId, page: 1, pageSize: 100 }))!;
    expect(detail.list).toMatchObject({
      version: "2026-11-27",
      entryCount: 2,
      importedByEmail: OFFICER.email,
    });
    expect(detail.imports.map((i) => [i.version, i.entryCount, i.replacedCount, i.importedByEmail])).toEqual([
      ["2026-11-27", 2, 3, OFFICER.email],
      ["2026-11-20", 3, 0, ADMIN.email],
    ]);
    expect(await matches(1)).toEqual([A1, A3]);
  });

  it("imports a plain CSV of two lists, chain by chain, in one go", async () => {
    const csv = [
      "chain_id,address,list_name,reference",
      `1,${B},Local mixers,M-1`,
      `137,${B},Local mixers,M-1`,
      `1,${A2},Local watch,W-1`,
    ].join("\n");
    const outcome = await importWatchlistFile(d(), {
      bytes: new TextEncoder().encode(csv),
      fileName: "local.csv",
      format: "csv",
      actor: ADMIN,
    });
    expect(outcome).toMatchObject({
      status: "applied",
      format: "csv",
      version: null,
      lists: [
        { name: "Local mixers", entries: 2, replaced: 0, skipped: 0 },
        { name: "Local watch", entries: 1, replaced: 0, skipped: 0 },
      ],
    });
    expect((await listWatchlists(d())).map((l) => [l.name, l.format, l.entryCount])).toEqual([
      ["Local mixers", "csv", 2],
      ["Local watch", "csv", 1],
      ["OFAC SDN", "ofac-sdn-xml", 2],
    ]);
    expect(await matches(1)).toEqual([A1, A2, A3, B]);
    expect(await matches(137)).toEqual([A1, A3, B]);
    expect(await matches(10)).toEqual([A1, A3]);
  });
});

describe("retiring a list", () => {
  it("removes its entries from R1's reach and keeps the record, audited", async () => {
    const sdn = (await listWatchlists(d())).find((l) => l.name === "OFAC SDN")!;
    const r = await retireWatchlist(d(), {
      id: sdn.id,
      reason: "superseded by the consolidated list",
      actor: ADMIN,
    });
    expect(r).toEqual({ name: "OFAC SDN", removed: 2 });
    expect(await matches(1)).toEqual([A2, B]);
    expect(await entriesOf(sdn.id)).toEqual([]);
    const after = (await listWatchlists(d())).map((l) => [
      l.name,
      l.entryCount,
      l.sha256 !== null,
      l.retireReason,
    ]);
    expect(after).toEqual([
      ["Local mixers", 2, true, null],
      ["Local watch", 1, true, null],
      // Retired lists come last; the row keeps what was in force.
      ["OFAC SDN", 2, true, "superseded by the consolidated list"],
    ]);
    const [audit] = (await listAuditLog(d(), { action: "watchlist.retire", limit: 10, offset: 0 })).rows;
    expect(audit).toMatchObject({
      actorEmail: ADMIN.email,
      target: "watchlist:OFAC SDN",
      checksum: sdn.sha256,
      params: { reason: "superseded by the consolidated list", removedEntries: 2, version: "2026-11-27" },
    });
    await expect(retireWatchlist(d(), { id: sdn.id, reason: "again", actor: ADMIN })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(retireWatchlist(d(), { id: 999_999, reason: "none", actor: ADMIN })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("comes back in force when its name is imported again", async () => {
    const outcome = await importSdn(FIXTURE);
    expect(outcome).toMatchObject({
      status: "applied",
      lists: [{ name: "OFAC SDN", entries: 3, replaced: 0 }],
    });
    const sdn = (await listWatchlists(d())).find((l) => l.name === "OFAC SDN")!;
    expect(sdn).toMatchObject({
      retiredAt: null,
      retireReason: null,
      retiredBy: null,
      entryCount: 3,
      sha256: SHA,
    });
    expect(await matches(1)).toEqual([A1, A2, A3, B]);
  });
});
