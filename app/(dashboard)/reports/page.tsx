import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { REPORTS_CARDS } from "@/components/reports/cards";
import { ReportsExportLookup } from "@/components/reports/export-lookup";
import { ReportsMonthlyForm } from "@/components/reports/monthly-form";
import { ReportsRecentExports } from "@/components/reports/recent-exports";
import { ReportsSources } from "@/components/reports/sources";
import { NothingIndexedPage } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getDb } from "@/db";
import { listReportMonths } from "@/db/queries/exports-inputs";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { defaultReportMonth } from "@/lib/reports/report-month";
import { utcMonthOf } from "@/lib/validators/export-requests";
import { exportIdSchema } from "@/lib/validators/exports";
import type { SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Reports" };

function parseLookup(raw: string | undefined) {
  if (raw === undefined || raw.trim() === "") return null;
  const parsed = exportIdSchema.safeParse(raw);
  return parsed.success
    ? { ok: true as const, exportId: parsed.data }
    : { ok: false as const, message: "An export id looks like EX-7K2M-9QH4-TZ8D (as printed on the file)." };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("exports:create");
  const db = await getDb();
  const sp = await searchParams;
  const header = (
    <PageHeader title="Reports">
      The monthly supervisory report, where each export lives, and the record of every export made: who, when,
      with which filter, and the SHA-256 of the file.
    </PageHeader>
  );
  const presence = await getDataPresence(db);
  if (!presence.schemaReady) {
    return <NothingIndexedPage header={header} schemaReady={presence.schemaReady} />;
  }
  const now = new Date();
  const [chains, months] = await Promise.all([listKnownChains(db), listReportMonths(db)]);
  const lookupQuery = Array.isArray(sp.export) ? sp.export[0] : sp.export;

  return (
    <>
      {header}
      <div className="space-y-4">
        <ReportsMonthlyForm
          chains={chains}
          defaultMonth={defaultReportMonth(months, now)}
          maxMonth={utcMonthOf(now)}
          monthsWithData={months}
        />
        <ReportsSources goamlSettings={can(session.role, "reports:file")} />
        <Suspense fallback={<CardSkeleton {...REPORTS_CARDS.lookup} rows={2} />}>
          <ReportsExportLookup query={lookupQuery} parsed={parseLookup(lookupQuery)} />
        </Suspense>
        <Suspense fallback={<CardSkeleton {...REPORTS_CARDS.recent} rows={8} />}>
          <ReportsRecentExports />
        </Suspense>
      </div>
    </>
  );
}
