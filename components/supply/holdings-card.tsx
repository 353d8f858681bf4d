import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getSupplyByChain, listKnownChains } from "@/db/queries/overview";
import { getTaggedHoldings } from "@/db/queries/supply-holders";
import { formatShare } from "@/lib/format";
import { SUPPLY_CARDS, type SupplyWidgetParams } from "./cards";

/** USD1 sitting with the issuer's treasury and in bridge pools (registry tags decide which). */
export async function SupplyHoldingsCard({ chainId, pkr }: SupplyWidgetParams) {
  const db = await getReadDb();
  const [holdings, supply, chains] = await Promise.all([
    getTaggedHoldings(db, { chainId }),
    getSupplyByChain(db, { chainId }),
    listKnownChains(db),
  ]);
  const nameOf = new Map(chains.map((c) => [c.chainId, c.name]));
  const sum = (tag: string) => holdings.filter((h) => h.tag === tag).reduce((a, h) => a + h.balance, 0n);
  const treasury = sum("treasury");
  const bridge = sum("bridge");
  return (
    <Card
      {...SUPPLY_CARDS.holdings}
      description="Addresses tagged treasury or bridge in the registry; balances as of the last indexed block."
    >
      <dl className="mb-4 grid grid-cols-1 gap-4 md:grid-cols-3">
        <Stat label="Treasury" hint={`${formatShare(treasury, supply.total)} of supply`}>
          <Usd1Amount wei={treasury} testId="holdings-treasury-total" pkrPerUsd={pkr} />
        </Stat>
        <Stat label="Bridge pools" hint={`${formatShare(bridge, supply.total)} of supply`}>
          <Usd1Amount wei={bridge} testId="holdings-bridge-total" pkrPerUsd={pkr} />
        </Stat>
        <Stat
          label="Elsewhere (circulating)"
          hint={`${formatShare(supply.total - treasury - bridge, supply.total)} of supply`}
        >
          <Usd1Amount wei={supply.total - treasury - bridge} testId="holdings-circulating" pkrPerUsd={pkr} />
        </Stat>
      </dl>
      {holdings.length === 0 ? (
        <p className="text-sm text-slate-600">
          No address is tagged treasury or bridge{chainId === undefined ? "" : " on this chain"}. Tag them in
          the registry to follow what the issuer and the bridge hold.
        </p>
      ) : (
        <Table caption="Treasury and bridge-pool addresses">
          <thead>
            <tr>
              <Th>Holder</Th>
              <Th>Role</Th>
              <Th>Chain</Th>
              <Th>Address</Th>
              <Th numeric>Balance</Th>
            </tr>
          </thead>
          <tbody>
            {holdings.map((h) => (
              <tr key={`${h.chainId}-${h.address}`}>
                <Th scope="row">
                  {h.entityName ?? "Unattributed"}
                  {h.label ? (
                    <span className="block text-xs font-normal text-slate-500">{h.label}</span>
                  ) : null}
                </Th>
                <Td>{h.tag === "treasury" ? "Treasury" : "Bridge pool"}</Td>
                <Td>{nameOf.get(h.chainId) ?? `Chain ${h.chainId}`}</Td>
                <Td>
                  <code className="font-mono text-xs break-all">{h.address}</code>
                </Td>
                <Td numeric>
                  <Usd1Amount wei={h.balance} pkrPerUsd={pkr} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
