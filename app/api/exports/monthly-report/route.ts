// GET /api/exports/monthly-report – the monthly supervisory report (?month=YYYY-MM[&chain=]) as PDF, audited
import type { NextRequest } from "next/server";
import { listKnownChains } from "@/db/queries/overview";
import { apiError } from "@/lib/api/errors";
import { exportRoute, generatedByLabel, serveExport } from "@/lib/reports/http";
import { loadMonthlyReportData } from "@/lib/reports/pdf/monthly-data";
import { renderMonthlyReport } from "@/lib/reports/pdf/monthly-report";
import { monthlyReportRequestSchema } from "@/lib/validators/export-requests";

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const sp = req.nextUrl.searchParams;
  const parsed = monthlyReportRequestSchema(new Date()).safeParse({
    month: sp.get("month") ?? undefined,
    chainId: sp.get("chain") || undefined,
  });
  if (!parsed.success) return apiError("bad_request", parsed.error.issues.map((i) => i.message).join(" "));
  const { month, chainId } = parsed.data;
  if (chainId !== undefined && !(await listKnownChains(db)).some((c) => c.chainId === chainId)) {
    return apiError("bad_request", `Unknown chain ${chainId}.`);
  }
  // A month without data still gives a report: its tables say there was nothing.
  return serveExport(db, req, session, {
    kind: "monthly_report",
    format: "pdf",
    params: { month, chainId: chainId ?? null },
    build: async ({ exportId, startedAt }) =>
      renderMonthlyReport(
        await loadMonthlyReportData(db, {
          month,
          chainId,
          exportId,
          generatedAt: startedAt,
          generatedBy: generatedByLabel(session),
        }),
      ),
  });
});
