import { AdminEventsTable, type AdminEventView } from "@/components/tables/admin-events/admin-events-table";
import { Card } from "@/components/ui/card";
import { adminEventLabel, eventDetail, eventKindLabel } from "@/components/ui/event-labels";
import { getReadDb } from "@/db";
import { listKnownChains } from "@/db/queries/overview";
import { ADMIN_EVENT_KINDS, listAdminEvents, type AdminEventKind } from "@/db/queries/supply-events";
import type { DateRange, TableParamsOf } from "@/lib/validators/view-params";
import { SUPPLY_CARDS } from "./cards";

export type SupplyAdminEventsCardProps = {
  chainId: number | undefined;
  range: DateRange;
  table: TableParamsOf<"time", { kind: AdminEventKind | undefined }>;
};

const KIND_OPTIONS = ADMIN_EVENT_KINDS.map((value) => ({ value, label: eventKindLabel(value) }));

/** Freezes, pauses, upgrades, role and ownership changes in the range, by block time. */
export async function SupplyAdminEventsCard({ chainId, range, table }: SupplyAdminEventsCardProps) {
  const db = await getReadDb();
  const [events, chains] = await Promise.all([
    listAdminEvents(db, {
      chainId,
      kind: table.filters.kind,
      since: range.since,
      until: range.until,
      sort: table.sort,
      limit: table.size,
      offset: table.offset,
    }),
    listKnownChains(db),
  ]);
  const nameOf = new Map(chains.map((c) => [c.chainId, c.name]));
  const rows: AdminEventView[] = events.rows.map((e) => ({
    id: `${e.chainId}-${e.txHash}-${e.logIndex}`,
    time: e.blockTime.toISOString(),
    chain: nameOf.get(e.chainId) ?? `Chain ${e.chainId}`,
    block: e.blockNumber.toString(),
    kind: e.kind,
    label: adminEventLabel(e),
    detail: eventDetail(e),
    actor: e.actor,
    via: e.via,
    subject: e.subject,
    subjectName: e.subjectEntity ?? e.subjectLabel,
    counterparty: e.counterparty,
    amount: e.amount === null ? null : e.amount.toString(),
    summary: e.summary,
    txHash: e.txHash,
  }));
  return (
    <Card
      {...SUPPLY_CARDS.events}
      description={`Governance and enforcement actions on the token and its governor, ${range.label}, each by its real caller with the governor it went through. Issuer mints and burns are in the issuance chart.`}
    >
      <AdminEventsTable rows={rows} total={events.total} kindOptions={KIND_OPTIONS} />
    </Card>
  );
}
