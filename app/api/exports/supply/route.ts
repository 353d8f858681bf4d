// GET /api/exports/supply – the supply view's daily series (chain and date range) as CSV or XLSX, audited
import type { NextRequest } from "next/server";
import { listKnownChains } from "@/db/queries/overview";
import { apiError } from "@/lib/api/errors";
import { exportRoute, parseTableFormat, searchParamsOf, serveTableExport } from "@/lib/reports/http";
import type { Db } from "@/db/client";
import { SUPPLY_COLUMNS, supplySeriesTable } from "@/lib/reports/tables";
import { scopeFilterLines, supplyViewDays, type ViewDays } from "@/lib/reports/view-scope";
import { parseViewParams } from "@/lib/validators/view-params";

/** The series for the view's days; no rows when the view draws none (a range before the first mint). */
function seriesTable(db: Db, days: ViewDays | null, chainId: number | undefined) {
  if (days) return supplySeriesTable(db, { fromDay: days.fromDay, toDay: days.toDay, chainId });
  return { title: "Supply series", columns: SUPPLY_COLUMNS, rows: (async function* () {})() };
}

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const chains = await listKnownChains(db);
  const now = new Date();
  // The view's own parser and default ("all time"), so the file matches the screen.
  const view = parseViewParams(searchParamsOf(req), { chains, now, defaultRange: "all" });
  if (!view.ok) return apiError("bad_request", view.errors.map((e) => e.message).join(" "));
  const { chainId, range } = view.value;
  const days = await supplyViewDays(db, { chainId, range, today: now.toISOString().slice(0, 10) });
  return serveTableExport(db, req, session, {
    kind: "supply_series",
    format,
    params: { fromDay: days?.fromDay ?? null, toDay: days?.toDay ?? null, chainId, range: range.preset },
    label: "supply series",
    table: () => seriesTable(db, days, chainId),
    filter: scopeFilterLines({ days, rangeLabel: range.label, chainId, chains }),
  });
});
