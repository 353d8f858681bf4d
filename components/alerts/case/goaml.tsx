// The case's goAML report (STR) as the FIU would judge it, shown before anything is offered: which
// schema judged it (the FMU's installed XSD or the built-in 5.0.1 one, with its SHA-256), each
// error with its element path and where to fix it, and the download – a watermarked draft while
// the case is escalated, the fileable report once a second officer has filed it (four eyes).
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { AlertCase } from "@/db/queries/alert-case";
import { schemaName, type CaseReport } from "@/lib/reports/goaml/case-report";
import { userLabel } from "./parts";

export type GoamlCheck = { ok: true; report: CaseReport } | { ok: false; message: string };

function Issues({ report }: { report: CaseReport }) {
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-semibold" data-testid="goaml-invalid">
        The report does not pass the schema ({report.validation.issues.length}{" "}
        {report.validation.issues.length === 1 ? "error" : "errors"}); nothing can be downloaded until they
        are fixed.
      </p>
      <ul className="mt-2 space-y-2">
        {report.validation.issues.map((i, n) => (
          <li key={n} data-testid="goaml-issue">
            <code className="break-all text-xs" data-testid="goaml-issue-path">
              {i.path ?? "(report)"}
            </code>
            <p>{i.message}</p>
            {i.fix ? <p className="text-red-800">Fix: {i.fix}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AlertCaseGoaml({ c, check }: { c: AlertCase; check: GoamlCheck }) {
  const a = c.alert;
  return (
    <Card
      id="alert-goaml"
      title="goAML report (STR)"
      description="Validated against the FIU's schema before it is offered. Every download is audited with the schema's SHA-256."
    >
      {!check.ok ? (
        <p
          data-testid="goaml-blocked"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {check.message}{" "}
          <Link href="/reports/goaml-settings" className="underline">
            goAML settings
          </Link>
        </p>
      ) : (
        <div className="space-y-3 text-sm">
          <p data-testid="goaml-judge">
            Judged by {schemaName(check.report.schema)}
            {" · "}SHA-256{" "}
            <code className="break-all text-xs" data-testid="goaml-judge-sha256">
              {check.report.schema.sha256}
            </code>
          </p>
          {check.report.settingsVersion === 0 ? (
            <p
              data-testid="goaml-placeholders"
              className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
            >
              The goAML settings are still the placeholders: a draft at most; filing is blocked until a
              compliance officer enters the FMU&apos;s values in{" "}
              <Link href="/reports/goaml-settings" className="underline">
                goAML settings
              </Link>
              .
            </p>
          ) : null}
          {check.report.mode === "draft" ? (
            <p data-testid="goaml-draft-note" className="text-slate-700">
              The case is escalated{c.escalatedBy ? ` by ${userLabel(c.escalatedBy)}` : ""}: only a draft
              (marked DRAFT, not fileable) can be downloaded. The fileable report is made when a compliance
              officer other than the escalating one files the STR.
            </p>
          ) : null}
          {check.report.validation.valid ? (
            <a
              href={`/api/exports/goaml?alert=${a.id}`}
              data-testid="alert-goaml-export"
              data-mode={check.report.mode}
              className="inline-block rounded-md border border-sky-700 px-3 py-1.5 font-medium text-sky-800 hover:bg-sky-50"
            >
              {check.report.mode === "draft"
                ? "Download draft goAML XML (not for filing)"
                : "Download goAML XML for filing"}
            </a>
          ) : (
            <Issues report={check.report} />
          )}
        </div>
      )}
    </Card>
  );
}
