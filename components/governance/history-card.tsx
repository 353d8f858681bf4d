import { getReadDb } from "@/db";
import { listRoleEvents, type RoleEventKind } from "@/db/queries/governance";
import { listKnownChains } from "@/db/queries/overview";
import { Card } from "@/components/ui/card";
import type { TableParamsOf } from "@/lib/validators/view-params";
import { GOVERNANCE_CARDS, type ROLE_EVENT_SORTS } from "./cards";
import { RoleEventsTable, type RoleEventView } from "./role-events-table";

export type GovernanceHistoryCardProps = {
  chainId: number | undefined;
  table: TableParamsOf<(typeof ROLE_EVENT_SORTS)[number], { kind: RoleEventKind | undefined }>;
};

/** Every RoleGranted and RoleRevoked of the watched governors, paged in the URL. */
export async function GovernanceHistoryCard({ chainId, table }: GovernanceHistoryCardProps) {
  const db = await getReadDb();
  const [events, chains] = await Promise.all([
    listRoleEvents(db, {
      chainId,
      kind: table.filters.kind,
      desc: table.sort?.desc ?? true,
      limit: table.size,
      offset: table.offset,
    }),
    listKnownChains(db),
  ]);
  const nameOf = new Map(chains.map((c) => [c.chainId, c.name]));
  const rows: RoleEventView[] = events.rows.map((e) => ({
    id: `${e.chainId}-${e.txHash}-${e.logIndex}`,
    time: e.blockTime.toISOString(),
    chain: nameOf.get(e.chainId) ?? `Chain ${e.chainId}`,
    block: e.blockNumber.toString(),
    granted: e.kind === "role_granted",
    roleName: e.roleName,
    account: e.account,
    accountName: e.accountEntity ?? e.accountLabel,
    sender: e.sender,
    senderName: e.senderLabel,
    governor: e.governor,
    txHash: e.txHash,
  }));
  return (
    <Card
      {...GOVERNANCE_CARDS.history}
      description="The governor's RoleGranted and RoleRevoked events (OpenZeppelin AccessControl): the sender granted or revoked the role."
    >
      <RoleEventsTable rows={rows} total={events.total} />
    </Card>
  );
}
