// The alert list and its export reader, read-only over the shared seed (db/testing/alerts-list-fixture).
import { describe, expect, it } from "vitest";
import { at, E18, S1, S2, seededAlertsListDb, Y } from "../testing/alerts-list-fixture";
import { LIVE_ALERT_STATUSES, type AlertFilter } from "./alerts-list";
import { streamAlertExport } from "./exports";

const seeded = seededAlertsListDb("usd1_test_alerts_list");
const { list } = seeded;

describe("listAlerts", () => {
  it("lists every alert newest first, with subject, assignee and exact amounts", async () => {
    const { seeds, total, rows } = await list({});
    expect([seeds, total]).toEqual([[7, 6, 5, 4, 3, 2, 1], 7]);
    const first = rows.find((r) => r.id === seeded.ids[0])!;
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
    expect(rows.find((r) => r.id === seeded.ids[1])).toMatchObject({
      subjectEntity: null,
      subjectLabel: "Customer wallet",
      assigneeName: "Ana Analyst",
      assigneeEmail: "ana@bank.test",
    });
    expect(rows.find((r) => r.id === seeded.ids[4])).toMatchObject({
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
    expect((await list({ entityId: seeded.entityIds.bank })).seeds).toEqual([3, 2]);
    expect((await list({ entityId: seeded.entityIds.otc })).seeds).toEqual([4]);
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

describe("alerts export reader", () => {
  it("streams exactly the view's rows, in id order, in keyset batches", async () => {
    const filter: AlertFilter = { statuses: LIVE_ALERT_STATUSES };
    const out: { id: string; assigneeEmail: string | null }[] = [];
    for await (const batch of streamAlertExport(seeded.db, { filter, batchSize: 2 })) out.push(...batch);
    expect(out.map((r) => [Number(r.id), r.assigneeEmail])).toEqual([
      [seeded.ids[0], null],
      [seeded.ids[1], "ana@bank.test"],
      [seeded.ids[2], "colm@bank.test"],
      [seeded.ids[4], null],
    ]);
  });
});
