// Settings kept in the app (app_settings): today the goAML reporting entity and code lists. Read
// through zod, so a hand-edited row that no longer validates is an error, not a silent default;
// written with a version bump and an audit row in one transaction.
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { appSettings } from "../schema/monitoring";
import { recordAudit, type AuditActor } from "./audit";
import { DEFAULT_GOAML_SETTINGS } from "@/lib/reports/goaml/settings";
import { AppError } from "@/lib/errors";
import { goamlSettingsSchema, type GoamlSettings } from "@/lib/validators/exports";

const GOAML_KEY = "goaml";

export type StoredGoamlSettings = {
  settings: GoamlSettings;
  /** 0 = never saved: the placeholders of lib/reports/goaml/settings.ts are in use. */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
};

/** The goAML settings in force (the placeholders until a compliance officer saves some). */
export async function getGoamlSettings(db: Db | Tx): Promise<StoredGoamlSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, GOAML_KEY));
  if (!row) return { settings: DEFAULT_GOAML_SETTINGS, version: 0, updatedBy: null, updatedAt: null };
  const parsed = goamlSettingsSchema.safeParse(row.value);
  if (!parsed.success) {
    throw new AppError("internal", `stored goAML settings are invalid: ${parsed.error.issues[0]?.message}`);
  }
  return { settings: parsed.data, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

export type UpdateGoamlSettingsParams = {
  settings: GoamlSettings;
  actor: AuditActor;
  ip?: string | null;
  userAgent?: string | null;
};

/** Saves the settings (version + 1) and audits before/after in the same transaction. */
export async function updateGoamlSettings(
  db: Db,
  p: UpdateGoamlSettingsParams,
): Promise<StoredGoamlSettings> {
  const settings = goamlSettingsSchema.parse(p.settings);
  return db.transaction(async (tx) => {
    const before = await getGoamlSettings(tx);
    const [row] = await tx
      .insert(appSettings)
      .values({ key: GOAML_KEY, value: settings, version: 1, updatedBy: p.actor.id })
      .onConflictDoUpdate({
        target: appSettings.key,
        set: {
          value: settings,
          version: sql`${appSettings.version} + 1`,
          updatedBy: p.actor.id,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!row) throw new AppError("internal", "goAML settings were not saved");
    await recordAudit(tx, {
      action: "settings.goaml",
      actor: p.actor,
      target: GOAML_KEY,
      params: { version: row.version, before: before.settings, after: settings },
      ip: p.ip ?? null,
      userAgent: p.userAgent ?? null,
    });
    return { settings, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
  });
}
