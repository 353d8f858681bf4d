import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { users } from "../schema/auth";
import { addresses, entities } from "../schema/registry";
import { alerts, type AlertStatus, type RuleId, type Severity } from "../schema/monitoring";
import {
  assignAlerts,
  LIVE_ALERT_STATUSES,
  listAlerts,
  listAssignableUsers,
  listAssigneeOptions,
  type AlertFilter,
  type ListAlertsParams,
} from "./alerts-list";
import { countAlertsOverTime } from "./alerts-trend";
import { streamAlertExport } from "./exports";

let handle: DbHandle;
let database: TestDatabase;
const E18 = 10n ** 18n;
const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
const S1 = A(0x51);
const S2 = A(0x52);
const S3 = A(0x53);
const S4 = A(0x54);
const Y = A(0x99);
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

/** [rule, severity, score, status, chain, subject, time, USD1, origin, destination, entities, assignee, parties] */
type Seed = [
  RuleId,
  Severity,
  number,
  AlertStatus,
  number,
  `0x${string}` | null,
  Date,
  bigint | null,
  string | null,
  string | null,
  ("gulf" | "bank" | "otc")[],
  string | null,
  `0x${string}`[],
];
const SEEDS: Seed[] = [
  [
    "R1",
    "severe",
    95,
    "open",
    31337,
    S1,
    at("2026-06-01", 10),
    2_000n,
    "AE",
    "PK",
    ["gulf"],
    null,
    [S1, A(1)],
  ],
  [
    "R2",
    "high",
    70,
    "in_review",
    31337,
    S2,
    at("2026-06-01", 12),
    950n,
    "AE",
    "PK",
    ["gulf", "bank"],
    "u-ana",
    [S2, Y],
  ],
  [
    "R3",
    "high",
    75,
    "escalated",
    31338,
    S2,
    at("2026-06-02", 9),
    4_800n,
    "SA",
    "PK",
    ["bank"],
    "u-colm",
    [S2, A(2)],
  ],
  [
    "R6",
    "medium",
    50,
    "reported",
    31337,
    S3,
    at("2026-06-03", 8),
    15_000n,
    "GB",
    "PK",
    ["otc"],
    "u-ana",
    [S3],
  ],
  ["R10", "severe", 90, "open", 31338, null, at("2026-06-04", 0), null, null, null, [], null, []],
  ["R12", "low", 20, "dismissed", 31337, S1, at("2026-06-10", 6), 500n, "AE", "ZZ", ["gulf"], "u-gus", [S1]],
  ["R9", "medium", 40, "withdrawn", 31338, S4, at("2026-07-11", 23), 3_000n, "ZZ", "PK", [], null, [S4]],
];
let ids: number[] = [];
let entityIds: Record<"gulf" | "bank" | "otc", number>;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alerts_list"));
  const db = handle.db;
  await db.insert(users).values([
    { id: "u-ana", name: "Ana Analyst", email: "ana@bank.test", role: "analyst" },
    { id: "u-bea", name: "Bea Analyst", email: "bea@bank.test", role: "analyst" },
    { id: "u-colm", name: "Colm Compliance", email: "colm@bank.test", role: "compliance_officer" },
    { id: "u-gus", name: "Gus Gone", email: "gus@bank.test", role: "analyst", banned: true },
    { id: "u-ada", name: "Ada Admin", email: "ada@bank.test", role: "admin" },
  ]);
  const [gulf, bank, otc] = await db
    .insert(entities)
    .values([
      { name: "Gulf Exchange", kind: "exchange", country: "AE", licenceStatus: "licensed" },
      { name: "PK Bank", kind: "bank", country: "PK", licenceStatus: "licensed" },
      { name: "OTC Desk", kind: "other", country: "GB", licenceStatus: "unlicensed" },
    ])
    .returning({ id: entities.id });
  entityIds = { gulf: gulf!.id, bank: bank!.id, otc: otc!.id };
  await db.insert(addresses).values([
    { chainId: 31337, address: S1, entityId: entityIds.gulf, label: "Gulf hot wallet" },
    { chainId: 31337, address: S2, entityId: null, label: "Customer wallet" },
  ]);
  const rows = await db
    .insert(alerts)
    .values(
      SEEDS.map(
        (
          [ruleId, severity, score, status, chainId, subject, time, usd, o, d, ents, assignee, parties],
          i,
        ) => ({
          alertKey: `k${i}`,
          ruleId,
          ruleVersion: 1,
          logicVersion: 1,
          params: {},
          severity,
          score,
          status,
          assignee,
          chainId,
          subject,
          blockNumber: BigInt(100 + i),
          blockTime: time,
          txHash: `0x${(i + 1).toString(16).padStart(64, "0")}` as `0x${string}`,
          logIndex: i,
          amount: usd === null ? null : usd * E18,
          addresses: parties,
          entityIds: ents.map((e) => entityIds[e]),
          corridorOrigin: o,
          corridorDestination: d,
          explanation: `alert ${i + 1}`,
          facts: {},
        }),
      ),
    )
    .returning({ id: alerts.id });
  ids = rows.map((r) => Number(r.id));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

/** Seed numbers (1-based, SEEDS order) of the listed alerts. */
async function list(filter: AlertFilter, page: Partial<ListAlertsParams> = {}) {
  const r = await listAlerts(handle.db, {
    sort: "time",
    dir: "desc",
    limit: 50,
    offset: 0,
    ...filter,
    ...page,
  });
  return { seeds: r.rows.map((row) => ids.indexOf(row.id) + 1), total: r.total, rows: r.rows };
}

describe("listAlerts", () => {
  it("lists every alert newest first, with subject, assignee and exact amounts", async () => {
    const { seeds, total, rows } = await list({});
    expect([seeds, total]).toEqual([[7, 6, 5, 4, 3, 2, 1], 7]);
    const first = rows.find((r) => r.id === ids[0])!;
    expect(first).toMatchObject({
      ruleId: "R1",
      severity: "severe",
      status: "open",
      chainId: 31337,
      subject: S1,
      subjectLabel: "Gulf hot wallet",
      subjectEntity: "Gulf Exchange",
      amount: 2_000n * E18,
      corridorOrigin: "AE",
      corridorDestination: "PK",
      assigneeId: null,
      blockTime: "2026-06-01T10:00:00Z",
      blockNumber: 100n,
    });
    expect(rows.find((r) => r.id === ids[1])).toMatchObject({
      subjectEntity: null,
      subjectLabel: "Customer wallet",
      assigneeName: "Ana Analyst",
      assigneeEmail: "ana@bank.test",
    });
    expect(rows.find((r) => r.id === ids[4])).toMatchObject({
      subject: null,
      amount: null,
      corridorOrigin: null,
    });
  });

  it.each<[string, AlertFilter, number[]]>([
    ["live statuses", { statuses: LIVE_ALERT_STATUSES }, [5, 3, 2, 1]],
    ["one status", { statuses: ["withdrawn"] }, [7]],
    ["no status", { statuses: [] }, []],
    ["chain", { chainId: 31338 }, [7, 5, 3]],
    ["rule", { ruleId: "R2" }, [2]],
    ["severity", { severity: "severe" }, [5, 1]],
    ["assignee", { assignee: "u-ana" }, [4, 2]],
    ["unassigned", { assignee: null }, [7, 5, 1]],
    ["origin", { origin: "AE" }, [6, 2, 1]],
    ["destination", { destination: "PK" }, [7, 4, 3, 2, 1]],
    ["corridor", { origin: "ZZ", destination: "PK" }, [7]],
    ["address among the parties", { address: Y }, [2]],
    ["address as subject", { address: S2 }, [3, 2]],
    ["date range", { since: at("2026-06-02", 0), until: at("2026-06-03", 8) }, [3]],
    ["date range, until exclusive", { since: at("2026-06-02", 0), until: at("2026-06-03", 9) }, [4, 3]],
    ["amount range", { minAmount: 1_000n * E18, maxAmount: 4_800n * E18 }, [7, 3, 1]],
    ["amount, inclusive to the wei", { minAmount: 4_800n * E18 + 1n }, [4]],
    ["combined", { statuses: LIVE_ALERT_STATUSES, chainId: 31337, severity: "high" }, [2]],
  ])("filters by %s", async (_name, filter, expected) => {
    const { seeds, total } = await list(filter);
    expect(seeds).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it("filters by entity", async () => {
    expect((await list({ entityId: entityIds.bank })).seeds).toEqual([3, 2]);
    expect((await list({ entityId: entityIds.otc })).seeds).toEqual([4]);
  });

  it("sorts by severity, score, amount (no amount last) and id; pages stay stable", async () => {
    expect((await list({}, { sort: "severity", dir: "desc" })).seeds).toEqual([5, 1, 3, 2, 7, 4, 6]);
    expect((await list({}, { sort: "score", dir: "asc" })).seeds).toEqual([6, 7, 4, 2, 3, 5, 1]);
    expect((await list({}, { sort: "amount", dir: "asc" })).seeds).toEqual([6, 2, 1, 7, 3, 4, 5]);
    expect((await list({}, { sort: "amount", dir: "desc" })).seeds).toEqual([4, 3, 7, 1, 2, 6, 5]);
    expect((await list({}, { sort: "id", dir: "asc" })).seeds).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const page2 = await list({}, { limit: 3, offset: 3 });
    expect([page2.seeds, page2.total]).toEqual([[4, 3, 2], 7]);
    const past = await list({}, { limit: 3, offset: 9 });
    expect([past.seeds, past.total]).toEqual([[], 7]);
  });
});

describe("countAlertsOverTime", () => {
  it("counts per UTC day by severity and rule, empty days included", async () => {
    const t = await countAlertsOverTime(handle.db, {});
    expect(t.bucket).toBe("day");
    expect(t.points).toHaveLength(41); // 2026-06-01 … 2026-07-11
    expect([t.points[0]?.start, t.points[40]?.start]).toEqual(["2026-06-01", "2026-07-11"]);
    const nonEmpty = t.points
      .filter((p) => Object.values(p.bySeverity).some((n) => n > 0))
      .map((p) => [p.start, p.bySeverity]);
    expect(nonEmpty).toEqual([
      ["2026-06-01", { severe: 1, high: 1, medium: 0, low: 0 }],
      ["2026-06-02", { severe: 0, high: 1, medium: 0, low: 0 }],
      ["2026-06-03", { severe: 0, high: 0, medium: 1, low: 0 }],
      ["2026-06-04", { severe: 1, high: 0, medium: 0, low: 0 }],
      ["2026-06-10", { severe: 0, high: 0, medium: 0, low: 1 }],
      ["2026-07-11", { severe: 0, high: 0, medium: 1, low: 0 }],
    ]);
    expect(t.points[0]?.byRule).toMatchObject({ R1: 1, R2: 1, R3: 0 });
    expect([t.total, t.bySeverity]).toEqual([7, { severe: 2, high: 2, medium: 2, low: 1 }]);
    expect(t.byRule).toEqual({
      R1: 1,
      R2: 1,
      R3: 1,
      R4: 0,
      R5: 0,
      R6: 1,
      R7: 0,
      R8: 0,
      R9: 1,
      R10: 1,
      R11: 0,
      R12: 1,
    });
  });

  it("agrees with the list's total for the same filter, and spans the filter's own range", async () => {
    const filter: AlertFilter = {
      statuses: LIVE_ALERT_STATUSES,
      since: at("2026-05-30", 0),
      until: at("2026-06-05", 0),
    };
    const t = await countAlertsOverTime(handle.db, filter);
    expect(t.total).toBe((await list(filter)).total);
    expect(t.points.map((p) => [p.start, p.bySeverity.severe + p.bySeverity.high])).toEqual([
      ["2026-05-30", 0],
      ["2026-05-31", 0],
      ["2026-06-01", 2],
      ["2026-06-02", 1],
      ["2026-06-03", 0],
      ["2026-06-04", 1],
    ]);
  });

  it("counts per ISO week (from Monday) over a long range", async () => {
    const t = await countAlertsOverTime(handle.db, {
      since: at("2026-01-01", 0),
      until: at("2026-07-12", 0),
    });
    expect(t.bucket).toBe("week");
    expect(t.points).toHaveLength(28);
    expect([t.points[0]?.start, t.points[27]?.start]).toEqual(["2025-12-29", "2026-07-06"]);
    const weeks = t.points
      .map((p) => [p.start, Object.values(p.bySeverity).reduce((a, b) => a + b, 0)] as const)
      .filter(([, n]) => n > 0);
    expect(weeks).toEqual([
      ["2026-06-01", 5],
      ["2026-06-08", 1],
      ["2026-07-06", 1],
    ]);
  });

  it("has no points when nothing matches and the range is open", async () => {
    const t = await countAlertsOverTime(handle.db, { ruleId: "R4" });
    expect([t.points, t.total]).toEqual([[], 0]);
  });
});

describe("alerts export reader", () => {
  it("streams exactly the view's rows, in id order, in keyset batches", async () => {
    const filter: AlertFilter = { statuses: LIVE_ALERT_STATUSES };
    const out: { id: string; assigneeEmail: string | null }[] = [];
    for await (const batch of streamAlertExport(handle.db, { filter, batchSize: 2 })) out.push(...batch);
    expect(out.map((r) => [Number(r.id), r.assigneeEmail])).toEqual([
      [ids[0], null],
      [ids[1], "ana@bank.test"],
      [ids[2], "colm@bank.test"],
      [ids[4], null],
    ]);
  });
});

describe("assignment", () => {
  it("lists the active triage users, and anyone still holding alerts for the filter", async () => {
    expect((await listAssignableUsers(handle.db)).map((u) => [u.id, u.role])).toEqual([
      ["u-ana", "analyst"],
      ["u-bea", "analyst"],
      ["u-colm", "compliance_officer"],
    ]);
    expect((await listAssigneeOptions(handle.db)).map((u) => [u.id, u.assignable])).toEqual([
      ["u-ana", true],
      ["u-bea", true],
      ["u-colm", true],
      ["u-gus", false],
    ]);
  });

  const assigneeOf = async (seed: number) =>
    (await list({}, { limit: 50 })).rows.find((r) => r.id === ids[seed - 1])?.assigneeId;

  it("refuses the whole batch for an unknown id or a closed case", async () => {
    const db = handle.db;
    const unknown = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [ids[0]!, 999_999], assignee: "u-bea" }),
    );
    expect(unknown).toEqual({ notFound: [999_999], closed: [], changes: [], unchanged: [] });
    const closed = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [ids[0]!, ids[3]!, ids[5]!], assignee: "u-bea" }),
    );
    expect(closed).toEqual({
      notFound: [],
      closed: [
        { id: ids[3], status: "reported" },
        { id: ids[5], status: "dismissed" },
      ],
      changes: [],
      unchanged: [],
    });
    expect(await assigneeOf(1)).toBeNull();
  });

  it("assigns, reassigns and unassigns, reporting each change", async () => {
    const db = handle.db;
    const [a1, a2, a3, , a5, , a7] = ids as [number, number, number, number, number, number, number];
    const first = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [a5, a1, a2, a2], assignee: "u-bea" }),
    );
    expect(first).toEqual({
      notFound: [],
      closed: [],
      changes: [
        { id: a1, from: null, to: "u-bea" },
        { id: a2, from: "u-ana", to: "u-bea" },
        { id: a5, from: null, to: "u-bea" },
      ],
      unchanged: [],
    });
    expect((await list({ assignee: "u-bea" })).seeds).toEqual([5, 2, 1]);
    const again = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [a1, a3, a7], assignee: "u-bea" }),
    );
    expect([again.changes, again.unchanged]).toEqual([
      [
        { id: a3, from: "u-colm", to: "u-bea" },
        { id: a7, from: null, to: "u-bea" },
      ],
      [a1],
    ]);
    const off = await db.transaction((tx) => assignAlerts(tx, { alertIds: [a1], assignee: null }));
    expect(off.changes).toEqual([{ id: a1, from: "u-bea", to: null }]);
    expect((await list({ assignee: "u-bea" })).seeds).toEqual([7, 5, 3, 2]);
    expect(await assigneeOf(1)).toBeNull();
  });
});
