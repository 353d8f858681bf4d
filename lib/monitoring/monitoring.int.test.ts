// The monitoring engine against a real Postgres: incremental steps as batches land, equality
// with a rebuild, idempotent re-runs, reorg withdrawal and reinstatement, parameter changes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { rollbackToBlock } from "@/db/queries/indexer-reorg";
import { getMonitorCheckpoint, listRuleSettings, updateRuleSettings } from "@/db/queries/monitoring";
import { listChainAlerts, type AlertSummary } from "@/db/queries/monitoring-alerts";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { catchUpChain } from "./evaluate";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import { generateSynthetic } from "./testing/synthetic";

const chain = generateSynthetic({ seed: "int", chainId: 99_101, transfers: 4_000, days: 12, customers: 300 });
const ADMIN = { id: "u-admin", email: "admin@example.test", role: "admin" };
let db: { handle: DbHandle; database: TestDatabase };

/** Batches of uneven size, each followed by a monitor catch-up in small steps (the indexer hook). */
async function indexAndMonitor(
  from: number,
  to: number,
  parts: number,
  extra: { skipTx?: Set<string> } = {},
) {
  const size = Math.ceil((to - from + 1) / parts);
  for (let b = from; b <= to; b += size) {
    await writeSyntheticBlocks(db.handle.db, chain, {
      fromBlock: b,
      toBlock: Math.min(to, b + size - 1),
      ...extra,
    });
    await catchUpChain(db.handle.db, { chainId: chain.chainId, mode: "keyset", stepTransfers: 300 });
  }
}

const live = (alerts: AlertSummary[]) => alerts.filter((a) => a.status !== "withdrawn");
const alertsNow = () => listChainAlerts(db.handle.db, chain.chainId);

async function expectRebuildMatches() {
  const [r] = await rebuildAlerts(db.handle.db, { dryRun: true, mode: "copy", chainIds: [chain.chainId] });
  const diffs = r?.rules.filter((d) => d.added.length + d.reinstated.length + d.withdrawn > 0) ?? [];
  expect(diffs.map((d) => [d.ruleId, d.added.map((a) => a.key), d.reinstated.length, d.withdrawn])).toEqual(
    [],
  );
  return r;
}

beforeAll(async () => {
  db = await openTestDb("usd1_monitoring");
  await registerSynthetic(db.handle.db, chain);
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("incremental monitoring", () => {
  it("flags every planted pattern with its intended rule as batches land", async () => {
    await indexAndMonitor(1, chain.lastBlock, 7);
    const alerts = live(await alertsNow());
    for (const p of chain.planted) {
      const hit = alerts.find(
        (a) => a.ruleId === p.rule && a.evidenceTx.some((tx) => p.txHashes.includes(tx)),
      );
      expect(hit, `${p.rule} should flag its planted pattern`).toBeDefined();
    }
    const cp = await getMonitorCheckpoint(db.handle.db, chain.chainId);
    expect(cp?.monitoredBlock).toBe(BigInt(chain.lastBlock));
  });

  it("gives exactly the alerts a full rebuild gives", async () => {
    const r = await expectRebuildMatches();
    expect(r?.transfers).toBe(chain.transfers.length);
    expect(r?.rules.reduce((n, d) => n + d.kept, 0)).toBe(live(await alertsNow()).length);
  });

  it("is idempotent: re-evaluating blocks after a crash adds nothing", async () => {
    const before = await alertsNow();
    await db.handle.db.execute(
      sql`update monitor_checkpoints set monitored_block = ${Math.floor(chain.lastBlock / 3)}`,
    );
    const steps = await catchUpChain(db.handle.db, {
      chainId: chain.chainId,
      mode: "keyset",
      stepTransfers: 700,
    });
    expect(steps.reduce((n, s) => n + s.alerts.inserted + s.alerts.reinstated, 0)).toBe(0);
    expect(await alertsNow()).toEqual(before);
  });
});

describe("reorgs", () => {
  const r12 = chain.planted.find((p) => p.rule === "R12");
  const r12Blocks = chain.transfers.filter((t) => r12?.txHashes.includes(t.txHash)).map((t) => t.block);
  const ancestor = Math.min(...r12Blocks) - 1;

  it("withdraws alerts whose evidence was reorged out, visibly, and keeps them out on a fork without it", async () => {
    const before = await alertsNow();
    await rollbackToBlock(db.handle.db, {
      chainId: chain.chainId,
      ancestor: BigInt(ancestor),
      ancestorHash: null,
      depth: 5,
    });
    const after = await alertsNow();
    const gone = after.filter((a) => a.status === "withdrawn");
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((a) => a.statusReason === "reorg" && a.blockNumber > BigInt(ancestor))).toBe(true);
    expect(after).toHaveLength(before.length); // nothing deleted
    expect((await getMonitorCheckpoint(db.handle.db, chain.chainId))?.monitoredBlock).toBe(BigInt(ancestor));
    const history = rowsOf<{ n: number }>(
      await db.handle.db.execute(
        sql`select count(*)::int as n from alert_history where to_status = 'withdrawn' and reason = 'reorg'`,
      ),
    );
    expect(history[0]?.n).toBe(gone.length);

    // The new fork lacks the last R12 transfer: that alert stays withdrawn, the rest come back.
    const lastR12 = r12?.txHashes[r12.txHashes.length - 1] as string;
    await indexAndMonitor(ancestor + 1, chain.lastBlock, 2, { skipTx: new Set([lastR12]) });
    const forked = await alertsNow();
    const r12Alert = forked.find((a) => a.ruleId === "R12" && a.evidenceTx.includes(lastR12));
    expect(r12Alert?.status).toBe("withdrawn");
    expect(forked.filter((a) => a.status === "withdrawn").map((a) => a.id)).toEqual([r12Alert?.id]);
    await expectRebuildMatches();
  });

  it("reinstates the alert when its evidence returns, with no duplicate", async () => {
    const before = await alertsNow();
    await rollbackToBlock(db.handle.db, {
      chainId: chain.chainId,
      ancestor: BigInt(ancestor),
      ancestorHash: null,
      depth: 5,
    });
    await indexAndMonitor(ancestor + 1, chain.lastBlock, 3);
    const after = await alertsNow();
    expect(after.map((a) => a.key)).toEqual(before.map((a) => a.key));
    expect(after.filter((a) => a.status === "withdrawn")).toEqual([]);
    expect(after.find((a) => a.ruleId === "R12")?.statusReason).toMatch(/^reinstated/);
    await expectRebuildMatches();
  });
});

describe("rule parameters", () => {
  it("audits a change, bumps the version, and a rebuild of that rule withdraws what it no longer raises", async () => {
    const r2 = (await listRuleSettings(db.handle.db)).find((s) => s.ruleId === "R2");
    const raised = { ...r2?.params, thresholdWei: (5_000n * 10n ** 18n).toString() };
    const updated = await updateRuleSettings(db.handle.db, { ruleId: "R2", params: raised, actor: ADMIN });
    expect(updated.version).toBe((r2?.version ?? 0) + 1);
    const audit = rowsOf<{ action: string; target: string }>(
      await db.handle.db.execute(sql`select action, target from audit_log where action = 'rule.change'`),
    );
    expect(audit).toEqual([{ action: "rule.change", target: "R2" }]);
    await expect(
      updateRuleSettings(db.handle.db, { ruleId: "R2", params: { ...raised, minCount: 0 }, actor: ADMIN }),
    ).rejects.toThrow();

    const [dry] = await rebuildAlerts(db.handle.db, { rules: ["R2"], dryRun: true, mode: "keyset" });
    const [r] = await rebuildAlerts(db.handle.db, { rules: ["R2"], mode: "keyset" });
    expect(r?.rules.map((d) => d.ruleId)).toEqual(["R2"]);
    expect(r?.rules[0]?.withdrawn).toBeGreaterThan(0);
    expect(dry?.rules[0]?.withdrawn).toBe(r?.rules[0]?.withdrawn);
    const r2Alerts = (await alertsNow()).filter((a) => a.ruleId === "R2");
    expect(
      r2Alerts.every(
        (a) =>
          a.status === "withdrawn" && a.statusReason === `rebuild: not raised under R2 v${updated.version}`,
      ),
    ).toBe(true);

    await updateRuleSettings(db.handle.db, { ruleId: "R2", params: r2?.params ?? {}, actor: ADMIN });
    const [back] = await rebuildAlerts(db.handle.db, { rules: ["R2"], mode: "copy" });
    expect(back?.rules[0]?.reinstated).toHaveLength(r?.rules[0]?.withdrawn ?? -1);
  });
});

describe("on PGlite (the demo's database)", () => {
  it("raises the same alerts as on Postgres", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usd1-monitor-pglite-"));
    const lite = await openDb({ pgliteDir: path.join(dir, "db") });
    try {
      await migrateDb(lite);
      await registerSynthetic(lite.db, chain);
      for (const [from, to] of [
        [1, 900],
        [901, chain.lastBlock],
      ] as const) {
        await writeSyntheticBlocks(lite.db, chain, { fromBlock: from, toBlock: to });
        await catchUpChain(lite.db, { chainId: chain.chainId, mode: "keyset", stepTransfers: 1_000 });
      }
      const keys = (xs: AlertSummary[]) =>
        live(xs)
          .map((a) => a.key)
          .sort();
      expect(keys(await listChainAlerts(lite.db, chain.chainId))).toEqual(keys(await alertsNow()));
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
