// The alert list's fixture: five users (one banned, one admin), three entities, two labelled
// addresses and seven alerts on two chains, with the statuses, corridors and amount edges the list,
// trend, export and assignment tests assert on. Tests name alerts by seed number (1-based, SEEDS order).
import { afterAll, beforeAll } from "vitest";
import type { Db, DbHandle } from "../client";
import {
  listAlerts,
  type AlertFilter,
  type AlertListRow,
  type ListAlertsParams,
} from "../queries/alerts-list";
import { users } from "../schema/auth";
import { openTestDb, type TestDatabase } from "./test-db";
import { addresses, entities } from "../schema/registry";
import { alerts, type AlertStatus, type RuleId, type Severity } from "../schema/monitoring";

export const E18 = 10n ** 18n;
const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as `0x${string}`;
export const S1 = A(0x51);
export const S2 = A(0x52);
const S3 = A(0x53);
const S4 = A(0x54);
export const Y = A(0x99);
export const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

export type EntityKey = "gulf" | "bank" | "otc";

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
  EntityKey[],
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

export type AlertsListFixture = {
  /** Alert ids in SEEDS order: seed n is `ids[n - 1]`. */
  ids: number[];
  entityIds: Record<EntityKey, number>;
};

/** Seeds the users, entities, addresses and SEEDS' alerts into a fresh, migrated database. */
export async function seedAlertsList(db: Db): Promise<AlertsListFixture> {
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
  const entityIds: Record<EntityKey, number> = { gulf: gulf!.id, bank: bank!.id, otc: otc!.id };
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
  return { ids: rows.map((r) => Number(r.id)), entityIds };
}

/** Seed numbers (1-based, SEEDS order) of the listed alerts. */
export async function listSeeds(
  db: Db,
  ids: number[],
  filter: AlertFilter,
  page: Partial<ListAlertsParams> = {},
): Promise<{ seeds: number[]; total: number; rows: AlertListRow[] }> {
  const r = await listAlerts(db, {
    sort: "time",
    dir: "desc",
    limit: 50,
    offset: 0,
    ...filter,
    ...page,
  });
  return { seeds: r.rows.map((row) => ids.indexOf(row.id) + 1), total: r.total, rows: r.rows };
}

/**
 * The calling test file's own database with this seed: vitest hooks create, migrate and seed it
 * before the file's tests and drop it after them. Read `db`, `ids` and `entityIds` inside tests.
 */
export function seededAlertsListDb(prefix: string) {
  let opened: { handle: DbHandle; database: TestDatabase } | undefined;
  let seeded: AlertsListFixture | undefined;
  beforeAll(async () => {
    opened = await openTestDb(prefix);
    seeded = await seedAlertsList(opened.handle.db);
  });
  afterAll(async () => {
    await opened?.handle.close();
    await opened?.database.drop();
  });
  const ready = () => {
    if (!opened || !seeded) throw new Error("the alert list seed is read before beforeAll ran");
    return { db: opened.handle.db, ...seeded };
  };
  return {
    get db(): Db {
      return ready().db;
    },
    get ids(): number[] {
      return ready().ids;
    },
    get entityIds(): Record<EntityKey, number> {
      return ready().entityIds;
    },
    /** Seed numbers (1-based, SEEDS order) of the listed alerts. */
    list: (filter: AlertFilter, page?: Partial<ListAlertsParams>) =>
      listSeeds(ready().db, ready().ids, filter, page),
  };
}
