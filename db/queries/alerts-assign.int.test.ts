// Alert assignment over the alert list's seed. These tests write assignees, so they run on their
// own database: the list, trend and export tests always see the seed as written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { listSeeds, seedAlertsList } from "../testing/alerts-list-fixture";
import {
  assignAlerts,
  listAssignableUsers,
  listAssigneeOptions,
  type AlertFilter,
  type ListAlertsParams,
} from "./alerts-list";

let handle: DbHandle;
let database: TestDatabase;
let ids: number[] = [];

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alerts_assign"));
  ({ ids } = await seedAlertsList(handle.db));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

/** Seed numbers (1-based, SEEDS order) of the listed alerts. */
const list = (filter: AlertFilter, page?: Partial<ListAlertsParams>) =>
  listSeeds(handle.db, ids, filter, page);

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
