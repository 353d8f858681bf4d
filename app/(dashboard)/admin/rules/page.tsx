import type { Metadata } from "next";
import { connection } from "next/server";
import { RuleSettingsCard } from "@/components/admin/rule-settings-card";
import { ruleExemptionView } from "@/components/admin/rule-settings-view";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { listRuleSettings } from "@/db/queries/monitoring";
import { countSuppressedByRule } from "@/db/queries/monitoring-exemptions";
import { getUser } from "@/db/queries/users";
import { requireRole } from "@/lib/auth/guards";
import { EXEMPTING_RULES, SUPPRESSED_WINDOW_SECONDS } from "@/lib/monitoring/exemptions";
import { RULES } from "@/lib/monitoring/rules";

export const metadata: Metadata = { title: "Rule settings" };

/** user id → email of everyone who saved a current version (a handful at most). */
async function editorEmails(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await Promise.all(unique.map((id) => getUser(db, { id })));
  return new Map(users.flatMap((u) => (u ? [[u.id, u.email] as const] : [])));
}

export default async function RuleSettingsPage() {
  await connection();
  await requireRole("rules:edit");
  const db = await getDb();
  const settings = await listRuleSettings(db);
  const editors = await editorEmails(
    db,
    settings.map((s) => s.updatedBy),
  );
  const byId = new Map(settings.map((s) => [s.ruleId, s]));
  const suppressed = await countSuppressedByRule(db, { lastSeconds: SUPPRESSED_WINDOW_SECONDS });

  return (
    <>
      <PageHeader title="Rule settings">
        The twelve monitoring rules (FATF virtual-asset red flags), their parameters and defaults. Every save
        is audited and gives the rule a new settings version.
      </PageHeader>
      <div className="space-y-4">
        <Card id="rules-how-changes-apply" title="When a change takes effect">
          <div className="space-y-2 text-sm text-slate-700" data-testid="rules-rebuild-note">
            <p>
              A change applies to transfers evaluated after it is saved. Alerts already raised keep the
              parameters and settings version they were raised under.
            </p>
            <p>
              To re-evaluate history under the new parameters, an operator runs on the server{" "}
              <code className="rounded bg-slate-100 px-1 font-mono text-xs">
                npm run monitor -- --rebuild --rule R6
              </code>{" "}
              (with the rule you changed; add <code className="font-mono text-xs">--dry-run</code> to see
              first what it would add, reinstate and withdraw). The dashboard never starts a rebuild itself.
            </p>
          </div>
        </Card>
        {RULES.map((rule) => {
          const setting = byId.get(rule.id);
          if (!setting) return null;
          return (
            <RuleSettingsCard
              key={rule.id}
              rule={rule}
              setting={setting}
              editor={setting.updatedBy ? (editors.get(setting.updatedBy) ?? null) : null}
              exemption={
                EXEMPTING_RULES.includes(rule.id)
                  ? ruleExemptionView({ ...rule.defaults, ...setting.params }, suppressed[rule.id] ?? 0)
                  : undefined
              }
            />
          );
        })}
      </div>
    </>
  );
}
