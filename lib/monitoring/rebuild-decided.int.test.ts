// A rebuild never bends a decided case: after a parameter change that raises none of the alerts
// any more, the cases users acted on keep every column, every evidence row and every history row
// (one system note is added); the untouched open ones are withdrawn as before.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { listCaseHistory } from "@/db/queries/alert-case";
import { transitionAlert } from "@/db/queries/alert-workflow";
import { getCaseState } from "@/db/queries/exports-inputs";
import { listRuleSettings, updateRuleSettings } from "@/db/queries/monitoring";
import { listChainAlerts } from "@/db/queries/monitoring-alerts";
import { pgArray, rowsOf } from "@/db/queries/sql-arrays";
import type { RuleId } from "@/db/schema/monitoring";
import { CASE_USERS, insertCaseUsers } from "@/db/testing/alert-case-fixture";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { catchUpChain } from "./evaluate";
import { rebuildAlerts, type ChainRebuild } from "./rebuild";
import { notRaisedSince } from "./rebuild-note";
import { registerSynthetic, writeSyntheticBlocks } from "./testing/load-synthetic";
import { generateSynthetic } from "./testing/synthetic";

const chain = generateSynthetic({
  seed: "decided",
  chainId: 99_102,
  transfers: 1_200,
  days: 5,
  customers: 120,
});
const RULES: RuleId[] = ["R3", "R7"];
/** No transfer on the synthetic chain comes near this (10^12 USD). */
const NEVER = (10n ** 30n).toString();
const ADMIN = { id: "u-admin", email: "admin@test.local", role: "admin" };

let handle: DbHandle;
let database: TestDatabase;
let original: Map<RuleId, Record<string, unknown>>;

beforeAll(async () => {
  ({ handle, database } = await openTestDb("usd1_rebuild_decided"));
  await insertCaseUsers(handle.db);
  await registerSynthetic(handle.db, chain);
  await writeSyntheticBlocks(handle.db, chain, { fromBlock: 1, toBlock: chain.lastBlock });
  await catchUpChain(handle.db, { chainId: chain.chainId, mode: "keyset" });
  const settings = await listRuleSettings(handle.db);
  original = new Map(settings.map((s) => [s.ruleId, s.params]));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

type Who = keyof typeof CASE_USERS;
const move = (
  alertId: number,
  who: Who,
  to: "in_review" | "escalated" | "reported" | "dismissed",
  reason = "",
) => transitionAlert(handle.db, { alertId, to, reason, actor: CASE_USERS[who] });

/** Every column of the alerts, their evidence and their history, as Postgres prints them. */
async function snapshot(ids: number[]) {
  const any = pgArray(ids, "int8[]");
  const json = async (q: ReturnType<typeof sql>) =>
    rowsOf<{ id: string; j: string }>(await handle.db.execute(q)).map((r) => [Number(r.id), r.j] as const);
  return {
    alerts: await json(
      sql`select a.id, row_to_json(a)::text as j from alerts a where a.id = any(${any}) order by a.id`,
    ),
    evidence: await json(sql`select e.alert_id as id, row_to_json(e)::text as j from alert_evidence e
      where e.alert_id = any(${any}) order by e.alert_id, e.source, e.tx_hash, e.log_index`),
    history: await json(sql`select h.alert_id as id, row_to_json(h)::text as j from alert_history h
      where h.alert_id = any(${any}) order by h.id`),
  };
}

async function historyRows(ids: number[]) {
  return rowsOf<{ alertId: string; from: string; to: string; actor: string | null; reason: string }>(
    await handle.db
      .execute(sql`select alert_id as "alertId", from_status as "from", to_status as "to", actor, reason
      from alert_history where alert_id = any(${pgArray(ids, "int8[]")}) order by id`),
  ).map((r) => ({ ...r, alertId: Number(r.alertId) }));
}

const byRule = (r: ChainRebuild | undefined) =>
  r?.rules.map((d) => ({
    ruleId: d.ruleId,
    withdrawn: d.withdrawn,
    decided: d.decided,
    reinstated: d.reinstated.length,
    kept: d.kept,
  }));

describe("a rebuild after a parameter change", () => {
  it("leaves decided cases byte for byte as they were, with one note; withdraws the untouched ones", async () => {
    const alerts = await listChainAlerts(handle.db, chain.chainId);
    const ids = (rule: RuleId) => alerts.filter((a) => a.ruleId === rule).map((a) => a.id);
    const r3 = ids("R3");
    const r7 = ids("R7");
    expect([r3.length, r7.length]).toEqual([5, 3]);
    const [escalated, reported, reviewing, ...openR3] = r3 as [number, number, number, ...number[]];
    const [dismissed, ...openR7] = r7 as [number, ...number[]];
    await move(escalated, "analyst", "escalated", "Pass-through to an unlicensed OTC desk within minutes.");
    await move(reported, "analyst", "escalated", "Layering through a fresh wallet.");
    await move(reported, "officer2", "reported", "STR FMU-2026-0107: layering through a fresh wallet.");
    await move(reviewing, "analyst", "in_review");
    await move(dismissed, "analyst", "dismissed", "New payroll wallet of a licensed remitter.");
    const decided = [escalated, reported, reviewing, dismissed];
    const open = [...openR3, ...openR7];
    const before = await snapshot(decided);

    const versions = new Map<RuleId, number>();
    for (const ruleId of RULES) {
      const params =
        ruleId === "R3"
          ? { ...original.get(ruleId), minInboundWei: NEVER }
          : { ...original.get(ruleId), minAmountWei: NEVER };
      versions.set(ruleId, (await updateRuleSettings(handle.db, { ruleId, params, actor: ADMIN })).version);
    }
    const expected = [
      { ruleId: "R3", withdrawn: 2, decided: 3, reinstated: 0, kept: 0 },
      { ruleId: "R7", withdrawn: 2, decided: 1, reinstated: 0, kept: 0 },
    ];
    const [dry] = await rebuildAlerts(handle.db, { rules: RULES, dryRun: true, mode: "keyset" });
    expect(byRule(dry)).toEqual(expected);
    expect(await snapshot(decided)).toEqual(before);

    const [r] = await rebuildAlerts(handle.db, { rules: RULES, mode: "keyset" });
    expect(byRule(r)).toEqual(expected);
    expect(r?.rules.reduce((n, d) => n + d.decided, 0)).toBe(4);

    const after = await snapshot(decided);
    expect(after.alerts).toEqual(before.alerts);
    expect(after.evidence).toEqual(before.evidence);
    expect(before.evidence.length).toBeGreaterThanOrEqual(decided.length);
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    const note = (id: number, status: string, rule: RuleId) => ({
      alertId: id,
      from: status,
      to: status,
      actor: null,
      reason: `rebuild: not raised under ${rule} v${versions.get(rule)}; decided before, kept as decided`,
    });
    const added = (await historyRows(decided)).slice(before.history.length);
    expect(added).toEqual([
      note(escalated, "escalated", "R3"),
      note(reported, "reported", "R3"),
      note(reviewing, "in_review", "R3"),
      note(dismissed, "dismissed", "R7"),
    ]);

    const now = await listChainAlerts(handle.db, chain.chainId);
    for (const id of open) {
      const a = now.find((x) => x.id === id);
      expect([a?.status, a?.statusReason]).toEqual([
        "withdrawn",
        `rebuild: not raised under ${a?.ruleId} v${versions.get(a?.ruleId as RuleId)}`,
      ]);
    }

    // The goAML export still reads the analysts' grounds, not the note.
    expect(await getCaseState(handle.db, { alertIds: [escalated, reported] })).toEqual([
      {
        id: escalated,
        status: "escalated",
        statusReason: "Pass-through to an unlicensed OTC desk within minutes.",
        escalationReason: "Pass-through to an unlicensed OTC desk within minutes.",
      },
      {
        id: reported,
        status: "reported",
        statusReason: "STR FMU-2026-0107: layering through a fresh wallet.",
        escalationReason: "Layering through a fresh wallet.",
      },
    ]);

    // The case page reads the note.
    const history = await listCaseHistory(handle.db, { id: escalated });
    expect(notRaisedSince(history)).toEqual(history.at(-1)?.at);

    // Again under the same parameters: nothing more is written.
    const [again] = await rebuildAlerts(handle.db, { rules: RULES, mode: "keyset" });
    expect(byRule(again)).toEqual(expected.map((e) => ({ ...e, withdrawn: 0 })));
    expect(await snapshot(decided)).toEqual(after);
  });

  it("back to the old parameters: the untouched ones return, the decided ones only get a note that they are raised again", async () => {
    const alerts = await listChainAlerts(handle.db, chain.chainId);
    const decided = alerts
      .filter((a) => RULES.includes(a.ruleId) && a.status !== "withdrawn")
      .map((a) => a.id);
    expect(decided).toHaveLength(4);
    const before = await snapshot(decided);
    const versions = new Map<RuleId, number>();
    for (const ruleId of RULES) {
      const params = original.get(ruleId) ?? {};
      versions.set(ruleId, (await updateRuleSettings(handle.db, { ruleId, params, actor: ADMIN })).version);
    }
    const [r] = await rebuildAlerts(handle.db, { rules: RULES, mode: "keyset" });
    expect(byRule(r)).toEqual([
      { ruleId: "R3", withdrawn: 0, decided: 0, reinstated: 2, kept: 3 },
      { ruleId: "R7", withdrawn: 0, decided: 0, reinstated: 2, kept: 1 },
    ]);
    const after = await snapshot(decided);
    expect(after.alerts).toEqual(before.alerts);
    expect(after.evidence).toEqual(before.evidence);
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    const added = (await historyRows(decided)).slice(before.history.length);
    expect(added.map((h) => [h.from === h.to, h.actor, h.reason])).toEqual(
      decided.map((id) => {
        const rule = alerts.find((a) => a.id === id)?.ruleId as RuleId;
        return [
          true,
          null,
          `rebuild: raised again under ${rule} v${versions.get(rule)}; the decision stands`,
        ];
      }),
    );
    for (const id of decided) expect(notRaisedSince(await listCaseHistory(handle.db, { id }))).toBeNull();
  });
});
