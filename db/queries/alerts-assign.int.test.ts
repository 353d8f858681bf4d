// Alert assignment over the alert list's seed. These tests write assignees, so they run on their
// own database: the list, trend and export tests always see the seed as written.
import { describe, expect, it } from "vitest";
import { seededAlertsListDb } from "../testing/alerts-list-fixture";
import { assignAlerts, listAssignableUsers, listAssigneeOptions } from "./alerts-list";

const seeded = seededAlertsListDb("usd1_test_alerts_assign");
const { list } = seeded;

describe("assignment", () => {
  it("lists the active triage users, and anyone still holding alerts for the filter", async () => {
    expect((await listAssignableUsers(seeded.db)).map((u) => [u.id, u.role])).toEqual([
      ["u-ana", "analyst"],
      ["u-bea", "analyst"],
      ["u-colm", "compliance_officer"],
    ]);
    expect((await listAssigneeOptions(seeded.db)).map((u) => [u.id, u.assignable])).toEqual([
      ["u-ana", true],
      ["u-bea", true],
      ["u-colm", true],
      ["u-gus", false],
    ]);
  });

  const assigneeOf = async (seed: number) =>
    (await list({}, { limit: 50 })).rows.find((r) => r.id === seeded.ids[seed - 1])?.assigneeId;

  it("refuses the whole batch for an unknown id or a closed case", async () => {
    const db = seeded.db;
    const unknown = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [seeded.ids[0]!, 999_999], assignee: "u-bea" }),
    );
    expect(unknown).toEqual({ notFound: [999_999], closed: [], changes: [], unchanged: [] });
    const closed = await db.transaction((tx) =>
      assignAlerts(tx, { alertIds: [seeded.ids[0]!, seeded.ids[3]!, seeded.ids[5]!], assignee: "u-bea" }),
    );
    expect(closed).toEqual({
      notFound: [],
      closed: [
        { id: seeded.ids[3], status: "reported" },
        { id: seeded.ids[5], status: "dismissed" },
      ],
      changes: [],
      unchanged: [],
    });
    expect(await assigneeOf(1)).toBeNull();
  });

  it("assigns, reassigns and unassigns, reporting each change", async () => {
    const db = seeded.db;
    const [a1, a2, a3, , a5, , a7] = seeded.ids as [number, number, number, number, number, number, number];
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
