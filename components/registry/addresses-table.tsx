import { Usd1Amount } from "@/components/ui/amount";
import { Badge } from "@/components/ui/badge";
import { TAG_LABELS } from "@/components/ui/registry-labels";
import { Table, Td, Th } from "@/components/ui/table";
import type { EntityAddress } from "@/db/queries/registry";
import { formatInt } from "@/lib/format";

/** An entity's addresses: one row per chain an address is registered on. */
export function RegistryAddressesTable({
  addresses,
  chainNames,
}: {
  addresses: EntityAddress[];
  chainNames: Map<number, string>;
}) {
  if (addresses.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="entity-no-addresses">
        No addresses yet: transfers to and from this entity count as unattributed until one is added.
      </p>
    );
  }
  return (
    <Table caption="Addresses attributed to this entity">
      <thead>
        <tr>
          <Th>Address</Th>
          <Th>Chain</Th>
          <Th>Label</Th>
          <Th>Tags</Th>
          <Th numeric>Balance</Th>
          <Th numeric>Transfers</Th>
        </tr>
      </thead>
      <tbody>
        {addresses.map((a) => (
          <tr key={`${a.chainId}:${a.address}`} data-testid={`address-row-${a.chainId}-${a.address}`}>
            <Th scope="row">
              <code className="font-mono text-xs break-all">{a.address}</code>
            </Th>
            <Td className="whitespace-nowrap">
              {chainNames.get(a.chainId) ?? `Chain ${a.chainId}`}{" "}
              <span className="text-xs text-slate-500">#{a.chainId}</span>
            </Td>
            <Td>{a.label ?? <span className="text-slate-500">—</span>}</Td>
            <Td>
              <span className="flex flex-wrap gap-1">
                {a.tags.map((t) => (
                  <Badge key={t} tone={t === "sanctioned" || t === "high_risk" ? "danger" : "neutral"}>
                    {TAG_LABELS[t]}
                  </Badge>
                ))}
              </span>
            </Td>
            <Td numeric>
              {a.balance === null ? (
                <span className="text-slate-500">—</span>
              ) : (
                <Usd1Amount wei={a.balance} />
              )}
            </Td>
            <Td numeric>{formatInt(a.transferCount)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
