import type { Address } from "viem";
import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { adminEventLabel, eventDetail } from "@/components/ui/event-labels";
import { ShortAddressLink } from "@/components/ui/short-address";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import type { ChainRef } from "@/db/queries/overview";
import { listAddressAdminEvents, type AdminEventRow } from "@/db/queries/supply-events";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { ADDRESS_CARDS } from "./cards";

/** The newest few, and how many there are (the treasury has thousands of mints). */
const LIMIT = 10;

/** How the address took part: it acted, was acted upon, was the second party or the governor path. */
function partsOf(e: AdminEventRow, address: string): string {
  const parts = [
    e.actor === address ? "acted" : null,
    e.subject === address ? "acted upon" : null,
    e.counterparty === address ? "second party" : null,
    e.via === address ? "governor (path)" : null,
  ].filter((p): p is string => p !== null);
  return parts.join(", ") || "—";
}

function AddressRef({ address, self, chainId }: { address: string | null; self: string; chainId: number }) {
  if (!address) return <span className="text-slate-500">—</span>;
  if (address === self) return <span className="text-xs text-slate-600">this address</span>;
  return <ShortAddressLink address={address} chainId={chainId} />;
}

/** Admin actions (freezes, drains, role grants, ...) in which this address acted or was acted upon. */
export async function AddressAdminEventsCard({
  address,
  chainId,
  chains,
}: {
  address: Address;
  chainId?: number | undefined;
  chains: ChainRef[];
}) {
  const self = address.toLowerCase();
  const { rows, total } = await listAddressAdminEvents(await getReadDb(), {
    address: self,
    chainId,
    limit: LIMIT,
    offset: 0,
  });
  const chainName = (id: number) => chains.find((c) => c.chainId === id)?.name ?? `Chain ${id}`;
  return (
    <Card
      {...ADDRESS_CARDS.adminEvents}
      description={`Governance and enforcement actions naming this address as the real caller, the account acted upon, the second party or the governor they went through; newest first (${
        total > LIMIT ? `the latest ${LIMIT} of ${formatInt(total)}` : formatInt(total)
      }).`}
    >
      {rows.length === 0 ? (
        <EmptyState title="No admin action involves this address">
          No freeze, drain, pause, role or ownership change names it.
        </EmptyState>
      ) : (
        <Table caption="Admin actions involving this address">
          <thead>
            <tr>
              <Th>When (UTC)</Th>
              <Th>Event</Th>
              <Th>This address</Th>
              <Th>By</Th>
              <Th>Subject</Th>
              <Th numeric>Amount</Th>
              <Th>Chain</Th>
              <Th>Summary</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr
                key={`${e.chainId}-${e.txHash}-${e.logIndex}`}
                data-testid="address-admin-event-row"
                data-kind={e.kind}
              >
                <Th scope="row" className="whitespace-nowrap">
                  {formatDateTimeUtc(e.blockTime).replace(" UTC", "")}
                </Th>
                <Td>
                  {adminEventLabel(e)}
                  {eventDetail(e) ? (
                    <span className="block text-xs text-slate-600">{eventDetail(e)}</span>
                  ) : null}
                </Td>
                <Td>{partsOf(e, self)}</Td>
                <Td>
                  <AddressRef address={e.actor} self={self} chainId={e.chainId} />
                  {e.via ? (
                    <span className="mt-0.5 block text-xs whitespace-nowrap text-slate-600">
                      via governor <AddressRef address={e.via} self={self} chainId={e.chainId} />
                    </span>
                  ) : null}
                </Td>
                <Td>
                  <AddressRef address={e.subject} self={self} chainId={e.chainId} />
                </Td>
                <Td numeric>{e.amount === null ? "—" : <Usd1Amount wei={e.amount} />}</Td>
                <Td>{chainName(e.chainId)}</Td>
                <Td className="max-w-md min-w-56 whitespace-normal">{e.summary}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
