import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AlertCaseActivity } from "@/components/alerts/case/activity";
import { AlertCaseDecision } from "@/components/alerts/case/decision";
import { AlertCaseEvidence } from "@/components/alerts/case/evidence";
import { AlertCaseExplanation } from "@/components/alerts/case/explanation";
import { AlertCaseGoaml, type GoamlCheck } from "@/components/alerts/case/goaml";
import { AlertCaseGraph } from "@/components/alerts/case/graph";
import { AlertCaseHistory } from "@/components/alerts/case/history";
import { AlertCaseNotes } from "@/components/alerts/case/notes";
import { AlertCaseParties } from "@/components/alerts/case/parties";
import { ALERT_CARDS } from "@/components/alerts/case/parts";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { getReadDb } from "@/db";
import type { Db } from "@/db/client";
import { EVIDENCE_PAGE_SIZE, getAlertCase } from "@/db/queries/alert-case";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { formatDateTimeUtc } from "@/lib/format";
import { newExportId } from "@/lib/reports/export-id";
import { prepareCaseReport } from "@/lib/reports/goaml/case-report";
import { alertIdParamSchema } from "@/lib/validators/alert-case";
import { parseTableParams, tableKey, type SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Alert" };

/** The case's goAML report as the download would make it, checked against the schema in force. */
async function checkGoaml(db: Db, alertId: number): Promise<GoamlCheck> {
  try {
    const report = await prepareCaseReport(db, {
      alertIds: [alertId],
      exportId: newExportId(),
      submissionDate: new Date(),
    });
    return { ok: true, report };
  } catch (err) {
    if (err instanceof AppError && err.code !== "internal") return { ok: false, message: err.message };
    throw err;
  }
}

/** `evidence.page` / `evidence.size`: which page of the evidence (a standing case can hold 500k rows). */
const EVIDENCE_TABLE = {
  prefix: "evidence",
  sortable: [] as const,
  defaultSize: EVIDENCE_PAGE_SIZE,
} as const;

export default async function AlertPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  await connection();
  const session = await requireRole("views:read");
  const id = alertIdParamSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const sp = await searchParams;
  const table = parseTableParams(sp, EVIDENCE_TABLE);
  if (!table.ok) {
    return (
      <div>
        <PageHeader title={`Alert #${id.data}`} />
        <ViewParamsError errors={table.errors} resetHref={`/alerts/${id.data}`} />
      </div>
    );
  }
  const { offset, size } = table.value;
  const db = await getReadDb();
  const c = await getAlertCase(db, { id: id.data, evidence: { offset, limit: size } });
  if (!c) notFound();
  const evidenceHref = (page: number, rows: number = size) => {
    const q = new URLSearchParams({ [tableKey(EVIDENCE_TABLE.prefix, "page")]: String(page) });
    if (rows !== EVIDENCE_PAGE_SIZE) q.set(tableKey(EVIDENCE_TABLE.prefix, "size"), String(rows));
    return `/alerts/${id.data}?${q.toString()}#${ALERT_CARDS.evidence.id}`;
  };
  const a = c.alert;
  const goaml =
    can(session.role, "exports:create") && (a.status === "escalated" || a.status === "reported")
      ? await checkGoaml(db, a.id)
      : null;

  return (
    <div
      data-testid="alert-case"
      data-alert-id={a.id}
      data-rule={a.ruleId}
      data-status={a.status}
      data-chain={a.chainId}
      data-assigned={a.assignee !== null}
      data-subject={a.subject ?? ""}
    >
      <p className="mb-2 text-sm">
        <Link href="/alerts" className="text-sky-700 underline">
          ← Alerts
        </Link>
      </p>
      <PageHeader title={`Alert #${a.id}: ${a.ruleId} ${a.ruleTitle}`}>
        {a.chainName ?? `Chain ${a.chainId}`}, block {a.blockNumber.toString()},{" "}
        {formatDateTimeUtc(a.blockTime)}.
      </PageHeader>
      <div className="space-y-4">
        <AlertCaseDecision c={c} session={session} />
        {goaml ? <AlertCaseGoaml c={c} check={goaml} /> : null}
        <div className="grid gap-4 xl:grid-cols-2">
          <AlertCaseExplanation c={c} />
          <AlertCaseParties c={c} />
        </div>
        <AlertCaseEvidence c={c} pageHref={evidenceHref} />
        <div className="grid gap-4 xl:grid-cols-2">
          <AlertCaseActivity c={c} />
          <AlertCaseGraph c={c} />
        </div>
        <div className="grid gap-4 xl:grid-cols-2">
          <AlertCaseNotes c={c} canWrite={can(session.role, "alerts:triage")} />
          <AlertCaseHistory c={c} />
        </div>
      </div>
    </div>
  );
}
