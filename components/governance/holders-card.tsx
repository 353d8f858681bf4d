import { getReadDb } from "@/db";
import { listRoleHolders } from "@/db/queries/governance";
import { listKnownChains } from "@/db/queries/overview";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTimeUtc } from "@/lib/format";
import { AddressLink } from "./address-link";
import { GOVERNANCE_CARDS } from "./cards";

/** Who may mint, burn, bridge, freeze, pause and administer: the latest grant per role and account. */
export async function GovernanceHoldersCard({ chainId }: { chainId: number | undefined }) {
  const db = await getReadDb();
  const [holders, chains] = await Promise.all([listRoleHolders(db, { chainId }), listKnownChains(db)]);
  const nameOf = new Map(chains.map((c) => [c.chainId, c.name]));
  return (
    <Card
      {...GOVERNANCE_CARDS.holders}
      description="Derived from the governor's RoleGranted and RoleRevoked events: the latest event per role and account wins. Roles on a governor that no longer owns the token are marked."
    >
      {holders.length === 0 ? (
        <p className="text-sm text-slate-600">
          No governor role granted{chainId === undefined ? "" : " on this chain"}: the token&apos;s owner is
          not a watched governor, or its role events are not indexed yet.
        </p>
      ) : (
        <Table caption="Current holders of each governor role, by chain and governor">
          <thead>
            <tr>
              <Th>Role</Th>
              <Th>Holder</Th>
              <Th>Chain</Th>
              <Th>Governor</Th>
              <Th>Granted by</Th>
              <Th>Granted (UTC)</Th>
            </tr>
          </thead>
          <tbody>
            {holders.map((h) => (
              <tr
                key={`${h.chainId}-${h.governor}-${h.role}-${h.account}`}
                data-chain={h.chainId}
                data-role={h.roleName}
                data-account={h.account}
                data-governor={h.governor}
              >
                <Th scope="row">
                  <span className="font-mono text-xs break-all">{h.roleName}</span>
                </Th>
                <Td>
                  <AddressLink address={h.account} name={h.accountEntity ?? h.accountLabel} />
                </Td>
                <Td>{nameOf.get(h.chainId) ?? `Chain ${h.chainId}`}</Td>
                <Td>
                  <AddressLink address={h.governor} />
                  {h.governorIsOwner ? null : <Badge tone="warning">Not the owner</Badge>}
                </Td>
                <Td>
                  <AddressLink address={h.grantedBy} />
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDateTimeUtc(h.grantedAt.blockTime).replace(" UTC", "")}
                  <code className="block font-mono text-xs break-all text-slate-500">
                    {h.grantedAt.txHash}
                  </code>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
