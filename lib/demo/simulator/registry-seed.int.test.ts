// seedRegistry / listEntities on PGlite (temp folder) and on the local Postgres (fresh database).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { listEntities, seedRegistry } from "@/db/queries/registry";
import { addresses, entities, type AddressTag } from "@/db/schema/registry";
import { buildRegistry } from "./registry";

type Opened = { handle: DbHandle; cleanup: () => Promise<void> };

function adminUrl(): URL {
  const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname)) {
    throw new Error(`refusing to create test databases on non-local host ${url.hostname}`);
  }
  url.pathname = "/postgres";
  return url;
}

async function openPglite(): Promise<Opened> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-registry-"));
  const handle = await openDb({ pgliteDir: path.join(dir, "db") });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Opened> {
  const admin = adminUrl();
  const dbName = `usd1_test_registry_${randomBytes(6).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`create database ${dbName}`);
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const handle = await openDb({ url: url.toString(), applicationName: "usd1-test-registry" });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      await adminClient.query(`drop database if exists ${dbName} with (force)`);
      await adminClient.end();
    },
  };
}

const registry = buildRegistry("seed-test", { chainIds: [1, 56] });

describe.each([
  ["pglite", openPglite],
  ["postgres", openPostgres],
])("seedRegistry on %s", (_name, open) => {
  let opened: Opened;
  const counts = async () => ({
    entities: (await opened.handle.db.select().from(entities)).length,
    addresses: (await opened.handle.db.select().from(addresses)).length,
  });

  beforeAll(async () => {
    opened = await open();
    await migrateDb(opened.handle);
  });
  afterAll(async () => opened?.cleanup());

  it("inserts every entity and address row, and a second run changes nothing", async () => {
    const first = await seedRegistry(opened.handle.db, registry);
    expect(first).toEqual({ entities: 30, addresses: registry.addresses.length });
    expect(await counts()).toEqual({ entities: 30, addresses: registry.addresses.length });
    await seedRegistry(opened.handle.db, registry);
    expect(await counts()).toEqual({ entities: 30, addresses: registry.addresses.length });
  });

  it("lists entities with their address rows", async () => {
    const list = await listEntities(opened.handle.db);
    expect(list).toHaveLength(30);
    expect(list.map((e) => e.name)).toEqual(
      [...list.map((e) => e.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const issuer = list.find((e) => e.kind === "issuer");
    expect(issuer).toMatchObject({
      name: "World Liberty Financial",
      country: "US",
      licenceStatus: "licensed",
      addressCount: 4, // treasury and governor on each of two chains
    });
    // Every row but the sanctioned and high-risk ones (one each per chain) is attributed.
    expect(list.reduce((s, e) => s + e.addressCount, 0)).toBe(registry.addresses.length - 4);
    for (const source of registry.sources) {
      expect(list.find((e) => e.name === source.name)?.addressCount).toBe(2 * source.wallets.length);
    }
  });

  it("updates edited rows in place", async () => {
    const edited = {
      entities: registry.entities.map((e) =>
        e.name === "Blue Dune OTC" ? { ...e, licenceStatus: "revoked" as const } : e,
      ),
      addresses: registry.addresses.map((a) =>
        a.address === registry.sanctioned
          ? { ...a, label: "OFAC SDN (updated)", tags: ["sanctioned", "high_risk"] as AddressTag[] }
          : a,
      ),
    };
    await seedRegistry(opened.handle.db, edited);
    expect(await counts()).toEqual({ entities: 30, addresses: registry.addresses.length });
    const list = await listEntities(opened.handle.db);
    expect(list.find((e) => e.name === "Blue Dune OTC")?.licenceStatus).toBe("revoked");
    const rows = await opened.handle.db.select().from(addresses);
    const sanctioned = rows.filter((r) => r.address === registry.sanctioned);
    expect(sanctioned).toHaveLength(2);
    for (const r of sanctioned)
      expect(r).toMatchObject({
        entityId: null,
        label: "OFAC SDN (updated)",
        tags: ["sanctioned", "high_risk"],
      });
  });

  it("rolls back everything when an address names an unknown entity", async () => {
    const bad = {
      entities: [
        { name: "Fresh Entity", kind: "other" as const, country: "PK", licenceStatus: "unknown" as const },
      ],
      addresses: [
        {
          chainId: 1,
          address: "0x00000000000000000000000000000000000000f1" as const,
          entityName: "Nobody",
          label: null,
          tags: [],
        },
      ],
    };
    await expect(seedRegistry(opened.handle.db, bad)).rejects.toThrow(/unknown entity "Nobody"/);
    expect(await counts()).toEqual({ entities: 30, addresses: registry.addresses.length });
  });

  it("lower-cases addresses and rejects malformed input", async () => {
    const mixed = "0x00000000000000000000000000000000000000AB" as const;
    await seedRegistry(opened.handle.db, {
      entities: [],
      addresses: [{ chainId: 1, address: mixed, entityName: null, label: "mixed case", tags: [] }],
    });
    const rows = await opened.handle.db.select().from(addresses);
    expect(rows.some((r) => r.address === mixed.toLowerCase())).toBe(true);
    await expect(
      seedRegistry(opened.handle.db, {
        entities: [{ name: "Bad Country", kind: "bank", country: "pk", licenceStatus: "licensed" }],
        addresses: [],
      }),
    ).rejects.toThrow();
  });
});
