import { describe, expect, it } from "vitest";
import { buildRegistry, deriveAddress, entityOf } from "./registry";
import { DESTINATION_CATALOG, ISSUER_NAME, SOURCE_CATALOG } from "./registry-catalog";

const registry = buildRegistry("demo", { chainIds: [1, 56] });

describe("buildRegistry", () => {
  it("is deterministic and seed-dependent", () => {
    expect(buildRegistry("demo", { chainIds: [1, 56] })).toEqual(registry);
    expect(buildRegistry("other", { chainIds: [1, 56] }).treasury).not.toBe(registry.treasury);
  });

  it("derives lower-case 20-byte addresses, all distinct", () => {
    const all = [
      registry.treasury,
      registry.sanctioned,
      registry.highRisk,
      ...registry.customers,
      ...registry.reserved,
      ...[...registry.sources, ...registry.destinations].flatMap((p) => p.wallets),
    ];
    for (const a of all) expect(a).toMatch(/^0x[0-9a-f]{40}$/);
    expect(new Set(all).size).toBe(all.length);
    expect(deriveAddress("demo", "issuer:treasury")).toBe(registry.treasury);
  });

  it("lists every entity once, the issuer included", () => {
    const names = registry.entities.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(1 + SOURCE_CATALOG.length + DESTINATION_CATALOG.length);
    expect(registry.entities.find((e) => e.name === ISSUER_NAME)).toEqual({
      name: ISSUER_NAME,
      kind: "issuer",
      country: "US",
      licenceStatus: "licensed",
    });
    for (const e of registry.entities) expect(e.country).toMatch(/^[A-Z]{2}$/);
  });

  it("covers the corridor countries, PK receivers and licence mix", () => {
    const countries = new Set(registry.sources.map((s) => s.country));
    for (const c of ["SA", "AE", "GB", "DE", "US", "QA", "KW", "OM", "BH"]) expect(countries).toContain(c);
    expect(registry.destinations.every((d) => d.country === "PK")).toBe(true);
    expect(registry.destinations.length).toBeGreaterThanOrEqual(5);
    const statuses = new Set(registry.entities.map((e) => e.licenceStatus));
    for (const s of ["licensed", "unlicensed", "pending", "revoked"]) expect(statuses).toContain(s);
    for (const p of [...registry.sources, ...registry.destinations])
      expect(p.wallets.length).toBeGreaterThanOrEqual(2);
  });

  it("has one row per address per chain; customers have none", () => {
    const listed = new Set(registry.addresses.map((a) => a.address));
    const entityWallets = [...registry.sources, ...registry.destinations].flatMap((p) => p.wallets);
    // treasury, governor, sanctioned and high-risk entries, and every entity wallet
    expect(listed.size).toBe(4 + entityWallets.length);
    expect(registry.addresses.length).toBe(2 * listed.size);
    for (const c of [...registry.customers, ...registry.reserved]) expect(listed.has(c)).toBe(false);
    const keys = registry.addresses.map((a) => `${a.chainId}:${a.address}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("tags the treasury, the sanctioned and the high-risk address", () => {
    const row = (address: string) => registry.addresses.find((a) => a.chainId === 1 && a.address === address);
    expect(row(registry.treasury)).toMatchObject({ entityName: ISSUER_NAME, tags: ["treasury"] });
    expect(row(registry.sanctioned)).toMatchObject({ entityName: null, tags: ["sanctioned"] });
    expect(row(registry.highRisk)).toMatchObject({ entityName: null, tags: ["high_risk"] });
    expect(entityOf(registry).get(registry.treasury)?.kind).toBe("issuer");
    expect(entityOf(registry).has(registry.sanctioned)).toBe(false);
  });

  it("rejects an empty chain list", () => {
    expect(() => buildRegistry("demo", { chainIds: [] })).toThrow();
  });
});
