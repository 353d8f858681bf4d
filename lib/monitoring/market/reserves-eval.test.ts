import { describe, expect, it } from "vitest";
import { r13Reserves, type R13Params } from "../rules/r13-reserves";
import { evaluateReserves, type ReserveReportPoint } from "./reserves-eval";

const P = r13Reserves.paramsSchema.parse(r13Reserves.defaults) as R13Params;
const T = 1_750_000_000;
const E = 10n ** 18n;
const H = 3_600;
const report = (n: number, dt: number, reserves: bigint): ReserveReportPoint => ({
  block: n,
  txHash: `0x${n.toString(16).padStart(64, "0")}`,
  logIndex: 0,
  time: T + dt,
  reportedAt: T + dt,
  reservesWei: reserves,
});
const feed = (reports: ReserveReportPoint[]) => ({
  chainId: 31337,
  address: "0x00000000000000000000000000000000000000f1",
  label: "USD1 PoR",
  reports,
});

describe("R13 reserves", () => {
  const supply = () => 950n * E;
  const reports = [
    report(1, 0, 1000n * E),
    report(2, H, 1000n * E),
    report(3, 2 * H, 900n * E), // under: episode 1 starts
    report(4, 3 * H, 949n * E), // still under
    report(5, 4 * H, 950n * E), // exactly covered: not under
    report(6, 11 * H, 960n * E), // 7 h after the last report: stale (limit 6 h)
    report(7, 12 * H, 900n * E), // under again: episode 2
  ];

  it("raises one ratio alert per episode below 100 % and one stale alert per silent stretch", () => {
    const hits = evaluateReserves(P, feed(reports), supply, T + 13 * H);
    expect(hits.map((h) => [h.variant, h.severity, h.trigger.block, h.amount])).toEqual([
      ["ratio_below", "high", 3, 50n * E],
      ["ratio_below", "high", 7, 50n * E],
      ["stale", "medium", 5, null],
    ]);
    expect(hits[0]?.facts).toEqual({
      source: "USD1 PoR",
      reserves: "900.00 USD1",
      supply: "950.00 USD1",
      ratio: "94.73",
      minRatio: "100",
      time: "2025-06-15T17:06:40Z",
    });
    expect(hits[2]?.facts.staleFrom).toBe("2025-06-16T01:06:40Z"); // report 5 at 19:06:40 + 6 h
  });

  it("counts a feed silent until now as stale, on its last report", () => {
    const hits = evaluateReserves(P, feed(reports), supply, T + 12 * H + 6 * H + 1);
    expect(hits.filter((h) => h.variant === "stale").map((h) => h.trigger.block)).toEqual([5, 7]);
    expect(
      evaluateReserves(P, feed(reports), supply, T + 18 * H).filter((h) => h.variant === "stale"),
    ).toHaveLength(1);
  });

  it("flags a fall of more than 5 % against the report a day earlier, once per episode", () => {
    const D = 86_400;
    const r = [
      report(1, 0, 1000n * E),
      report(2, D, 950n * E), // exactly 5 %: not more
      report(3, D + 600, 940n * E), // 6 % below the report a day before (1000): drop
      report(4, D + 1200, 930n * E), // same episode
      report(5, 2 * D + 600, 930n * E), // against 940 a day before: 1.06 %, episode over
    ];
    const hits = evaluateReserves(P, feed(r), () => 0n, T + 2 * D + 600).filter((h) => h.variant === "drop");
    expect(hits.map((h) => [h.variant, h.trigger.block, h.amount, h.facts.fall, h.facts.window])).toEqual([
      ["drop", 3, 60n * E, "6.00", "24 h 10 min"],
    ]);
    expect(hits[0]?.evidence.map((e) => [e.block, e.role])).toEqual([
      [3, "trigger"],
      [1, "before"],
    ]);
  });
});
