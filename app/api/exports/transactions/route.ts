// GET /api/exports/transactions – CSV or XLSX (?format=) of the transactions view's filter, streamed and audited
import type { NextRequest } from "next/server";
import { listKnownChains } from "@/db/queries/overview";
import { listEntityOptions } from "@/db/queries/transactions";
import { apiError } from "@/lib/api/errors";
import { exportRoute, parseTableFormat, searchParamsOf, serveTableExport } from "@/lib/reports/http";
import { transactionsTable } from "@/lib/reports/tables";
import { describeTransactionFilter, parseTransactionParams } from "@/lib/validators/transactions";

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const [chains, entities] = await Promise.all([listKnownChains(db), listEntityOptions(db)]);
  // One clock: rows whose block time is later than the request are left out of the file.
  const now = new Date();
  const parsed = parseTransactionParams(searchParamsOf(req), {
    chains,
    entityIds: new Set(entities.map((e) => e.id)),
    now,
  });
  if (!parsed.ok) return apiError("bad_request", parsed.errors.map((e) => e.message).join(" "));
  const filter = parsed.value.filter;
  const described = describeTransactionFilter(filter);
  return serveTableExport(db, req, session, {
    kind: "transactions",
    format,
    params: { filter: described, asOf: now.toISOString() },
    label: "transactions",
    table: () => transactionsTable(db, { filter, asOf: now }),
    filter: Object.entries(described).map(([k, v]) => [k, String(v)] as const),
  });
});
