// The Evidence card of a market alert (R13/R14, issue #17) rendered to HTML: reserve reports and
// pool swaps in their own tables, figures formatted at the edge with the exact values kept.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AlertCase, CaseEvidence } from "@/db/queries/alert-case";
import { AlertCaseEvidence } from "./evidence";

const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const base = {
  chainId: 31337,
  logIndex: 0,
  indexed: true,
  kind: null,
  from: null,
  to: null,
  counterparty: null,
  via: null,
  tokenFunction: null,
  amount: null,
  report: null,
  swap: null,
} satisfies Partial<CaseEvidence>;

const evidence: CaseEvidence[] = [
  {
    ...base,
    source: "reserve_report",
    role: "trigger",
    blockNumber: 130n,
    txHash: hash(130),
    logIndex: 2,
    blockTime: "2026-03-14T12:00:05Z",
    report: {
      sourceLabel: "USD1 PoR (demo)",
      sourceKind: "aggregator_v3",
      sourceAddress: "0x000000000000000000000000000000000000feed",
      roundId: 8n,
      answer: 2_462_500_012_345_678n,
      decimals: 8,
      reservesWei: 24_625_000_123_456_780_000_000_000n,
      reportedAt: "2026-03-14T12:00:00Z",
    },
  },
  {
    ...base,
    source: "pool_swap",
    role: "trigger",
    blockNumber: 200n,
    txHash: hash(200),
    logIndex: 4,
    blockTime: "2026-03-15T11:59:00Z",
    swap: {
      poolLabel: "USDT/USD1 0.05%",
      poolAddress: "0x000000000000000000000000000000000000b0b0",
      dex: "pancake_v3",
      fee: 500,
      quoteSymbol: "USDT",
      quoteDecimals: 6,
      usd1Delta: 500_000n * 10n ** 18n,
      quoteDelta: -496_100_250_001n,
      sqrtPriceX96: 1n,
      liquidity: 9_876_543_210n,
      tick: 276_402,
      priceE18: 992_202_758_789_062_500n,
      deviationCentiBps: -7797n,
    },
  },
  {
    ...base,
    source: "pool_swap",
    role: "swap",
    blockNumber: 220n,
    txHash: hash(220),
    blockTime: null,
    indexed: false,
  },
];

const c = {
  alert: { chainId: 31337, chainName: "Ethereum (local)", facts: {} },
  evidence,
  evidenceSummary: { total: 3, logs: 0, reports: 1, swaps: 2, chainIds: [31337] },
  evidencePage: { offset: 0, limit: 100 },
} as unknown as AlertCase;

const pageHref = (page: number, size?: number) =>
  `/alerts/7?evidence.page=${page}${size ? `&evidence.size=${size}` : ""}#alert-evidence`;
const html = renderToStaticMarkup(createElement(AlertCaseEvidence, { c, pageHref }));
/** The text of every element with this data-testid, tags stripped. */
const texts = (id: string) =>
  [...html.matchAll(new RegExp(`data-testid="${id}"[^>]*>(.*?)</(?:span|td)>`, "g"))].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ""),
  );

describe("AlertCaseEvidence: market evidence", () => {
  it("counts reports and swaps, not logs", () => {
    expect(html).toContain("1 reserve report, 2 pool swaps on Ethereum (local), in chain order.");
    expect(html).not.toContain("Evidence logs of this alert");
  });

  it("a reserve report: source, round, report time and the reserves (exact wei kept)", () => {
    expect(texts("alert-evidence-round")).toEqual(["8"]);
    expect(texts("alert-evidence-reported-at")).toEqual(["2026-03-14 12:00:00"]);
    expect(texts("alert-evidence-reserves")).toEqual(["24,625,000.12"]);
    expect(html).toContain('data-wei="24625000123456780000000000"');
    expect(html).toContain("AggregatorV3 feed");
  });

  it("a swap: pool and fee tier, price in bps, both deltas, liquidity; a lost swap stays listed", () => {
    expect(html).toContain("PancakeSwap v3, fee 0.05%");
    expect(texts("alert-evidence-price")).toEqual(["−77.97"]);
    expect(texts("alert-evidence-usd1")).toEqual(["+500,000.00 USD1"]);
    expect(texts("alert-evidence-quote")).toEqual(["-496,100.25 USDT"]);
    expect(html).toContain('data-raw="-496100250001"');
    expect(texts("alert-evidence-liquidity")).toEqual(["9,876,543,210", "—"]);
    expect(html).toContain("no longer indexed (reorg)");
  });
});

describe("AlertCaseEvidence: a page of a long case", () => {
  // The middle page of a standing case that holds 250 rows on two chains, 100 per page.
  const long = {
    ...c,
    evidenceSummary: { total: 250, logs: 250, reports: 0, swaps: 0, chainIds: [1, 56] },
    evidencePage: { offset: 100, limit: 100 },
  } as unknown as AlertCase;
  const page = renderToStaticMarkup(createElement(AlertCaseEvidence, { c: long, pageHref }));

  it("counts the whole case, not the page", () => {
    expect(page).toContain("250 logs on 2 chains, in chain order.");
  });

  it("says which rows are shown and links the other pages", () => {
    expect(page).toContain('data-page="2" data-pages="3" data-total="250" data-size="100"');
    expect(page).toContain("Rows 101–103 of 250, page 2 of 3");
    const links = [...page.matchAll(/data-testid="alert-evidence-(\w+)" href="([^"]+)"/g)].map((m) => [
      m[1],
      m[2]!.replaceAll("&amp;", "&"),
    ]);
    expect(links).toEqual([
      ["first", "/alerts/7?evidence.page=1#alert-evidence"],
      ["previous", "/alerts/7?evidence.page=1#alert-evidence"],
      ["next", "/alerts/7?evidence.page=3#alert-evidence"],
      ["last", "/alerts/7?evidence.page=3#alert-evidence"],
    ]);
  });

  it("offers 25, 50 and 100 rows a page, keeping the first row shown in view", () => {
    const sizes = /data-testid="alert-evidence-sizes">(.*?)<\/span><span/.exec(page)?.[1] ?? "";
    expect(sizes).toContain('<span aria-current="true" class="font-semibold text-slate-900">100</span>');
    const links = [...sizes.matchAll(/href="([^"]+)"[^>]*>(\d+)</g)].map((m) => [
      m[2],
      m[1]!.replaceAll("&amp;", "&"),
    ]);
    expect(links).toEqual([
      ["25", "/alerts/7?evidence.page=5&evidence.size=25#alert-evidence"],
      ["50", "/alerts/7?evidence.page=3&evidence.size=50#alert-evidence"],
    ]);
  });

  it("a single short page has no links", () => {
    expect(html).toContain("Rows 1–3 of 3, page 1 of 1");
    expect(html).not.toContain("alert-evidence-next");
    expect(html).not.toContain("alert-evidence-sizes");
  });
});
