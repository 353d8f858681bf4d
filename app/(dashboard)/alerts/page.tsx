import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { AlertsFilters, type AlertsFilterOptions } from "@/components/alerts/filters";
import { ALERTS_SUMMARY_CARD, ALERTS_TREND_CARD, AlertsOverview } from "@/components/alerts/overview";
import { ALERTS_CARD, AlertsResults } from "@/components/alerts/results";
import { NothingIndexedPage } from "@/components/shell/nothing-indexed";
import { PageHeader } from "@/components/shell/page-header";
import { ViewParamsError } from "@/components/shell/view-params-error";
import { ViewToolbar } from "@/components/shell/view-toolbar";
import { SEVERITY_LABELS, STATUS_LABELS } from "@/components/ui/alert-badges";
import { CardSkeleton } from "@/components/ui/skeleton";
import { getReadDb } from "@/db";
import { listAssignableUsers, listAssigneeOptions } from "@/db/queries/alerts-list";
import { getDataPresence, listKnownChains } from "@/db/queries/overview";
import { listEntityOptions, type EntityOption } from "@/db/queries/transactions";
import { ALERT_STATUSES, SEVERITIES, type RuleId } from "@/db/schema/monitoring";
import { requireRole } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { formatCountry } from "@/lib/format";
import { RULES } from "@/lib/monitoring/rules";
import { parseAlertParams } from "@/lib/validators/alerts";
import type { SearchParams } from "@/lib/validators/view-params";

export const metadata: Metadata = { title: "Alerts" };

const RULE_NAMES = Object.fromEntries(RULES.map((r) => [r.id, r.title])) as Record<RuleId, string>;

function filterOptions(
  entities: EntityOption[],
  users: { id: string; name: string; email: string; assignable: boolean }[],
): AlertsFilterOptions {
  const countries = [...new Set([...entities.map((e) => e.country), "ZZ"])]
    .map((value) => ({ value, label: formatCountry(value) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return {
    rules: RULES.map((r) => ({ value: r.id, label: `${r.id} ${r.title}` })),
    severities: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
    statuses: ALERT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    users: users.map((u) => ({
      value: u.id,
      label: `${u.name} (${u.email})${u.assignable ? "" : " – inactive"}`,
    })),
    entities: entities.map((e) => ({ value: String(e.id), label: e.name })),
    countries,
  };
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const session = await requireRole("views:read");
  const db = await getReadDb();
  const sp = await searchParams;
  const header = (
    <PageHeader title="Alerts">
      Transfers and admin events flagged by the monitoring rules (R1–R12). The live queue (open, in review,
      escalated) by default; filter by rule, severity, status, assignee, corridor, entity, date or amount.
    </PageHeader>
  );
  const presence = await getDataPresence(db);
  if (presence.chainCount === 0) {
    return <NothingIndexedPage header={header} schemaReady={presence.schemaReady} />;
  }
  const canTriage = can(session.role, "alerts:triage");
  const [chains, entities, users, assignable] = await Promise.all([
    listKnownChains(db),
    listEntityOptions(db),
    listAssigneeOptions(db),
    canTriage ? listAssignableUsers(db) : Promise.resolve(null),
  ]);
  const parsed = parseAlertParams(sp, {
    chains,
    entityIds: new Set(entities.map((e) => e.id)),
    userIds: new Set(users.map((u) => u.id)),
    me: session.userId,
    now: new Date(),
  });

  return (
    <>
      {header}
      <div className="space-y-4">
        <ViewToolbar chains={chains} defaultRange="all" resetKeys={["page"]} />
        <AlertsFilters options={filterOptions(entities, users)} />
        {!parsed.ok ? (
          <ViewParamsError errors={parsed.errors} resetHref="/alerts" />
        ) : (
          <>
            <Suspense
              fallback={
                <div className="grid gap-4 lg:grid-cols-3">
                  <CardSkeleton {...ALERTS_SUMMARY_CARD} />
                  <div className="lg:col-span-2">
                    <CardSkeleton {...ALERTS_TREND_CARD} rows={6} />
                  </div>
                </div>
              }
            >
              <AlertsOverview filter={parsed.value.filter} sp={sp} ruleNames={RULE_NAMES} />
            </Suspense>
            <Suspense fallback={<CardSkeleton {...ALERTS_CARD} rows={10} />}>
              <AlertsResults
                query={parsed.value}
                sp={sp}
                chains={chains}
                ruleNames={RULE_NAMES}
                assignees={assignable}
                canExport={can(session.role, "exports:create")}
              />
            </Suspense>
          </>
        )}
      </div>
    </>
  );
}
