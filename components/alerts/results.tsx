import { ExportLinks } from "@/components/shell/export-links";
import { AlertsTable, type AlertTableRow } from "@/components/tables/alerts/alerts-table";
import { Card } from "@/components/ui/card";
import { getReadDb } from "@/db";
import { listAlerts, type AssignableUser } from "@/db/queries/alerts-list";
import type { ChainRef } from "@/db/queries/overview";
import type { RuleId } from "@/db/schema/monitoring";
import { formatCountry, formatInt } from "@/lib/format";
import { listAlertParamsOf, type AlertQuery } from "@/lib/validators/alerts";
import type { SearchParams } from "@/lib/validators/view-params";

export const ALERTS_CARD = { id: "alerts", title: "Flagged transactions" } as const;

export type AlertsResultsProps = {
  query: AlertQuery;
  sp: SearchParams;
  chains: ChainRef[];
  ruleNames: Record<RuleId, string>;
  /** Users alerts may be assigned to, when the role may triage; else null (no bulk assign). */
  assignees: AssignableUser[] | null;
  canExport: boolean;
};

/** One page of the alerts matching the view's filter, with bulk assign and the export links. */
export async function AlertsResults({
  query,
  sp,
  chains,
  ruleNames,
  assignees,
  canExport,
}: AlertsResultsProps) {
  const { rows, total } = await listAlerts(await getReadDb(), listAlertParamsOf(query));
  const chainName = new Map(chains.map((c) => [c.chainId, c.name]));
  const tableRows: AlertTableRow[] = rows.map((r) => ({
    id: r.id,
    ruleId: r.ruleId,
    ruleName: ruleNames[r.ruleId],
    severity: r.severity,
    status: r.status,
    score: r.score,
    chainName: chainName.get(r.chainId) ?? `Chain ${r.chainId}`,
    corridor:
      r.corridorOrigin !== null && r.corridorDestination !== null
        ? { origin: formatCountry(r.corridorOrigin), destination: formatCountry(r.corridorDestination) }
        : null,
    subject: r.subject,
    subjectName: r.subjectEntity ?? r.subjectLabel,
    amount: r.amount === null ? null : r.amount.toString(),
    assigneeName: r.assigneeName,
    blockTime: r.blockTime,
  }));
  const statusText =
    query.status === "live" ? "live" : query.status === "all" ? "" : query.status.replace("_", " ");
  return (
    <Card
      {...ALERTS_CARD}
      description={
        <span data-testid="alerts-total" data-count={total}>
          {formatInt(total)} {statusText ? `${statusText} ` : ""}
          {total === 1 ? "alert matches" : "alerts match"} the filters. Open one to see its evidence and
          history.
        </span>
      }
      actions={
        canExport && total > 0 ? (
          <ExportLinks route="/api/exports/alerts" searchParams={sp} rows={total} testId="alerts-export" />
        ) : null
      }
    >
      <AlertsTable
        rows={tableRows}
        total={total}
        assignees={assignees?.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })) ?? null}
      />
    </Card>
  );
}
