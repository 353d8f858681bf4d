import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AlertCaseActivity } from "@/components/alerts/case/activity";
import { AlertCaseDecision } from "@/components/alerts/case/decision";
import { AlertCaseEvidence } from "@/components/alerts/case/evidence";
import { AlertCaseExplanation } from "@/components/alerts/case/explanation";
import { AlertCaseGraph } from "@/components/alerts/case/graph";
import { AlertCaseHistory } from "@/components/alerts/case/history";
import { AlertCaseNotes } from "@/components/alerts/case/notes";
import { AlertCaseParties } from "@/components/alerts/case/parties";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { getAlertCase } from "@/db/queries/alert-case";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { formatDateTimeUtc } from "@/lib/format";
import { alertIdParamSchema } from "@/lib/validators/alert-case";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const session = await requireRole("views:read");
  const id = alertIdParamSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const c = await getAlertCase(await getDb(), { id: id.data });
  if (!c) notFound();
  const a = c.alert;

  return (
    <div
      data-testid="alert-case"
      data-alert-id={a.id}
      data-rule={a.ruleId}
      data-status={a.status}
      data-chain={a.chainId}
      data-assigned={a.assignee !== null}
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
        <div className="grid gap-4 xl:grid-cols-2">
          <AlertCaseExplanation c={c} />
          <AlertCaseParties c={c} />
        </div>
        <AlertCaseEvidence c={c} />
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
