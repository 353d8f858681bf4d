import { describe, expect, it } from "vitest";
import { encodeTransactionCursor } from "@/db/queries/transactions";
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

describe("keyset cursors in the URL", () => {
  const key = "2026-06-30T12:00:00.123456Z_31337_4200_3";
  it("reads after or before for the sort in force", () => {
    const r = parse({ after: key });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.cursor).toEqual({
      after: {
        amount: undefined,
        blockTime: "2026-06-30T12:00:00.123456Z",
        chainId: 31337,
        blockNumber: 4200n,
        logIndex: 3,
      },
    });
    const b = parse({ before: `1000000000000000000000_${key}`, sort: "amount.asc" });
    if (!b.ok) throw new Error(JSON.stringify(b.errors));
    expect(b.value.cursor.before?.amount).toBe(10n ** 21n);
    expect(encodeTransactionCursor("amount", b.value.cursor.before!)).toBe(`1000000000000000000000_${key}`);
    const none = parse({});
    expect(none.ok && none.value.cursor).toEqual({});
  });

  it("refuses both at once, another sort's cursor and anything else", () => {
    expect(messages({ after: key, before: key })).toEqual([
      "Use either after or before (a page link), not both.",
    ]);
    expect(messages({ after: key, sort: "amount.desc" })).toEqual([
      "after is not a page link of this sort; go back to the first page (remove after).",
    ]);
    expect(messages({ before: "1; drop table transfers" })).toEqual([
      "before is not a page link of this sort; go back to the first page (remove before).",
    ]);
    expect(messages({ after: "2026-13-45T99:00:00.000000Z_1_1_1" })).toHaveLength(1);
  });
});
