import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { GoamlSchemaCard } from "@/components/reports/goaml-schema-card";
import { GoamlSettingsForm } from "@/components/reports/goaml-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { getGoamlSettings } from "@/db/queries/app-settings";
import { GOAML_SCHEMA_MAX_BYTES, listGoamlSchemas } from "@/db/queries/goaml-schemas";
import { getUser } from "@/db/queries/users";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTimeUtc } from "@/lib/format";
import { TRANSFER_RULES } from "@/lib/monitoring/rules";
import { checkGoamlSettingsCodes } from "@/lib/reports/goaml/settings-check";
import { goamlCodeChoices, goamlFormValues } from "@/lib/reports/goaml/settings-form";

export const metadata: Metadata = { title: "goAML settings" };

export default async function GoamlSettingsPage() {
  await connection();
  await requireRole("reports:file");
  const db = await getDb();
  const stored = await getGoamlSettings(db);
  const [editor, history, check] = await Promise.all([
    stored.updatedBy ? getUser(db, { id: stored.updatedBy }) : null,
    listGoamlSchemas(db),
    checkGoamlSettingsCodes(db, stored.settings),
  ]);
  const { schema, lists, issues } = check;
  const current = history.find((r) => r.id === schema.id);
  const values = goamlFormValues(stored.settings);
  const issueCount = Object.keys(issues).length;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/reports" className="text-sky-700 underline">
          ← Reports
        </Link>
      </p>
      <PageHeader title="goAML settings">
        The goAML schema your FMU distributes, the reporting entity&apos;s identifiers and the codes that
        every goAML (STR) export carries. Every install and every save is audited; each save gives the
        settings a new version.
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
      <GoamlSchemaCard
        inForce={{
          source: schema.source,
          fileName: schema.fileName,
          version: schema.version,
          sha256: schema.sha256,
          sizeBytes: current?.sizeBytes ?? Buffer.byteLength(schema.content, "utf8"),
          uploadedByEmail: current?.uploadedByEmail ?? null,
          uploadedAt: current?.uploadedAt ?? null,
        }}
        lists={lists}
        history={history}
        maxBytes={GOAML_SCHEMA_MAX_BYTES}
      />
      <Card
        id="goaml-settings"
        title="Reporting entity and codes"
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
        {issueCount > 0 ? (
          <p
            role="note"
            data-testid="goaml-code-issues"
            className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
          >
            {issueCount === 1 ? "1 saved code is" : `${issueCount} saved codes are`} not in the schema in
            force: choose from its list in the fields marked, then save. A report that carries such a code
            fails the schema&apos;s validation.
          </p>
        ) : null}
        <GoamlSettingsForm
          // A new schema brings new lists: start the form afresh from the stored values.
          key={schema.sha256}
          values={values}
          choices={goamlCodeChoices(values, lists)}
          codeIssues={issues}
          indicators={TRANSFER_RULES.map((r) => ({ ruleId: r.id, title: r.title }))}
        />
      </Card>
    </>
  );
}
