import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { GoamlSettingsForm } from "@/components/reports/goaml-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { getGoamlSettings } from "@/db/queries/app-settings";
import { getUser } from "@/db/queries/users";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTimeUtc } from "@/lib/format";
import { RULES } from "@/lib/monitoring/rules";
import { goamlFormValues } from "@/lib/reports/goaml/settings-form";

export const metadata: Metadata = { title: "goAML settings" };

export default async function GoamlSettingsPage() {
  await connection();
  await requireRole("reports:file");
  const db = await getDb();
  const stored = await getGoamlSettings(db);
  const editor = stored.updatedBy ? await getUser(db, { id: stored.updatedBy }) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/reports" className="text-sky-700 underline">
          ← Reports
        </Link>
      </p>
      <PageHeader title="goAML settings">
        The reporting entity&apos;s identifiers and the FIU&apos;s code lists that every goAML (STR) export
        carries. Every save is audited and gives the settings a new version.
      </PageHeader>
      {stored.version === 0 ? (
        <div
          role="note"
          data-testid="goaml-placeholder-warning"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <p className="font-semibold">Placeholders — replace with the values your FIU assigned.</p>
          <p className="mt-0.5">
            These settings have never been saved: goAML exports made now carry placeholder identifiers and
            codes that the FIU will not accept.
          </p>
        </div>
      ) : null}
      <Card
        id="goaml-settings"
        title="Reporting entity and code lists"
        description={
          <>
            Version{" "}
            <span data-testid="goaml-version" className="tabular-nums">
              {stored.version}
            </span>
            {stored.updatedAt ? (
              <>
                {" "}
                · last saved by <span data-testid="goaml-editor">
                  {editor?.email ?? stored.updatedBy}
                </span> at {formatDateTimeUtc(stored.updatedAt)}
              </>
            ) : (
              " · never saved"
            )}
          </>
        }
      >
        <GoamlSettingsForm
          values={goamlFormValues(stored.settings)}
          indicators={RULES.map((r) => ({ ruleId: r.id, title: r.title }))}
        />
      </Card>
    </>
  );
}
