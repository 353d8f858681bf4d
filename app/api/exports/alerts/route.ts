// GET /api/exports/alerts – CSV or XLSX of the alerts view's filter, streamed and audited
import type { NextRequest } from "next/server";
import { listAssigneeOptions } from "@/db/queries/alerts-list";
import { listKnownChains } from "@/db/queries/overview";
import { listEntityOptions } from "@/db/queries/transactions";
import { apiError } from "@/lib/api/errors";
import { exportRoute, parseTableFormat, serveTableExport } from "@/lib/reports/http";
import { alertsTable } from "@/lib/reports/tables";
import { describeAlertFilter, parseAlertParams, type AlertQuery } from "@/lib/validators/alerts";

/** The filter in words, for the XLSX "Filter" sheet. */
function filterRows(q: AlertQuery, chainName: string | undefined): [string, string][] {
  const f = q.filter;
  const rows: [string, string][] = [
    ["Chain", chainName ?? "All chains"],
    ["Date range (block time, UTC)", q.view.range.label],
    ["Status", q.status === "live" ? "live (open, in review, escalated)" : q.status],
  ];
  const add = (label: string, value: string | number | bigint | undefined) => {
    if (value !== undefined) rows.push([label, String(value)]);
  };
  add("Rule", f.ruleId);
  add("Severity", f.severity);
  if (f.assignee !== undefined) rows.push(["Assignee", f.assignee ?? "unassigned"]);
  add("Origin country", f.origin);
  add("Destination country", f.destination);
  add("Entity id", f.entityId);
  add("Address", f.address);
  add("Min amount (wei)", f.minAmount);
  add("Max amount (wei)", f.maxAmount);
  return rows;
}

export const GET = exportRoute(async (req: NextRequest, { session, db }) => {
  const format = parseTableFormat(req.nextUrl.searchParams);
  const [chains, entities, users] = await Promise.all([
    listKnownChains(db),
    listEntityOptions(db),
    listAssigneeOptions(db),
  ]);
  const parsed = parseAlertParams(Object.fromEntries(req.nextUrl.searchParams.entries()), {
    chains,
    entityIds: new Set(entities.map((e) => e.id)),
    userIds: new Set(users.map((u) => u.id)),
    me: session?.userId ?? "",
    now: new Date(),
  });
  if (!parsed.ok)
    return apiError("bad_request", parsed.errors.map((e) => `${e.param}: ${e.message}`).join(" "));
  const query = parsed.value;
  const chainName = chains.find((c) => c.chainId === query.filter.chainId)?.name;
  return serveTableExport(db, req, session, {
    kind: "alerts",
    format,
    params: { filter: describeAlertFilter(query.filter), status: query.status },
    label: "alerts",
    table: () => alertsTable(db, { filter: query.filter }),
    filter: filterRows(query, chainName),
  });
});
