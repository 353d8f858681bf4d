import { describe, expect, it } from "vitest";
import { parseTransactionParams, parseUsd1Amount } from "./transactions";

const chains = [
  { chainId: 31337, name: "Ethereum (local)" },
  { chainId: 31338, name: "BNB Chain (local)" },
];
const opts = { chains, entityIds: new Set([1, 2]), now: new Date("2026-07-01T12:00:00Z") };
const parse = (sp: Record<string, string>) => parseTransactionParams(sp, opts);
const messages = (sp: Record<string, string>) => {
  const r = parse(sp);
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe("parseUsd1Amount", () => {
  it("is exact to the wei", () => {
    expect(parseUsd1Amount("1000")).toBe(1000n * 10n ** 18n);
    expect(parseUsd1Amount("0.000000000000000001")).toBe(1n);
    expect(parseUsd1Amount("1000.5")).toBe(10005n * 10n ** 17n);
    for (const bad of ["1,000", "1e3", "-1", "0x10", "1.0000000000000000001"]) {
      expect(() => parseUsd1Amount(bad)).toThrow();
    }
  });
});

describe("parseTransactionParams", () => {
  it("turns a corridor drill-down URL into the rollup's filter", () => {
    const r = parse({
      origin: "ae",
      destination: "PK",
      from: "2026-06-09",
      to: "2026-06-29",
      flow: "adjusted",
      final: "yes",
      chain: "31337",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.filter).toMatchObject({
      chainId: 31337,
      origin: "AE",
      destination: "PK",
      flow: "adjusted",
      finalizedOnly: true,
      since: new Date("2026-06-09T00:00:00Z"),
      until: new Date("2026-06-30T00:00:00Z"),
    });
  });

  it("accepts every corridor flow, primary market included, and nothing else", () => {
    for (const flow of ["adjusted", "intra", "bridge", "primary"]) {
      const r = parse({ origin: "US", destination: "AE", flow });
      expect(r.ok && r.value.filter.flow, flow).toBe(flow);
    }
    expect(messages({ flow: "secondary" })[0]).toBe("flow must be one of adjusted, intra, bridge, primary");
  });

  it("reads q as a hash or an address, lower-cased", () => {
    const hash = `0x${"AB".repeat(32)}`;
    const r = parse({ q: hash });
    expect(r.ok && r.value.filter.txHash).toBe(hash.toLowerCase());
    const addr = `0x${"Cd".repeat(20)}`;
    const a = parse({ q: addr, min: "1000", max: "5000.25" });
    expect(a.ok && a.value.filter).toMatchObject({
      address: addr.toLowerCase(),
      minAmount: 1000n * 10n ** 18n,
      maxAmount: 500025n * 10n ** 16n,
    });
    // "All time" (the default) has no upper bound.
    expect(a.ok && a.value.filter.until).toBeUndefined();
  });

  it("explains bad input instead of failing", () => {
    expect(messages({ chain: "999" })[0]).toMatch(/Unknown chain 999/);
    expect(messages({ from: "2026-06-20", to: "2026-06-01" })[0]).toMatch(/reversed/);
    expect(messages({ size: "100000" })[0]).toMatch(/size must be one of/);
    expect(messages({ kind: "transfer'; drop table transfers; --" })[0]).toMatch(/kind must be one of/);
    expect(messages({ origin: "AE' or 1=1" })[0]).toMatch(/two-letter country code/);
    expect(messages({ q: "hello" })[0]).toMatch(/transaction hash/);
    expect(messages({ min: "5", max: "1" })[0]).toMatch(/amount range is reversed/);
    expect(messages({ entity: "77" })[0]).toBe("Unknown entity 77.");
    expect(messages({ origin: "AE", kind: "mint" })[0]).toMatch(/plain transfers only/);
    expect(messages({ sort: "amount;drop" })[0]).toMatch(/sort must look like/);
  });
});
