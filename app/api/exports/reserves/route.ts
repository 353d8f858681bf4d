// GET /api/exports/reserves – the Reserves & peg view's series (?series=collateral|peg, chain and date range) as CSV or XLSX, audited
import type { NextRequest } from "next/server";
import { z } from "zod";
import { listKnownChains } from "@/db/queries/overview";
import { apiError } from "@/lib/api/errors";
import { exportRoute, parseTableFormat, searchParamsOf, serveTableExport } from "@/lib/reports/http";
import { collateralSeriesTable, pegSeriesTable } from "@/lib/reports/reserves-tables";
import { scopeFilterLines } from "@/lib/reports/view-scope";
import { RESERVES_DEFAULT_RANGE } from "@/lib/validators/reserves";
import { parseViewParams } from "@/lib/validators/view-params";

const seriesSchema = z.enum(["collateral", "peg"], { error: "series must be collateral or peg" });

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const series = seriesSchema.safeParse(req.nextUrl.searchParams.get("series") ?? "collateral");
  if (!series.success) return apiError("bad_request", series.error.issues[0]?.message ?? "bad series");
  const chains = await listKnownChains(db);
  const now = new Date();
  const view = parseViewParams(searchParamsOf(req), { chains, now, defaultRange: RESERVES_DEFAULT_RANGE });
  if (!view.ok) return apiError("bad_request", view.errors.map((e) => e.message).join(" "));
  const { chainId, range } = view.value;
  const today = now.toISOString().slice(0, 10);
  const days = { fromDay: range.fromDay ?? "first data", toDay: range.toDay, label: range.label };
  const filter = scopeFilterLines({ days, rangeLabel: range.label, chainId, chains });
  const params = {
    series: series.data,
    fromDay: range.fromDay,
    toDay: range.toDay,
    chainId,
    range: range.preset,
  };
  if (series.data === "collateral") {
    return serveTableExport(db, req, session, {
      kind: "reserves_series",
      format,
      params,
      label: "collateral ratio series",
      // Reserves back all native supply: the ratio is never per chain (the chain filter narrows the peg).
      table: () => collateralSeriesTable(db, { fromDay: range.fromDay, toDay: range.toDay, today }),
      filter: [...filter, ["Ratio", "All native supply (the chain filter does not apply)"]],
    });
  }
  return serveTableExport(db, req, session, {
    kind: "peg_series",
    format,
    params,
    label: "peg series",
    table: () => pegSeriesTable(db, { chainId, since: range.since, until: range.until }),
    filter,
  });
});
