import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { listAlertsForAddress } from "@/db/queries/monitoring-alerts";
import type { ChainRef } from "@/db/queries/overview";
import { formatDateTimeUtc } from "@/lib/format";
import { ADDRESS_CARDS } from "./cards";

/** The newest few: the alerts view lists them all (`/alerts?q=<address>`), paged. */
const LIMIT = 10;

/** Alerts of the monitoring rules whose parties include this address. */
export async function AddressAlertsCard({
  address,
  chainId,
  chains,
}: {
  address: string;
  chainId?: number | undefined;
  chains: ChainRef[];
}) {
  const rows = await listAlertsForAddress(await getReadDb(), { address, chainId, limit: LIMIT });
  const chainName = (id: number) => chains.find((c) => c.chainId === id)?.name ?? `Chain ${id}`;
  return (
    <Card
      {...ADDRESS_CARDS.alerts}
      description={`Monitoring alerts naming this address as a party, newest first (at most ${LIMIT}).`}
      actions={
        <Link
          href={`/alerts?q=${address}${chainId === undefined ? "" : `&chain=${chainId}`}`}
          className="text-sm text-sky-800 underline"
        >
          All alerts of this address
        </Link>
      }
    >
      {rows.length === 0 ? (
        <EmptyState title="No alerts involve this address">
          The monitoring rules have not flagged any transfer of this address.
        </EmptyState>
      ) : (
        <Table caption="Alerts involving this address">
          <thead>
            <tr>
              <Th>Rule</Th>
              <Th>Severity</Th>
              <Th>Status</Th>
              <Th>Chain</Th>
              <Th>When (UTC)</Th>
              <Th>Explanation</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-testid="address-alert-row" data-rule={a.ruleId}>
                <Th scope="row">{a.ruleId}</Th>
                <Td>
                  <Badge tone={a.severity === "severe" || a.severity === "high" ? "danger" : "neutral"}>
                    {a.severity}
                  </Badge>
                </Td>
                <Td>{a.status.replace("_", " ")}</Td>
                <Td>{chainName(a.chainId)}</Td>
                <Td>{formatDateTimeUtc(a.blockTime)}</Td>
                <Td className="max-w-xl whitespace-normal">{a.explanation}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
