// GET /api/exports/corridors – the corridors view's matrix (chain and date range) as CSV or XLSX, audited
import type { NextRequest } from "next/server";
import { listKnownChains } from "@/db/queries/overview";
import { apiError } from "@/lib/api/errors";
import { exportRoute, parseTableFormat, searchParamsOf, serveTableExport } from "@/lib/reports/http";
import { corridorMatrixTable } from "@/lib/reports/tables";
import { corridorViewDays, scopeFilterLines } from "@/lib/reports/view-scope";
import { parseViewParams } from "@/lib/validators/view-params";

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const chains = await listKnownChains(db);
  // The view's own parser and default ("all time"), so the file matches the screen.
  const view = parseViewParams(searchParamsOf(req), { chains, now: new Date(), defaultRange: "all" });
  if (!view.ok) return apiError("bad_request", view.errors.map((e) => e.message).join(" "));
  const { chainId, range } = view.value;
  const days = await corridorViewDays(db, { chainId, range });
  const scope = { fromDay: days.fromDay, toDay: days.toDay, chainId };
  return serveTableExport(db, req, session, {
    kind: "corridor_matrix",
    format,
    params: { ...scope, range: range.preset },
    label: "corridor matrix",
    table: () => corridorMatrixTable(db, scope),
    filter: scopeFilterLines({ days, rangeLabel: days.label, chainId, chains }),
  });
});
