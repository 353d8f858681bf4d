import { describe, expect, it } from "vitest";
import { emptySeeds } from "../rule";
import { evidenceOf, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r01Sanctioned } from "./r01-sanctioned";

const S = wallet(0x5a);
const A = wallet(1);
const B = wallet(2);
const C = wallet(3);
const lists = [{ address: S, listName: "OFAC SDN", reference: "SDN-123" }];

describe("R1 sanctioned counterparty", () => {
  it("flags a payment to a listed address as a severe direct hit", () => {
    const [a, ...rest] = runRule(r01Sanctioned, [transfer(A, S, usd(2_000), T0)], { watchlist: lists });
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ ruleId: "R1", severity: "severe", subject: S, score: 90 });
    expect(a?.explanation).toContain("OFAC SDN");
    expect(a?.explanation).toContain("SDN-123");
  });

  it("flags a payment from a listed address, and nothing between unlisted wallets", () => {
    const alerts = runRule(r01Sanctioned, [transfer(S, A, usd(1), T0), transfer(A, B, usd(1), T0 + 1)], {
      watchlist: lists,
      params: { oneHop: false },
    });
    expect(alerts.map((a) => a.key.split("|")[2])).toEqual(["direct:from"]);
  });

  it("only counts the configured lists", () => {
    expect(
      runRule(r01Sanctioned, [transfer(A, S, usd(1), T0)], { watchlist: lists, params: { lists: ["UN"] } }),
    ).toEqual([]);
  });

  it("flags a direct counterparty's later transfers as one hop (high), citing the link", () => {
    const link = transfer(A, S, usd(100), T0);
    const before = transfer(C, A, usd(5), T0 - 10);
    const after = transfer(A, B, usd(50), T0 + 100);
    const alerts = runRule(r01Sanctioned, [before, link, after], { watchlist: lists });
    expect(alerts.map((a) => [a.severity, a.subject])).toEqual([
      ["severe", S],
      ["high", A],
    ]);
    expect(evidenceOf(alerts[1]!)).toEqual([`${link.block}:link`, `${after.block}:trigger`]);
  });

  it("does not flag one hop when disabled, and uses seeded links in an incremental run", () => {
    const t = transfer(A, B, usd(50), T0);
    expect(runRule(r01Sanctioned, [t], { watchlist: lists, params: { oneHop: false } })).toEqual([]);
    const seeds = emptySeeds();
    seeds.hops.set(B, {
      listed: S,
      ref: { source: "transfer", block: 1, txHash: "0x01", logIndex: 0, role: "link" },
    });
    expect(runRule(r01Sanctioned, [t], { watchlist: lists, seeds }).map((a) => a.subject)).toEqual([B]);
  });
});
