// The two settings stores: rule parameters (rule_settings) and goAML settings (app_settings).
// Each save is versioned and audited in one transaction; a save that changes nothing is no version.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { openTestDb, type TestDatabase } from "../testing/test-db";
import { appSettings, ruleSettings } from "../schema/monitoring";
import { getGoamlSettings, updateGoamlSettings } from "./app-settings";
import { listAuditLog } from "./audit";
import { listRuleSettings, updateRuleSettings } from "./monitoring";
import { ruleById } from "@/lib/monitoring/rules";
import { DEFAULT_GOAML_SETTINGS } from "@/lib/reports/goaml/settings";

const ADMIN = { id: "u-admin", email: "admin@example.test", role: "admin" };
const OFFICER = { id: "u-co", email: "compliance@example.test", role: "compliance_officer" };
let db: { handle: DbHandle; database: TestDatabase };

beforeAll(async () => {
  db = await openTestDb("usd1_settings");
});
afterAll(async () => {
  await db?.handle.close();
  await db?.database.drop();
});

async function auditOf(action: "rule.change" | "settings.goaml") {
  return (await listAuditLog(db.handle.db, { action, limit: 50, offset: 0 })).rows;
}

describe("rule settings", () => {
  it("starts every rule at version 1 with its defaults", async () => {
    const all = await listRuleSettings(db.handle.db);
    expect(all.map((s) => [s.ruleId, s.version, s.enabled])).toEqual(
      ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14"].map((id) => [
        id,
        1,
        true,
      ]),
    );
    expect(all.find((s) => s.ruleId === "R6")?.params).toEqual(ruleById("R6").defaults);
  });

  it("bumps by one and audits a change; saving the same again is no version and no audit", async () => {
    const r6 = ruleById("R6");
    const raised = { ...r6.defaults, singleWei: "12500000000000000000000" };
    const first = await updateRuleSettings(db.handle.db, {
      ruleId: "R6",
      params: raised,
      actor: ADMIN,
      ip: "192.0.2.7",
    });
    expect([first.changed, first.version, first.updatedBy]).toEqual([true, 2, "u-admin"]);

    // Same parameters with the keys in another order (as jsonb hands them back): still the same.
    const reordered = Object.fromEntries(Object.entries(raised).reverse());
    const again = await updateRuleSettings(db.handle.db, { ruleId: "R6", params: reordered, actor: ADMIN });
    expect([again.changed, again.version]).toEqual([false, 2]);

    const disabled = await updateRuleSettings(db.handle.db, {
      ruleId: "R6",
      params: raised,
      enabled: false,
      actor: ADMIN,
    });
    expect([disabled.changed, disabled.version, disabled.enabled]).toEqual([true, 3, false]);

    const audit = await auditOf("rule.change");
    expect(audit.map((a) => [a.target, a.actorEmail, a.ip])).toEqual([
      ["R6", "admin@example.test", null],
      ["R6", "admin@example.test", "192.0.2.7"],
    ]);
    expect(audit[1]?.params).toEqual({
      fromVersion: 1,
      toVersion: 2,
      before: { enabled: true, params: r6.defaults },
      after: { enabled: true, params: raised },
    });
    const stored = (await listRuleSettings(db.handle.db)).find((s) => s.ruleId === "R6");
    expect([stored?.version, stored?.enabled, stored?.params]).toEqual([3, false, raised]);
  });

  it("refuses parameters the rule's schema rejects, changing nothing", async () => {
    const r2 = ruleById("R2");
    await expect(
      updateRuleSettings(db.handle.db, {
        ruleId: "R2",
        params: { ...r2.defaults, minCount: 0 },
        actor: ADMIN,
      }),
    ).rejects.toThrow();
    const stored = (await listRuleSettings(db.handle.db)).find((s) => s.ruleId === "R2");
    expect(stored?.version).toBe(1);
  });
});

describe("rule defaults that changed in the code", () => {
  const r10 = ruleById("R10");
  const [v1] = r10.supersededDefaults;

  it("move a setting still at an earlier default to the new one: a version, audited as the system's", async () => {
    expect(v1).toBeDefined();
    // A database created before R10's logic version 2 holds its first defaults at version 1.
    await db.handle.db
      .update(ruleSettings)
      .set({ params: v1, version: 1 })
      .where(eq(ruleSettings.ruleId, "R10"));
    const [first, again] = [await listRuleSettings(db.handle.db), await listRuleSettings(db.handle.db)];
    for (const list of [first, again]) {
      const s = list.find((x) => x.ruleId === "R10");
      expect([s?.version, s?.updatedBy, s?.params]).toEqual([2, null, r10.defaults]);
    }
    expect((r10.defaults.eventKinds as string[]).slice(-4)).toEqual([
      "initialized",
      "erc20_recovered",
      "role_granted",
      "role_revoked",
    ]);
    const audit = (await auditOf("rule.change")).filter((a) => a.target === "R10");
    expect(audit.map((a) => [a.actorEmail, a.actorUserId])).toEqual([[null, null]]);
    expect(audit[0]?.params).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      before: { enabled: true, params: v1 },
      after: { enabled: true, params: r10.defaults },
    });
  });

  it("leave a setting an admin chose alone, even when it lacks the new kinds", async () => {
    const chosen = { ...v1, eventKinds: ["freeze", "pause"] };
    const saved = await updateRuleSettings(db.handle.db, { ruleId: "R10", params: chosen, actor: ADMIN });
    expect(saved.version).toBe(3);
    const s = (await listRuleSettings(db.handle.db)).find((x) => x.ruleId === "R10");
    expect([s?.version, s?.params]).toEqual([3, chosen]);
  });
});

describe("goAML settings", () => {
  it("are the placeholders at version 0 until saved", async () => {
    expect(await getGoamlSettings(db.handle.db)).toEqual({
      settings: DEFAULT_GOAML_SETTINGS,
      version: 0,
      updatedBy: null,
      updatedAt: null,
    });
  });

  it("save → version 1 with the audit row's before and after; a second save → 2", async () => {
    const mine = {
      ...DEFAULT_GOAML_SETTINGS,
      rentityId: 4711,
      indicators: { ...DEFAULT_GOAML_SETTINGS.indicators, R1: "FMU-01" },
    };
    const first = await updateGoamlSettings(db.handle.db, {
      settings: mine,
      actor: OFFICER,
      ip: "192.0.2.9",
    });
    expect([first.version, first.updatedBy, first.settings]).toEqual([1, "u-co", mine]);
    expect(await getGoamlSettings(db.handle.db)).toMatchObject({
      settings: mine,
      version: 1,
      updatedBy: "u-co",
    });

    const second = await updateGoamlSettings(db.handle.db, {
      settings: { ...mine, reportCode: "SAR" },
      actor: OFFICER,
    });
    expect(second.version).toBe(2);

    const audit = await auditOf("settings.goaml");
    expect(
      audit.map((a) => [a.target, a.actorEmail, a.ip, (a.params as { version: number }).version]),
    ).toEqual([
      ["goaml", "compliance@example.test", null, 2],
      ["goaml", "compliance@example.test", "192.0.2.9", 1],
    ]);
    expect(audit[1]?.params).toEqual({ version: 1, before: DEFAULT_GOAML_SETTINGS, after: mine });
    expect((audit[0]?.params as { before: unknown }).before).toEqual(mine);
  });

  it("refuses invalid settings on save, and a stored row that no longer validates on read", async () => {
    await expect(
      updateGoamlSettings(db.handle.db, {
        settings: { ...DEFAULT_GOAML_SETTINGS, currencyCodeLocal: "rupee" },
        actor: OFFICER,
      }),
    ).rejects.toThrow();
    expect((await getGoamlSettings(db.handle.db)).version).toBe(2);

    await db.handle.db
      .update(appSettings)
      .set({ value: { rentityId: "not a number" } })
      .where(eq(appSettings.key, "goaml"));
    await expect(getGoamlSettings(db.handle.db)).rejects.toThrow(/stored goAML settings are invalid/);
  });
});
