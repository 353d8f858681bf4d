// Suppressed hits on Postgres (#16 items 6 and 7): small incremental steps (with the narrowed
// replay) give exactly the alerts and suppressed-hit counts of a rebuild; each rule's count is
// exactly the alerts it raises on business wallets once their exemption is lifted; a reorg
// deletes the counts above the ancestor and the monitor counts them again.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { rollbackToBlock } from "@/db/queries/indexer-reorg";
import { listRuleSettings, updateRuleSettings } from "@/db/queries/monitoring";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { countSuppressedByRule } from "@/db/queries/monitoring-exemptions";
import { rowsOf } from "@/db/queries/sql-arrays";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import type { RuleId } from "@/db/schema/monitoring";
import { catchUpChain } from "./evaluate";
import { EXEMPTING_RULES } from "./exemptions";
import { rebuildAlerts } from "./rebuild";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import { generateSynthetic } from "./testing/synthetic";

const chain = generateSynthetic({
  seed: "exempt",
  chainId: 99_161,
  transfers: 3_000,
  days: 10,
  customers: 250,
  mix: "retail",
});
const ADMIN = { id: "u-admin", email: "admin@example.test", role: "admin" };
const BUSINESS = new Set(chain.addresses.map((a) => a.address as string));
let db: { handle: DbHandle; database: TestDatabase };

type Row = { rule: RuleId; block: string; key: string; time: string; hits: number };
const rowsNow = async () =>
  rowsOf<Row>(
    await db.handle.db.execute(sql`
      select rule_id as rule, block_number::text as block, episode_key as key,
        extract(epoch from block_time)::bigint::text as time, hits
      from monitor_suppressed_hits where chain_id = ${chain.chainId}
      order by rule_id, block_number, episode_key`),
  );
const liveKeys = async () =>
  (await listChainAlerts(db.handle.db, chain.chainId))
    .filter((a) => a.status !== "withdrawn")
    .map((a) => a.key)
    .sort();
const totals = (rows: readonly Row[]) => {
  const out: Partial<Record<RuleId, number>> = {};
  for (const r of rows) out[r.rule] = (out[r.rule] ?? 0) + r.hits;
  return out;
};

/** Batches as the indexer lands them, each followed by the monitor in steps of ~150 transfers. */
async function indexAndMonitor(from: number, to: number, parts: number) {
  const size = Math.ceil((to - from + 1) / parts);
  for (let b = from; b <= to; b += size) {
    await writeSyntheticBlocks(db.handle.db, chain, { fromBlock: b, toBlock: Math.min(to, b + size - 1) });
    await catchUpChain(db.handle.db, { chainId: chain.chainId, mode: "keyset", stepTransfers: 150 });
  }
}

beforeAll(async () => {
  db = await openTestDb("usd1_exemptions");
  await registerSynthetic(db.handle.db, chain);
  // The first batch is evaluated as one fresh pass; every later one in small steps.
  await indexAndMonitor(1, Math.floor(chain.lastBlock / 10), 1);
  await indexAndMonitor(Math.floor(chain.lastBlock / 10) + 1, chain.lastBlock, 9);
});

afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

describe("suppressed hits", () => {
  let steps: Row[] = [];

  it("small steps give exactly the alerts and counts of a rebuild", async () => {
    steps = await rowsNow();
    const alerts = await liveKeys();
    const [r] = await rebuildAlerts(db.handle.db, { mode: "copy", chainIds: [chain.chainId] });
    expect(
      r?.rules.filter((d) => d.added.length + d.reinstated.length + d.withdrawn > 0).map((d) => d.ruleId),
    ).toEqual([]);
    expect(await liveKeys()).toEqual(alerts);
    expect(await rowsNow()).toEqual(steps);
    // Exact figures of this seeded chain (every one re-derived below from lifted exemptions).
    expect(totals(steps)).toEqual({ R2: 11, R3: 370, R4: 35, R5: 9, R6: 94, R7: 5, R12: 1 });
  });

  it("counts for each rule exactly the alerts lifting its exemption raises on business wallets", async () => {
    const settings = await listRuleSettings(db.handle.db);
    for (const ruleId of EXEMPTING_RULES) {
      const s = settings.find((x) => x.ruleId === ruleId);
      await updateRuleSettings(db.handle.db, {
        ruleId,
        params: { ...s?.params, exemptEntityKinds: [], exemptTags: [] },
        actor: ADMIN,
      });
    }
    const [r] = await rebuildAlerts(db.handle.db, {
      mode: "copy",
      chainIds: [chain.chainId],
      rules: [...EXEMPTING_RULES],
      dryRun: true,
    });
    const lifted: Partial<Record<RuleId, number>> = {};
    for (const d of r?.rules ?? [])
      lifted[d.ruleId] = d.added.filter((a) => a.subject !== null && BUSINESS.has(a.subject)).length;
    const counted = totals(steps);
    for (const ruleId of EXEMPTING_RULES)
      expect([ruleId, counted[ruleId] ?? 0]).toEqual([ruleId, lifted[ruleId]]);
    // Put the defaults back for the tests below (a new version each; nothing is re-evaluated).
    for (const ruleId of EXEMPTING_RULES) {
      const s = settings.find((x) => x.ruleId === ruleId);
      await updateRuleSettings(db.handle.db, { ruleId, params: { ...s?.params }, actor: ADMIN });
    }
  });

  it("counts the last 30 days by block time, every chain or one", async () => {
    const mid = chain.t0 + 5 * 86_400;
    const expected: Partial<Record<RuleId, number>> = {};
    for (const r of steps) if (Number(r.time) >= mid) expected[r.rule] = (expected[r.rule] ?? 0) + r.hits;
    expect(await countSuppressedByRule(db.handle.db, { sinceTime: mid })).toEqual(expected);
    expect(await countSuppressedByRule(db.handle.db, { sinceTime: mid, chainId: 1 })).toEqual({});
    // By the database's clock: the chain's January is not within the last 30 days of today.
    const wallClock = Date.now() / 1000 - chain.t0;
    expect(await countSuppressedByRule(db.handle.db, { lastSeconds: wallClock - 30 * 86_400 })).toEqual({});
    expect(await countSuppressedByRule(db.handle.db, { lastSeconds: wallClock + 86_400 })).toEqual(
      totals(steps),
    );
  });

  it("a reorg deletes the counts above the ancestor and the monitor counts them again", async () => {
    const ancestor = Math.floor(chain.lastBlock * 0.6);
    await rollbackToBlock(db.handle.db, {
      chainId: chain.chainId,
      ancestor: BigInt(ancestor),
      ancestorHash: null,
      depth: 3,
    });
    const left = await rowsNow();
    expect(left).toEqual(steps.filter((r) => Number(r.block) <= ancestor));
    await indexAndMonitor(ancestor + 1, chain.lastBlock, 3);
    expect(await rowsNow()).toEqual(steps);
  });
});
