import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  addressFilterSchema,
  collectIssues,
  parseTableParams,
  parseViewParams,
  presetRange,
} from "./view-params";

const chains = [
  { chainId: 31337, name: "Ethereum (local)" },
  { chainId: 31338, name: "BNB Chain (local)" },
];
const now = new Date("2025-03-10T15:30:00Z");
const view = (sp: Record<string, string | string[]>) => parseViewParams(sp, { chains, now });
const messages = (r: { ok: boolean; errors?: { message: string }[] }) =>
  r.ok ? [] : r.errors!.map((e) => e.message);

describe("presetRange", () => {
  it("turns day presets into whole UTC days ending today", () => {
    expect(presetRange("7d", now)).toMatchObject({
      fromDay: "2025-03-04",
      toDay: "2025-03-10",
      since: new Date("2025-03-04T00:00:00Z"),
      until: new Date("2025-03-11T00:00:00Z"),
    });
    expect(presetRange("30d", now).fromDay).toBe("2025-02-09");
    expect(presetRange("ytd", now).fromDay).toBe("2025-01-01");
    expect(presetRange("all", now)).toMatchObject({ fromDay: null, since: null, toDay: "2025-03-10" });
  });

  it("keeps 24h rolling", () => {
    expect(presetRange("24h", now)).toMatchObject({
      since: new Date("2025-03-09T15:30:00Z"),
      fromDay: "2025-03-09",
    });
  });
});

describe("parseViewParams", () => {
  it("defaults to all chains and 30 days", () => {
    const r = view({});
    expect(r.ok && r.value.chainId).toBeUndefined();
    expect(r.ok && r.value.range.preset).toBe("30d");
  });

  it("accepts a known chain, a preset and a custom range", () => {
    const r = view({ chain: "31338", range: "90d" });
    expect(r.ok && r.value).toMatchObject({
      chainId: 31338,
      range: { preset: "90d", fromDay: "2024-12-11" },
    });
    const c = view({ from: "2025-01-01", to: "2025-01-31" });
    expect(c.ok && c.value.range).toMatchObject({
      preset: "custom",
      fromDay: "2025-01-01",
      toDay: "2025-01-31",
      until: new Date("2025-02-01T00:00:00Z"),
      label: "2025-01-01 – 2025-01-31",
    });
    const open = view({ range: "custom", from: "2025-03-01" });
    expect(open.ok && open.value.range.toDay).toBe("2025-03-10");
  });

  it("explains an unknown or malformed chain", () => {
    expect(messages(view({ chain: "999" }))).toEqual([
      "Unknown chain 999. Known chains: 31337 (Ethereum (local)), 31338 (BNB Chain (local)).",
    ]);
    expect(messages(view({ chain: "1;drop table chains" }))).toEqual([
      "The chain filter must be a numeric chain id.",
    ]);
  });

  it("explains bad ranges", () => {
    expect(messages(view({ range: "3w" }))[0]).toMatch(/^Unknown range "3w"/);
    expect(messages(view({ from: "2025-03-10", to: "2025-03-01" }))).toEqual([
      "The date range is reversed: from 2025-03-10 is after to 2025-03-01.",
    ]);
    expect(messages(view({ from: "2025-02-30" }))).toEqual(["from is not a real date"]);
    expect(messages(view({ to: "10/03/2025" }))).toEqual(["to must be a date written YYYY-MM-DD"]);
    expect(messages(view({ range: "7d", from: "2025-01-01" }))[0]).toMatch(/not both/);
    expect(messages(view({ range: "custom" }))[0]).toMatch(/needs from and\/or to/);
  });

  it("reports every problem at once", () => {
    expect(messages(view({ chain: "x", range: "nope" }))).toHaveLength(2);
  });
});

describe("parseTableParams", () => {
  const sortable = ["balance", "address"] as const;
  const parse = (sp: Record<string, string>) =>
    parseTableParams(sp, {
      prefix: "holders",
      sortable,
      defaultSort: { id: "balance", desc: true },
      filters: { address: addressFilterSchema, kind: z.enum(["mint", "burn"]) },
    });

  it("applies defaults", () => {
    expect(parse({})).toEqual({
      ok: true,
      value: {
        page: 1,
        size: 25,
        offset: 0,
        sort: { id: "balance", desc: true },
        q: undefined,
        filters: { address: undefined, kind: undefined },
      },
    });
  });

  it("reads prefixed keys and normalises filters", () => {
    const r = parse({
      "holders.page": "3",
      "holders.size": "50",
      "holders.sort": "address.asc",
      "holders.q": "  Treasury ",
      "holders.address": "0xABCDEF0123456789ABCDEF0123456789ABCDEF01",
      "holders.kind": "mint",
    });
    expect(r.ok && r.value).toEqual({
      page: 3,
      size: 50,
      offset: 100,
      sort: { id: "address", desc: false },
      q: "Treasury",
      filters: { address: "0xabcdef0123456789abcdef0123456789abcdef01", kind: "mint" },
    });
  });

  it("refuses absurd sizes and pages, unknown sort columns and SQL in a filter", () => {
    expect(messages(parse({ "holders.size": "100000" }))).toEqual(["size must be one of 10, 25, 50, 100"]);
    expect(messages(parse({ "holders.page": "0" }))).toEqual(["page must be between 1 and 100,000"]);
    expect(messages(parse({ "holders.page": "-1" }))).toEqual(["page must be a whole number, 1 or more"]);
    expect(messages(parse({ "holders.sort": "password.desc" }))).toEqual([
      'Cannot sort by "password". Sortable columns: balance, address.',
    ]);
    expect(messages(parse({ "holders.sort": "balance desc; drop table balances" }))[0]).toMatch(
      /column\.asc/,
    );
    expect(messages(parse({ "holders.q": "x' OR 1=1 --" }))[0]).toMatch(/^search may contain only/);
    expect(messages(parse({ "holders.address": "0x1 or 1=1" }))).toEqual([
      "address must be 0x followed by 40 hex digits",
    ]);
    const r = parse({ "holders.size": "7", "holders.kind": "all" });
    expect(r.ok ? [] : r.errors.map((e) => e.param)).toEqual(["holders.size", "holders.kind"]);
  });

  it("uses bare keys without a prefix", () => {
    const r = parseTableParams({ page: "2", sort: "balance.asc" }, { sortable });
    expect(r.ok && r.value).toMatchObject({ page: 2, sort: { id: "balance", desc: false } });
    expect(collectIssues(r, view({ chain: "5" }))).toHaveLength(1);
  });
});
