// EXPLAIN tests (#18): the view queries, run through their own functions on a synthetic history
// just large enough for the planner's choice to be real, must not read `transfers` or `balances`
// sequentially. Plans come from auto_explain on a dedicated connection (testing/plan-capture.ts),
// so nested statements and the plan Postgres actually ran are what is checked, not a copy of the SQL.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address, Hash } from "viem";
import type { DbHandle } from "../client";
import { openPlanCapture, planNodes, seqScansOn, type PlanCapture } from "../testing/plan-capture";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import {
  getAddressBalanceHistory,
  getAddressCounterparties,
  getLatestWindow,
  LATEST_LEGS,
} from "./address-history";
import { getAddressActivity, getAddressRegistry } from "./addresses";
import { getAlertCase, listCaseEvidence, summarizeCaseEvidence } from "./alert-case";
import { getAlertActivity, getAlertGraph } from "./alert-case-activity";
import { rowsOf } from "./sql-arrays";
import { listAlerts, listAssigneeOptions } from "./alerts-list";
import { countAlertsOverTime } from "./alerts-trend";
import { getIndexerStatus, getLatestReconciliations } from "./chain-status";
import { getCorridorCells, getCorridorCoverage, getInboundSeries } from "./corridors";
import { getIssuanceWindows } from "./issuance";
import { listAlertsForAddress } from "./monitoring-alerts";
import { getSupplyByChain, listKnownChains } from "./overview";
import { getNetworkFlows, getSupplySeries } from "./supply";
import { listAddressAdminEvents, listAdminEvents, listReconciliations } from "./supply-events";
import { getHolderConcentration, getTaggedHoldings, listTopHolders } from "./supply-holders";
import { SYNTHETIC, syntheticAddress, writeSyntheticHistory } from "./synthetic-history";
import { getTopCorridors } from "./top-corridors";
import { listEntityOptions, listTransactions } from "./transactions";

const TABLES = ["transfers", "balances"] as const;
const END_DAY = "2026-06-30";
const NOW = new Date(`${END_DAY}T23:59:00Z`);
const TRANSFERS = 60_000;

let handle: DbHandle;
let database: TestDatabase;
let capture: PlanCapture;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_test_view_plans"));
  await writeSyntheticHistory(handle.db, {
    transfers: TRANSFERS,
    addresses: 20_000,
    registered: 2_000,
    days: 60,
    tailBlocks: 200,
    endDay: END_DAY,
  });
  // Alerts over the same parties (admin-less transfer alerts), some assigned: the alerts list's
  // address, entity and assignee filters have something to find.
  await handle.db.execute(sql`insert into users (id, name, email, role)
    select 'u' || n, 'Analyst ' || n, 'analyst' || n || '@example.test', 'analyst' from generate_series(1, 5) n`);
  await handle.db.execute(sql`insert into alerts (alert_key, rule_id, rule_version, logic_version, params,
      severity, score, status, assignee, chain_id, subject, block_number, block_time, tx_hash, log_index,
      amount, addresses, entity_ids, corridor_origin, corridor_destination, explanation, facts)
    select 'k' || t.tx_hash, 'R1', 1, 1, '{}'::jsonb, 'medium', 50,
      case when i % 3 = 0 then 'dismissed' else 'open' end,
      case when i % 7 = 0 then 'u' || (1 + i % 5) end,
      t.chain_id, t.from_address, t.block_number, t.block_time, t.tx_hash, t.log_index, t.amount,
      array[t.from_address, t.to_address], array[1 + i % 50], 'AE', 'PK', 'synthetic', '{}'::jsonb
    from (select t.*, row_number() over (order by t.block_number) as i from transfers t
      where t.block_number % 10 = 3) t`);
  await handle.db.execute(sql`analyze`);
  capture = await openPlanCapture(database.url);
}, 120_000);

afterAll(async () => {
  await capture?.close();
  await handle?.close();
  await database?.drop();
});

/** Runs `fn` on the capturing handle; returns its sequential scans of `tables` (transfers, balances). */
async function seqScans(
  fn: (db: PlanCapture["handle"]["db"]) => Promise<unknown>,
  tables: readonly string[] = TABLES,
): Promise<string[]> {
  capture.take();
  await fn(capture.handle.db);
  const plans = capture.take();
  expect(plans.length).toBeGreaterThan(0);
  return seqScansOn(plans, tables);
}

const ordinary = syntheticAddress(SYNTHETIC.firstOrdinary + 17) as Address;
const hot = syntheticAddress(3) as Address;
const treasury = syntheticAddress(SYNTHETIC.treasury) as Address;

describe("view queries read transfers and balances through indexes", () => {
  it("overview", async () => {
    const since = "2026-06-01";
    expect(
      await seqScans(async (db) => {
        await listKnownChains(db);
        await getSupplyByChain(db);
        await getNetworkFlows(db);
        await getIssuanceWindows(db, { now: NOW });
        await getTopCorridors(db, { since, limit: 5 });
        await getIndexerStatus(db);
        await getLatestReconciliations(db);
      }),
    ).toEqual([]);
  });

  it("supply: series, tagged holdings, admin events, reconciliations", async () => {
    expect(
      await seqScans(async (db) => {
        await getSupplySeries(db, { fromDay: null, toDay: END_DAY, today: END_DAY });
        await getSupplySeries(db, { chainId: 56, fromDay: "2026-06-01", toDay: END_DAY, today: END_DAY });
        await getTaggedHoldings(db);
        await getTaggedHoldings(db, { chainId: 1 });
        await listAdminEvents(db, { limit: 25, offset: 0, since: null, until: NOW, sort: null });
        await listReconciliations(db, { limit: 25, offset: 0, since: null, until: NOW, sort: null });
      }),
    ).toEqual([]);
  });

  const page = { sort: "time", dir: "desc", limit: 25, offset: 0 } as const;

  it("supply: holders and concentration", async () => {
    // From holder_stats and the top of the balance indexes, the tail's addresses swapped in.
    expect(
      await seqScans(
        async (db) => {
          await getHolderConcentration(db);
          await getHolderConcentration(db, { chainId: 56 });
          await listTopHolders(db, { limit: 25, offset: 0, sort: null });
          await listTopHolders(db, {
            chainId: 1,
            limit: 25,
            offset: 50,
            sort: { id: "balance", desc: true },
          });
        },
        [...TABLES, "address_totals"],
      ),
    ).toEqual([]);
    // A search that cannot match an address (not hex) reads the registry's matches only.
    expect(
      await seqScans(async (db) => {
        const found = await listTopHolders(db, { limit: 25, offset: 0, sort: null, q: "Entity 7" });
        expect(found.total).toBeGreaterThan(0);
        await listTopHolders(db, { chainId: 1, limit: 25, offset: 0, sort: null, q: "hot wallet" });
      }),
    ).toEqual([]);
  });

  it("transactions: default page", async () => {
    expect(
      await seqScans(async (db) => {
        await listEntityOptions(db);
        await listTransactions(db, page);
        await listTransactions(db, { ...page, chainId: 56 });
        // A deep page by keyset: the rows after a transfer half-way through the history.
        const mid = (await listTransactions(db, { ...page, limit: 1, offset: TRANSFERS / 2 })).rows[0]!;
        const deep = await listTransactions(db, { ...page, after: mid });
        expect(deep.rows[0]?.blockNumber).toBe(mid.blockNumber - 1n);
        await listTransactions(db, { ...page, chainId: 1, before: mid });
      }),
    ).toEqual([]);
  });

  it("transactions: by entity and by tx hash without chain", async () => {
    const hash = `0x${(4242).toString(16).padStart(64, "0")}` as Hash;
    expect(
      await seqScans(async (db) => {
        await listTransactions(db, { ...page, entityId: 20 });
        await listTransactions(db, { ...page, txHash: hash });
      }),
    ).toEqual([]);
  });

  // Not yet: the capped count (COUNT_CAP + 1 matches) behind a country or amount filter is a
  // sequential scan under its Limit. Dense matches stop it early (1M transfers: 80 ms for a country,
  // 19 ms for amount >= 900); a rare amount reads the whole table (amount >= 999.9: 147 ms at 1M).
  // Sorting by amount reads and sorts every transfer (2.7 s at 1M). An index on amount serves both
  // (14 ms, 16 ms) but made each insert into transfers about a third slower (100k rows: 3.9 s
  // against 2.9 s, three alternating runs): left for the ingest budget to decide (#18).
  it.todo("transactions: by country and by amount, sorted by amount");

  it("address page: an ordinary address, a hot wallet and the treasury", async () => {
    for (const address of [ordinary, hot, treasury]) {
      expect(
        await seqScans(async (db) => {
          await getAddressRegistry(db, { address });
          await getAddressActivity(db, { address });
          // The page's default window: the latest legs.
          const { since } = await getLatestWindow(db, { address, latest: LATEST_LEGS });
          const window = { since, until: null, maxLegs: LATEST_LEGS };
          await getAddressBalanceHistory(db, { address, ...window });
          await getAddressCounterparties(db, { address, ...window, limit: 25 });
          await listAlertsForAddress(db, { address, limit: 25 });
          await listAddressAdminEvents(db, { address, limit: 25, offset: 0 });
        }),
      ).toEqual([]);
    }
  });

  it("alerts list", async () => {
    const live = ["open", "in_review", "escalated"] as const;
    expect(
      await seqScans(async (db) => {
        await listAssigneeOptions(db);
        await listAlerts(db, { ...page, statuses: live });
        await countAlertsOverTime(db, { statuses: live });
      }),
    ).toEqual([]);
  });

  it("alerts list by address and by entity: alerts_addresses_gin and alerts_entity_ids_gin", async () => {
    expect(
      await seqScans(
        async (db) => {
          await listAlerts(db, { ...page, address: ordinary });
          await listAlerts(db, { ...page, entityId: 7 });
          await listAlertsForAddress(db, { address: hot, limit: 25 });
        },
        [...TABLES, "alerts"],
      ),
    ).toEqual([]);
  });

  it("alert case: a standing case's evidence pages and counts through alert_evidence's indexes", async () => {
    // Every alert has 20 logs of evidence; the oldest also gathers a standing case's ~18k (about an
    // eighth of the table: a case among many, as at scale).
    const one = async (q: ReturnType<typeof sql>) =>
      Number(rowsOf<{ n: number }>(await handle.db.execute(q))[0]!.n);
    const id = await one(sql`select min(id)::int as n from alerts`);
    await handle.db.execute(sql`insert into alert_evidence (alert_id, chain_id, source, block_number,
        tx_hash, log_index, role)
      select a.id, a.chain_id, 'transfer', a.block_number, a.tx_hash, a.log_index + n, 'link'
      from alerts a cross join generate_series(0, 19) n`);
    await handle.db.execute(sql`insert into alert_evidence (alert_id, chain_id, source, block_number,
        tx_hash, log_index, role)
      select ${id}, t.chain_id, 'transfer', t.block_number, t.tx_hash, t.log_index, 'inbound'
      from transfers t where t.block_number % 3 = 0 and t.block_number % 10 <> 3
      order by t.block_number limit 20000
      on conflict do nothing`);
    const total = await one(sql`select count(*)::int as n from alert_evidence where alert_id = ${id}`);
    await handle.db.execute(sql`vacuum analyze alert_evidence`);
    const planned = async (fn: () => Promise<unknown>) => {
      capture.take();
      await fn();
      const plans = capture.take();
      expect(seqScansOn(plans, [...TABLES, "alert_evidence", "alerts"])).toEqual([]);
      return plans.flatMap((p) => planNodes(p.plan)).map((n) => n["Index Name"]);
    };
    expect(total).toBeGreaterThan(15_100);
    // The whole case page on a deep page of evidence: nothing read sequentially.
    await planned(async () => {
      const c = await getAlertCase(capture.handle.db, { id, evidence: { offset: 15_000, limit: 100 } });
      expect([c!.evidence.length, c!.evidenceSummary.total]).toEqual([100, total]);
    });
    // The first page walks the case in chain order and stops after 50 rows; the counts are index-only.
    const first = await planned(() => listCaseEvidence(capture.handle.db, { id, offset: 0, limit: 50 }));
    expect(first).toContain("alert_evidence_alert_order_idx");
    const counts = await planned(() => summarizeCaseEvidence(capture.handle.db, { id }));
    expect(counts).toContain("alert_evidence_counts_pk");
  });

  it("alert case: the subject's activity and counterparty graph read a hot wallet's window by address", async () => {
    const at = new Date(`${END_DAY}T00:00:00Z`);
    capture.take();
    const days = await getAlertActivity(capture.handle.db, { chainId: 1, address: hot, at });
    await getAlertGraph(capture.handle.db, { chainId: 1, address: hot, at, parties: [] });
    const plans = capture.take();
    expect(days.reduce((n, d) => n + d.inCount + d.outCount, 0)).toBeGreaterThan(0);
    expect(seqScansOn(plans, TABLES)).toEqual([]);
    const indexes = plans.flatMap((p) => planNodes(p.plan)).map((n) => n["Index Name"]);
    expect(indexes.filter((i) => i === "transfers_to_idx")).toHaveLength(2);
    expect(indexes.filter((i) => i === "transfers_from_idx")).toHaveLength(2);
    expect(indexes).not.toContain("transfers_block_time_idx");
  });

  it("corridors", async () => {
    expect(
      await seqScans(async (db) => {
        await getCorridorCoverage(db);
        await getCorridorCells(db, { from: "2026-06-01", to: END_DAY });
        await getInboundSeries(db, { from: "2026-06-01", to: END_DAY, destination: "PK" });
      }),
    ).toEqual([]);
  });
});

describe("plan capture sees what it should", () => {
  it("a whole-table count does scan transfers sequentially", async () => {
    capture.take();
    await capture.handle.db.execute(sql`select count(*) from transfers where amount > 0`);
    const found = capture
      .take()
      .flatMap((p) => planNodes(p.plan))
      .map((n) => n["Node Type"]);
    expect(found).toContain("Seq Scan");
  });
});
