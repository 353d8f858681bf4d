import Link from "next/link";
import { Usd1Amount } from "@/components/ui/amount";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AddressActivity, AddressRegistryRow } from "@/db/queries/addresses";
import type { ChainRef } from "@/db/queries/overview";
import { formatCountry, formatDateTimeUtc, formatInt } from "@/lib/format";
import { ADDRESS_CARDS } from "./cards";

export type AddressIdentityCardProps = {
  address: string;
  registry: AddressRegistryRow[];
  activity: AddressActivity[];
  chains: ChainRef[];
  pkrPerUsd?: string | undefined;
};

/** Who the registry says the address is (per chain), and its activity per chain. */
export function AddressIdentityCard({
  address,
  registry,
  activity,
  chains,
  pkrPerUsd,
}: AddressIdentityCardProps) {
  const chainName = (id: number) => chains.find((c) => c.chainId === id)?.name ?? `Chain ${id}`;
  const ids = [...new Set([...registry.map((r) => r.chainId), ...activity.map((a) => a.chainId)])].sort(
    (a, b) => a - b,
  );
  const total = activity.reduce((s, a) => s + a.balance, 0n);
  return (
    <Card
      {...ADDRESS_CARDS.identity}
      description="Attribution is per chain: the same address may belong to an entity on one chain and be unknown on another. Balances include blocks not yet final."
      actions={
        <Link href={`/transactions?q=${address}`} className="text-sm text-sky-800 underline">
          All transfers of this address
        </Link>
      }
    >
      <p className="mb-3 text-sm">
        Balance across the chains shown:{" "}
        <Usd1Amount wei={total} testId="address-balance" pkrPerUsd={pkrPerUsd} />
      </p>
      <Table caption="Registry entry and activity per chain">
        <thead>
          <tr>
            <Th>Chain</Th>
            <Th>Entity, label and tags</Th>
            <Th numeric>Balance</Th>
            <Th numeric>Received</Th>
            <Th numeric>Sent</Th>
            <Th numeric>Transfers</Th>
            <Th>First seen</Th>
            <Th>Last seen</Th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const reg = registry.find((r) => r.chainId === id);
            const act = activity.find((a) => a.chainId === id);
            return (
              <tr key={id} data-testid={`address-chain-${id}`}>
                <Th scope="row">{chainName(id)}</Th>
                <Td data-testid={`address-entity-${id}`}>
                  {reg?.entity ? (
                    <>
                      <Link href={`/registry/${reg.entity.id}`} className="text-sky-800 underline">
                        {reg.entity.name}
                      </Link>
                      <span className="block text-xs text-slate-600">
                        {formatCountry(reg.entity.country)} · {reg.entity.kind.replace(/_/g, " ")} ·{" "}
                        {reg.entity.licenceStatus}
                      </span>
                    </>
                  ) : (
                    <span className="text-slate-600">Unattributed</span>
                  )}
                  <span className="block text-xs text-slate-700">{reg?.label ?? "Not in the registry"}</span>
                  <span className="mt-0.5 flex flex-wrap gap-1">
                    {(reg?.tags ?? []).map((t) => (
                      <Badge key={t} tone={t === "sanctioned" || t === "high_risk" ? "danger" : "neutral"}>
                        {t.replace(/_/g, " ")}
                      </Badge>
                    ))}
                  </span>
                </Td>
                <Td numeric>{act ? <Usd1Amount wei={act.balance} /> : "—"}</Td>
                <Td numeric>{act ? <Usd1Amount wei={act.received} /> : "—"}</Td>
                <Td numeric>{act ? <Usd1Amount wei={act.sent} /> : "—"}</Td>
                <Td numeric>{act ? formatInt(act.transferCount) : "0"}</Td>
                <Td className="whitespace-nowrap">{act ? formatDateTimeUtc(act.firstSeen) : "never"}</Td>
                <Td className="whitespace-nowrap">{act ? formatDateTimeUtc(act.lastSeen) : "never"}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Card>
  );
}
