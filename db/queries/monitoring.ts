// Monitoring settings, imported lists and per-chain progress. Engine input lives in
// monitoring-input.ts, alert writes in monitoring-alerts.ts.
import { isDeepStrictEqual } from "node:util";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { chains, indexerCheckpoints } from "../schema/chain";
import {
  monitorCheckpoints,
  ruleSettings,
  watchlistEntries,
  type RuleId,
  type RuleParamsJson,
} from "../schema/monitoring";
import { recordAudit, type AuditActor } from "./audit";
import { RULES, ruleById } from "@/lib/monitoring/rules";

type Writer = Db | Tx;

export type RuleSetting = {
  ruleId: RuleId;
  enabled: boolean;
  params: RuleParamsJson;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
};

/**
 * Every rule's settings, creating missing rows from the code's defaults (version 1), and moving a
 * setting still equal to an earlier code default to the current one (upgradeUntouchedDefaults).
 */
export async function listRuleSettings(db: Writer): Promise<RuleSetting[]> {
  await db
    .insert(ruleSettings)
    .values(RULES.map((r) => ({ ruleId: r.id, params: r.defaults })))
    .onConflictDoNothing();
  let rows = await db.select().from(ruleSettings);
  if (await upgradeUntouchedDefaults(db, rows)) rows = await db.select().from(ruleSettings);
  const byId = new Map(rows.map((r) => [r.ruleId, r]));
  return RULES.map((r) => {
    const row = byId.get(r.id);
    if (!row) throw new Error(`rule_settings row for ${r.id} is missing`);
    return { ...row, ruleId: r.id };
  });
}

/**
 * Code defaults change (R10 gained role changes): a stored setting still equal to an earlier
 * default (RuleSpec.supersededDefaults) was never an admin's choice, so it moves to the current
 * default as a new version, audited as the system's (no actor). A setting an admin changed stays
 * as it is. The version in the WHERE makes concurrent callers upgrade once.
 */
async function upgradeUntouchedDefaults(
  db: Writer,
  rows: (typeof ruleSettings.$inferSelect)[],
): Promise<boolean> {
  let upgraded = false;
  for (const rule of RULES) {
    const row = rows.find((r) => r.ruleId === rule.id);
    if (!row || !rule.supersededDefaults.some((d) => isDeepStrictEqual(d, row.params))) continue;
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(ruleSettings)
        .set({ params: rule.defaults, version: row.version + 1, updatedBy: null, updatedAt: sql`now()` })
        .where(and(eq(ruleSettings.ruleId, rule.id), eq(ruleSettings.version, row.version)))
        .returning();
      if (!after) return;
      await recordAudit(tx, {
        action: "rule.change",
        actor: null,
        target: rule.id,
        params: {
          fromVersion: row.version,
          toVersion: after.version,
          before: { enabled: row.enabled, params: row.params },
          after: { enabled: after.enabled, params: after.params },
          reason: `new code defaults (logic version ${rule.logicVersion}); the setting held an earlier default`,
        },
      });
      upgraded = true;
    });
  }
  return upgraded;
}

export type UpdateRuleSettingsParams = {
  ruleId: RuleId;
  /** Full parameter set (JSON form); validated against the rule's schema. */
  params: RuleParamsJson;
  enabled?: boolean;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

/**
 * Changes a rule's parameters: validates them, bumps the version and writes the audit entry in
 * the same transaction, so no change is ever unaudited. Existing alerts keep the parameters they
 * were raised under; `npm run monitor -- --rebuild --rule Rn` re-evaluates history. Saving what
 * is already stored changes nothing (`changed: false`): a version means different parameters.
 */
export async function updateRuleSettings(
  db: Db,
  p: UpdateRuleSettingsParams,
): Promise<RuleSetting & { changed: boolean }> {
  ruleById(p.ruleId).instantiate(p.params); // throws a ZodError on bad parameters
  return db.transaction(async (tx) => {
    await listRuleSettings(tx);
    const [before] = await tx
      .select()
      .from(ruleSettings)
      .where(eq(ruleSettings.ruleId, p.ruleId))
      .for("update");
    if (!before) throw new Error(`rule ${p.ruleId} has no settings row`);
    const enabled = p.enabled ?? before.enabled;
    if (enabled === before.enabled && isDeepStrictEqual(before.params, p.params)) {
      return { ...before, ruleId: p.ruleId, changed: false };
    }
    const [after] = await tx
      .update(ruleSettings)
      .set({
        params: p.params,
        enabled,
        version: before.version + 1,
        updatedBy: p.actor.id,
        updatedAt: sql`now()`,
      })
      .where(eq(ruleSettings.ruleId, p.ruleId))
      .returning();
    if (!after) throw new Error(`rule ${p.ruleId} vanished`);
    await recordAudit(tx, {
      action: "rule.change",
      actor: p.actor,
      target: p.ruleId,
      params: {
        fromVersion: before.version,
        toVersion: after.version,
        before: { enabled: before.enabled, params: before.params },
        after: { enabled: after.enabled, params: after.params },
      },
      ip: p.ip ?? null,
      userAgent: p.userAgent ?? null,
    });
    return { ...after, ruleId: p.ruleId, changed: true };
  });
}

export async function listWatchlistEntries(db: Writer, chainId: number) {
  return db
    .select({
      address: watchlistEntries.address,
      listName: watchlistEntries.listName,
      reference: watchlistEntries.reference,
    })
    .from(watchlistEntries)
    .where(or(eq(watchlistEntries.chainId, chainId), isNull(watchlistEntries.chainId)))
    .orderBy(asc(watchlistEntries.address));
}

export type MonitorPosition = {
  chainId: number;
  startBlock: bigint;
  monitoredBlock: bigint;
  indexedBlock: bigint;
};

/**
 * Locks the chain's monitor checkpoint for this transaction (creating it just below the chain's
 * start block) and reads how far the indexer has got. The row lock serialises incremental steps,
 * rebuilds and the indexer's reorg rollback, which takes the same lock before withdrawing alerts.
 */
export async function lockMonitorPosition(tx: Tx, chainId: number): Promise<MonitorPosition | undefined> {
  const [chain] = await tx
    .select({ startBlock: chains.startBlock, indexedBlock: indexerCheckpoints.indexedBlock })
    .from(chains)
    .innerJoin(indexerCheckpoints, eq(indexerCheckpoints.chainId, chains.chainId))
    .where(eq(chains.chainId, chainId));
  if (!chain) return undefined;
  await tx
    .insert(monitorCheckpoints)
    .values({ chainId, monitoredBlock: chain.startBlock - 1n })
    .onConflictDoNothing();
  const [cp] = await tx
    .select({ monitoredBlock: monitorCheckpoints.monitoredBlock })
    .from(monitorCheckpoints)
    .where(eq(monitorCheckpoints.chainId, chainId))
    .for("update");
  if (!cp) return undefined;
  // Read after the lock: a rollback that held it has committed, so this is the current tip.
  const [idx] = await tx
    .select({ indexedBlock: indexerCheckpoints.indexedBlock })
    .from(indexerCheckpoints)
    .where(eq(indexerCheckpoints.chainId, chainId));
  return {
    chainId,
    startBlock: chain.startBlock,
    monitoredBlock: cp.monitoredBlock,
    indexedBlock: idx?.indexedBlock ?? chain.indexedBlock,
  };
}

export async function setMonitorCheckpoint(
  tx: Tx,
  p: { chainId: number; monitoredBlock: bigint; stepMs: number; items: number },
): Promise<void> {
  await tx
    .update(monitorCheckpoints)
    .set({
      monitoredBlock: p.monitoredBlock,
      lastStepMs: p.stepMs,
      lastStepItems: p.items,
      updatedAt: sql`now()`,
    })
    .where(eq(monitorCheckpoints.chainId, p.chainId));
}

export async function listMonitoredChains(db: Writer): Promise<number[]> {
  const rows = await db.select({ chainId: chains.chainId }).from(chains).orderBy(asc(chains.chainId));
  return rows.map((r) => r.chainId);
}

export async function getMonitorCheckpoint(db: Writer, chainId: number) {
  const [cp] = await db.select().from(monitorCheckpoints).where(eq(monitorCheckpoints.chainId, chainId));
  return cp;
}
