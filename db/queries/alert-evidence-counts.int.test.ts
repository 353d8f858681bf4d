// alert_evidence_counts (migration 0017) against a plain count of alert_evidence after every kind of
// write the monitor and the database make: batched inserts with skipped conflicts, deletes, an
// update that moves rows between keys, an alert deleted with its evidence, a truncate.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { insertCaseUsers, insertTestAlert } from "../testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { summarizeCaseEvidence } from "./alert-case";
import { rowsOf } from "./sql-arrays";

let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_alert_evidence_counts"));
  await insertCaseUsers(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

type Count = { alert_id: number; source: string; chain_id: number; n: number };

async function counts(from: "kept" | "counted"): Promise<Count[]> {
  const q =
    from === "kept"
      ? sql`select alert_id::int, source, chain_id, rows::int as n from alert_evidence_counts`
      : sql`select alert_id::int, source, chain_id, count(*)::int as n from alert_evidence group by 1, 2, 3`;
  const rows = rowsOf<Count>(await handle.db.execute(q));
  return rows.sort(
    (a, b) => a.alert_id - b.alert_id || a.source.localeCompare(b.source) || a.chain_id - b.chain_id,
  );
}

/** `n` evidence rows for an alert: log indexes from `first`, on `chain`, of `source`. */
function evidence(alertId: number, source: string, chain: number, first: number, n: number) {
  return sql`insert into alert_evidence (alert_id, chain_id, source, block_number, tx_hash, log_index, role)
    select ${alertId}, ${chain}, ${source}, 100 + g, '0x' || lpad(to_hex(${chain}::int), 64, '0'), g, 'inbound'
    from generate_series(${first}::int, ${first + n - 1}::int) g
    on conflict do nothing`;
}

describe("alert_evidence_counts", () => {
  it("follows alert_evidence through inserts, conflicts, deletes, updates, cascades and truncate", async () => {
    const db = handle.db;
    const a = await insertTestAlert(db);
    const b = await insertTestAlert(db);
    await db.execute(evidence(a, "transfer", 1, 0, 500));
    await db.execute(evidence(a, "transfer", 56, 0, 30));
    await db.execute(evidence(a, "token_event", 1, 0, 4));
    await db.execute(evidence(b, "transfer", 1, 0, 10));
    // 250 already there: only the 250 new rows count.
    await db.execute(evidence(a, "transfer", 1, 250, 500));
    expect(await counts("kept")).toEqual([
      { alert_id: a, source: "token_event", chain_id: 1, n: 4 },
      { alert_id: a, source: "transfer", chain_id: 1, n: 750 },
      { alert_id: a, source: "transfer", chain_id: 56, n: 30 },
      { alert_id: b, source: "transfer", chain_id: 1, n: 10 },
    ]);
    expect(await counts("kept")).toEqual(await counts("counted"));
    expect(await summarizeCaseEvidence(db, { id: a })).toEqual({
      total: 784,
      logs: 784,
      reports: 0,
      swaps: 0,
      chainIds: [1, 56],
    });

    // A withdrawal's delete; a key emptied disappears.
    await db.execute(
      sql`delete from alert_evidence where alert_id = ${a} and (log_index < 100 or chain_id = 56)`,
    );
    await db.execute(sql`delete from alert_evidence where alert_id = ${a} and source = 'token_event'`);
    expect(await counts("kept")).toEqual(await counts("counted"));
    expect((await counts("kept")).filter((c) => c.alert_id === a)).toEqual([
      { alert_id: a, source: "transfer", chain_id: 1, n: 650 },
    ]);

    // An update that moves rows to another chain.
    await db.execute(sql`update alert_evidence set chain_id = 10 where alert_id = ${a} and log_index >= 700`);
    expect(await counts("kept")).toEqual(await counts("counted"));
    expect((await summarizeCaseEvidence(db, { id: a })).chainIds).toEqual([1, 10]);

    // An alert deleted takes its evidence, and its counts, with it.
    await db.execute(sql`delete from alerts where id = ${b}`);
    expect((await counts("kept")).some((c) => c.alert_id === b)).toBe(false);
    expect(await counts("kept")).toEqual(await counts("counted"));

    await db.execute(sql`truncate alert_evidence`);
    expect(await counts("kept")).toEqual([]);
    expect(await summarizeCaseEvidence(db, { id: a })).toEqual({
      total: 0,
      logs: 0,
      reports: 0,
      swaps: 0,
      chainIds: [],
    });
  });
});
