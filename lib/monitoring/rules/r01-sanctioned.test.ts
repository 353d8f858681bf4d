import { describe, expect, it } from "vitest";
import { emptySeeds } from "../rule";
import {
  DAY,
  entityRow,
  evidenceOf,
  runRule,
  T0,
  taggedRow,
  transfer,
  usd,
  wallet,
} from "../testing/fixtures";
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
      time: T0 - DAY,
    });
    expect(runRule(r01Sanctioned, [t], { watchlist: lists, seeds }).map((a) => a.subject)).toEqual([B]);
  });

  describe("registry tags (#16)", () => {
    const X = wallet(0x6b);

    it("treats an address tagged sanctioned as an entry of the list 'registry', direct and one hop", () => {
      const hit = transfer(A, X, usd(300), T0);
      const later = transfer(A, B, usd(40), T0 + 60);
      const alerts = runRule(r01Sanctioned, [hit, later], { book: [taggedRow(X, ["sanctioned"])] });
      expect(alerts.map((a) => [a.key.split("|")[2], a.severity, a.subject])).toEqual([
        ["direct:to", "severe", X],
        ["one_hop:from", "high", A],
      ]);
      expect(alerts[0]?.facts).toMatchObject({ lists: "registry", reference: "registry tag sanctioned" });
      expect(alerts[0]?.explanation).toContain("which is on the registry list (registry tag sanctioned)");
      expect(alerts[1]?.explanation).toContain("(registry, registry tag sanctioned)");
      expect(evidenceOf(alerts[1]!)).toEqual([`${hit.block}:link`, `${later.block}:trigger`]);
    });

    it("does the same for high_risk, joins an imported entry's list, and stops once untagged", () => {
      const t = transfer(X, A, usd(5), T0);
      const [risky] = runRule(r01Sanctioned, [t], {
        book: [taggedRow(X, ["high_risk"])],
        params: { oneHop: false },
      });
      expect(risky?.facts).toMatchObject({ lists: "registry", reference: "registry tag high_risk" });
      const both = runRule(r01Sanctioned, [t], {
        book: [taggedRow(X, ["sanctioned"])],
        watchlist: [{ address: X, listName: "OFAC SDN", reference: "SDN-9" }],
        params: { oneHop: false },
      });
      expect(both.map((a) => [a.key.split("|")[2], a.facts.lists, a.facts.reference])).toEqual([
        ["direct:from", "OFAC SDN, registry", "SDN-9, registry tag sanctioned"],
      ]);
      expect(runRule(r01Sanctioned, [t], { book: [taggedRow(X, ["customer"])] })).toEqual([]);
      expect(runRule(r01Sanctioned, [t], { book: [taggedRow(X, [])] })).toEqual([]);
    });

    it("counts the registry only when 'registry' is among the chosen lists", () => {
      const t = transfer(A, X, usd(5), T0);
      const book = [taggedRow(X, ["sanctioned"])];
      expect(runRule(r01Sanctioned, [t], { book, params: { lists: ["OFAC SDN"] } })).toEqual([]);
      expect(runRule(r01Sanctioned, [t], { book, params: { lists: ["registry"] } })).toHaveLength(1);
    });
  });

  describe("one-hop episodes, exemptions and expiry (#16)", () => {
    const EX = wallet(0xe1);

    it("raises one alert per exposed address per 30-day episode, not one per transfer", () => {
      const link = transfer(A, S, usd(100), T0);
      const daily = Array.from({ length: 40 }, (_, i) => transfer(A, B, usd(10), T0 + (i + 1) * DAY));
      const alerts = runRule(r01Sanctioned, [link, ...daily], { watchlist: lists });
      // Day 1 opens the episode; day 31 is exactly 30 days later: a new episode. The days between
      // join their episode's alert (fold "episode"): 29 after day 1, 9 after day 31.
      const opened = alerts.filter((a) => a.fold === null);
      expect(opened.map((a) => [a.key.split("|")[2], a.subject, a.block, a.gathers])).toEqual([
        ["direct:to", S, link.block, false],
        ["one_hop:from", A, daily[0]!.block, true],
        ["one_hop:from", A, daily[30]!.block, true],
      ]);
      const folded = alerts.filter((a) => a.fold === "episode");
      expect(folded.map((a) => a.block)).toEqual([
        ...daily.slice(1, 30).map((t) => t.block),
        ...daily.slice(31).map((t) => t.block),
      ]);
      // A folded hit brings its trigger only (the link is on the episode's alert) and its key.
      expect(folded.every((a) => a.suppressKey === A && a.evidence.length === 1)).toBe(true);
      expect(evidenceOf(folded[0]!)).toEqual([`${daily[1]!.block}:trigger`]);
      expect(opened[1]?.suppressKey).toBe(A);
      expect(opened[1]?.explanation).toContain(
        "within 30 days raise no new alert: they are added to this one",
      );
    });

    it("respects an episode raised in an earlier run", () => {
      const t = transfer(A, B, usd(10), T0 + 5 * DAY);
      const seeds = emptySeeds();
      seeds.hops.set(A, {
        listed: S,
        ref: { source: "transfer", block: 1, txHash: "0x01", logIndex: 0, role: "link" },
        time: T0,
      });
      const episodes = [{ ruleId: "R1" as const, key: A, time: T0 + DAY }];
      const alerts = runRule(r01Sanctioned, [t], { watchlist: lists, seeds, episodes });
      // No new alert: the hit joins the earlier run's episode alert.
      expect(alerts.map((a) => [a.fold, a.subject, a.suppressKey, a.amount])).toEqual([
        ["episode", A, A, usd(10)],
      ]);
    });

    it("exempts business wallets from one hop, never from a direct hit", () => {
      const deposit = transfer(S, EX, usd(2_000), T0);
      const life = Array.from({ length: 5 }, (_, i) => transfer(EX, B, usd(50), T0 + (i + 1) * DAY));
      const book = [entityRow(EX, { entityId: 3, kind: "exchange" })];
      const alerts = runRule(r01Sanctioned, [deposit, ...life], { watchlist: lists, book });
      expect(alerts.map((a) => [a.key.split("|")[2], a.subject])).toEqual([["direct:from", S]]);
      const watched = runRule(r01Sanctioned, [deposit, ...life], {
        watchlist: lists,
        book,
        params: { exemptEntityKinds: [] },
      });
      expect(watched.map((a) => [a.key.split("|")[2], a.subject, a.block, a.fold])).toEqual([
        ["direct:from", S, deposit.block, null],
        ["one_hop:from", EX, life[0]!.block, null],
        ...life.slice(1).map((t) => ["one_hop:from", EX, t.block, "episode"]),
      ]);
    });

    it("lets exposure lapse 90 days after the latest contact, exactly 90 still exposed", () => {
      const link = transfer(A, S, usd(100), T0);
      const at90 = transfer(A, B, usd(10), T0 + 90 * DAY);
      const after = transfer(B, A, usd(10), T0 + 90 * DAY + 1);
      const short = { oneHopEpisodeSeconds: 60 };
      expect(
        runRule(r01Sanctioned, [link, at90], { watchlist: lists, params: short }).map(
          (a) => a.key.split("|")[2],
        ),
      ).toEqual(["direct:to", "one_hop:from"]);
      expect(
        runRule(r01Sanctioned, [link, after], { watchlist: lists, params: short }).map(
          (a) => a.key.split("|")[2],
        ),
      ).toEqual(["direct:to"]);
    });

    it("renews exposure from a later contact and cites it as the link", () => {
      const first = transfer(A, S, usd(100), T0);
      const again = transfer(S, A, usd(7), T0 + 80 * DAY);
      const later = transfer(A, C, usd(10), T0 + 150 * DAY);
      const alerts = runRule(r01Sanctioned, [first, again, later], { watchlist: lists });
      expect(alerts.map((a) => [a.key.split("|")[2], a.subject])).toEqual([
        ["direct:to", S],
        ["direct:from", S],
        ["one_hop:from", A],
      ]);
      expect(evidenceOf(alerts[2]!)).toEqual([`${again.block}:link`, `${later.block}:trigger`]);
      expect(alerts[2]?.facts.since).toBe("70 days");
    });
  });
});
