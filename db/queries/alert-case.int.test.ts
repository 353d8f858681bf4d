// The case page's query on a hand-built chain: evidence joined to transfers and token events with
// attribution, parties with watchlist hits, the ±14-day activity and counterparty graph (window
// edges, self-transfers, mints, another chain left out), notes and the decision history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { addresses, chains, entities, tokenEvents, transfers } from "../schema";
import { alertEvidence, alertHistory, alertNotes } from "../schema/monitoring";
import { importWatchlistRows } from "./watchlists";
import {
  addr,
  CASE_USERS,
  insertCaseUsers,
  insertTestAlert,
  txHash,
  usd,
} from "../testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { EVIDENCE_PAGE_SIZE, getAlertCase } from "./alert-case";
import { alertWindow, getAlertGraph } from "./alert-case-activity";

let handle: DbHandle;
let database: TestDatabase;
let alertId: number;

const CHAIN = 31337;
const S = addr(0xc5); // subject: unattributed customer
const A = addr(0xa1); // Gulf Exchange hot wallet
const B = addr(0xb1); // Shady Remit (unlicensed)
const L = addr(0xf1); // listed, no entity
const X = addr(0x99); // the token's freezer
const ZERO = addr(0);
const T = new Date("2026-03-15T12:00:00Z");

type Row = [n: number, from: `0x${string}`, to: `0x${string}`, usd: number, at: string, chain?: number];
const ROWS: Row[] = [
  [1, A, S, 1000, "2026-02-23T12:00:00Z"], // before the window
  [2, A, S, 500, "2026-03-01T00:00:00Z"], // first instant of the window
  [3, S, B, 300, "2026-03-10T10:00:00Z"],
  [4, S, B, 200, "2026-03-10T11:00:00Z"],
  [5, L, S, 700, "2026-03-15T11:00:00Z"],
  [6, S, L, 100, "2026-03-15T12:00:00Z"], // the trigger
  [7, ZERO, S, 25, "2026-03-16T08:00:00Z"], // a mint
  [8, S, S, 50, "2026-03-20T09:00:00Z"], // self-transfer
  [9, B, S, 40, "2026-03-29T23:59:59Z"], // last second of the window
  [10, A, S, 999, "2026-03-30T00:00:00Z"], // after the window
  [11, S, B, 5000, "2026-03-15T12:00:00Z", 31338], // another chain
  [12, A, B, 10, "2026-03-15T12:00:00Z"], // not the subject's
];

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alert_case"));
  const db = handle.db;
  await insertCaseUsers(db);
  await db.insert(chains).values({
    chainId: CHAIN,
    name: "Ethereum (local)",
    tokenAddress: addr(0x1234),
    startBlock: 0n,
    confirmations: 0,
  });
  const [gulf, shady] = await db
    .insert(entities)
    .values([
      { name: "Gulf Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed" },
      { name: "Shady Remit", kind: "remittance_provider", country: "PK", licenceStatus: "unlicensed" },
    ])
    .returning({ id: entities.id });
  await db.insert(addresses).values([
    { chainId: CHAIN, address: A, entityId: gulf!.id, label: "Gulf hot 1", tags: ["hot_wallet"] },
    { chainId: CHAIN, address: B, entityId: shady!.id, label: "Shady 1", tags: [] },
    { chainId: CHAIN, address: L, entityId: null, label: "Listed", tags: ["sanctioned"] },
    // Attribution is per chain: this row must not name B on 31337.
    { chainId: 31338, address: S, entityId: gulf!.id, label: "elsewhere", tags: [] },
  ]);
  await importWatchlistRows(db, {
    rows: [
      { chainId: CHAIN, address: L, listName: "OFAC SDN", reference: "SDN-1" },
      { chainId: CHAIN, address: L, listName: "Demo mixers", reference: "" },
      { chainId: 31338, address: B, listName: "OFAC SDN", reference: "other chain" },
    ],
    actor: null,
    source: "test",
  });
  await db.insert(transfers).values(
    ROWS.map(([n, from, to, amount, at, chain]) => ({
      chainId: chain ?? CHAIN,
      blockNumber: BigInt(n * 10),
      blockTime: new Date(at),
      txHash: txHash(n),
      logIndex: 0,
      fromAddress: from,
      toAddress: to,
      amount: usd(amount),
      kind: from === ZERO ? ("mint" as const) : ("transfer" as const),
    })),
  );
  await db.insert(tokenEvents).values({
    chainId: CHAIN,
    blockNumber: 60n,
    blockTime: T,
    txHash: txHash(6),
    logIndex: 1,
    emitter: X,
    kind: "freeze",
    actor: X,
    subject: L,
    counterparty: null,
    amount: null,
    args: {},
  });
  alertId = await insertTestAlert(db, { ruleId: "R1", subject: S, addresses: [L, S, B], blockTime: T });
  const ev = (n: number, role: string, source: "transfer" | "token_event" = "transfer", logIndex = 0) => ({
    alertId,
    chainId: CHAIN,
    source,
    blockNumber: BigInt(n * 10),
    txHash: txHash(n),
    logIndex,
    role,
  });
  await db
    .insert(alertEvidence)
    .values([ev(6, "trigger"), ev(5, "inbound"), ev(6, "event", "token_event", 1), ev(77, "link")]);
  await db.insert(alertHistory).values([
    { alertId, fromStatus: "open", toStatus: "in_review", actor: "u-analyst", reason: null },
    { alertId, fromStatus: "in_review", toStatus: "escalated", actor: "u-officer", reason: "listed" },
    { alertId, fromStatus: "escalated", toStatus: "withdrawn", actor: null, reason: "reorg" },
    { alertId, fromStatus: "withdrawn", toStatus: "escalated", actor: null, reason: "reinstated" },
  ]);
  await db.insert(alertNotes).values([
    { alertId, author: "u-analyst", authorEmail: "analyst@test.local", authorRole: "analyst", body: "first" },
    { alertId, author: "u-gone", authorEmail: "gone@test.local", authorRole: "analyst", body: "second" },
  ]);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("getAlertCase", () => {
  it("unknown id → null", async () => {
    expect(await getAlertCase(handle.db, { id: 999_999 })).toBeNull();
  });

  it("the alert with its rule title, chain name and the latest user escalator", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    expect(c?.alert.ruleId).toBe("R1");
    expect(c?.alert.ruleTitle).toBe("Sanctioned counterparty");
    expect(c?.alert.chainName).toBe("Ethereum (local)");
    expect(c?.assignee).toBeNull();
    // The system's reinstatement to "escalated" (actor null) does not count.
    expect(c?.escalatedBy).toEqual({ id: "u-officer", name: "Olga Officer", email: "officer@test.local" });
  });

  it("evidence: transfers and token events with attribution on the alert's chain; a lost log stays listed", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    const rows = c!.evidence.map((e) => ({
      at: `${e.blockNumber}:${e.logIndex}:${e.source}:${e.role}`,
      indexed: e.indexed,
      time: e.blockTime,
      kind: e.kind,
      from: e.from ? [e.from.address, e.from.entityName, e.from.country, e.from.label] : null,
      to: e.to ? [e.to.address, e.to.entityName, e.to.country, e.to.label] : null,
      amount: e.amount,
    }));
    expect(rows).toEqual([
      {
        at: "50:0:transfer:inbound",
        indexed: true,
        time: "2026-03-15T11:00:00Z",
        kind: "transfer",
        from: [L, null, null, "Listed"],
        to: [S, null, null, null],
        amount: usd(700),
      },
      {
        at: "60:0:transfer:trigger",
        indexed: true,
        time: "2026-03-15T12:00:00Z",
        kind: "transfer",
        from: [S, null, null, null],
        to: [L, null, null, "Listed"],
        amount: usd(100),
      },
      {
        at: "60:1:token_event:event",
        indexed: true,
        time: "2026-03-15T12:00:00Z",
        kind: "freeze",
        from: [X, null, null, null],
        to: [L, null, null, "Listed"],
        amount: null,
      },
      {
        at: "770:0:transfer:link",
        indexed: false,
        time: null,
        kind: null,
        from: null,
        to: null,
        amount: null,
      },
    ]);
  });

  it("evidence pages: cut in chain order before the joins; the summary counts the whole case", async () => {
    const at = (c: Awaited<ReturnType<typeof getAlertCase>>) =>
      c!.evidence.map((e) => `${e.blockNumber}:${e.logIndex}:${e.source}`);
    const whole = await getAlertCase(handle.db, { id: alertId });
    expect(whole!.evidencePage).toEqual({ offset: 0, limit: EVIDENCE_PAGE_SIZE });
    expect(whole!.evidenceSummary).toEqual({ total: 4, logs: 4, reports: 0, swaps: 0, chainIds: [CHAIN] });
    const second = await getAlertCase(handle.db, { id: alertId, evidence: { offset: 2, limit: 2 } });
    expect(at(second)).toEqual(["60:1:token_event", "770:0:transfer"]);
    expect(second!.evidence[0]!.from?.address).toBe(X);
    expect(second!.evidenceSummary.total).toBe(4);
    const past = await getAlertCase(handle.db, { id: alertId, evidence: { offset: 100, limit: 100 } });
    expect([past!.evidence.length, past!.evidenceSummary.total]).toEqual([0, 4]);
  });

  it("parties: subject first, then in stored order, with entity, licence, tags and this chain's list hits", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    expect(
      c!.parties.map((p) => [
        p.address,
        p.isSubject,
        p.entityName,
        p.country,
        p.licenceStatus,
        p.label,
        p.tags,
      ]),
    ).toEqual([
      [S, true, null, null, null, null, []],
      [L, false, null, null, null, "Listed", ["sanctioned"]],
      [B, false, "Shady Remit", "PK", "unlicensed", "Shady 1", []],
    ]);
    expect(c!.parties.map((p) => p.watchlist)).toEqual([
      [],
      [
        { list: "Demo mixers", reference: "" },
        { list: "OFAC SDN", reference: "SDN-1" },
      ],
      [],
    ]);
  });

  it("activity: every day of the ±14-day window, exact daily in/out", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    const days = c!.activity;
    expect(days).toHaveLength(29);
    expect(days[0]?.day).toBe("2026-03-01");
    expect(days.at(-1)?.day).toBe("2026-03-29");
    const busy = days
      .filter((d) => d.inCount + d.outCount > 0)
      .map((d) => [d.day, d.inCount, d.inAmount, d.outCount, d.outAmount]);
    expect(busy).toEqual([
      ["2026-03-01", 1, usd(500), 0, 0n],
      ["2026-03-10", 0, 0n, 2, usd(500)],
      ["2026-03-15", 1, usd(700), 1, usd(100)],
      ["2026-03-16", 1, usd(25), 0, 0n],
      ["2026-03-20", 1, usd(50), 1, usd(50)],
      ["2026-03-29", 1, usd(40), 0, 0n],
    ]);
  });

  it("graph: one edge per counterparty and direction, largest first, parties marked", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    expect(c!.graph.totalEdges).toBe(8);
    expect(
      c!.graph.edges.map((e) => [e.direction, e.counterparty, e.entityName, e.isParty, e.count, e.amount]),
    ).toEqual([
      ["in", L, null, true, 1, usd(700)],
      ["in", A, "Gulf Exchange", false, 1, usd(500)],
      ["out", B, "Shady Remit", true, 2, usd(500)],
      ["out", L, null, true, 1, usd(100)],
      ["in", S, null, true, 1, usd(50)],
      ["out", S, null, true, 1, usd(50)],
      ["in", B, "Shady Remit", true, 1, usd(40)],
      ["in", ZERO, null, false, 1, usd(25)],
    ]);
    const top = await getAlertGraph(handle.db, { chainId: CHAIN, address: S, at: T, parties: [], limit: 3 });
    expect([top.totalEdges, top.edges.map((e) => e.amount)]).toEqual([8, [usd(700), usd(500), usd(500)]]);
  });

  it("notes oldest first with the author's name where the user still exists; history with actors", async () => {
    const c = await getAlertCase(handle.db, { id: alertId });
    expect(c!.notes.map((n) => [n.body, n.author.name, n.author.email, n.authorRole])).toEqual([
      ["first", "Ana Analyst", "analyst@test.local", "analyst"],
      ["second", null, "gone@test.local", "analyst"],
    ]);
    expect(c!.history.map((h) => [h.from, h.to, h.actor?.email ?? null, h.reason])).toEqual([
      ["open", "in_review", CASE_USERS.analyst.email, null],
      ["in_review", "escalated", CASE_USERS.officer.email, "listed"],
      ["escalated", "withdrawn", null, "reorg"],
      ["withdrawn", "escalated", null, "reinstated"],
    ]);
  });

  it("the window is whole UTC days centred on the alert's day", () => {
    const w = alertWindow(new Date("2026-03-15T23:59:59Z"));
    expect([w.firstDay, w.alertDay, w.lastDay, w.since.toISOString(), w.until.toISOString()]).toEqual([
      "2026-03-01",
      "2026-03-15",
      "2026-03-29",
      "2026-03-01T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
    ]);
  });
});
