import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { ReconciliationBadge } from "@/components/ui/reconciliation-badge";
import { Stat } from "@/components/ui/stat";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getLatestReconciliations } from "@/db/queries/chain-status";
import { getSupplyByChain } from "@/db/queries/overview";
import { getNetworkFlows } from "@/db/queries/supply";
import { formatCount, formatInt } from "@/lib/format";
import { OVERVIEW_CARDS } from "./cards";

export async function OverviewSupplyCard({ chainId }: { chainId?: number | undefined }) {
  const db = await getReadDb();
  const [supply, recs, flows] = await Promise.all([
    getSupplyByChain(db, { chainId }),
    getLatestReconciliations(db, { chainId }),
    getNetworkFlows(db, { chainId }),
  ]);
  const flowOf = new Map(flows.chains.map((f) => [f.chainId, f]));
  const recOf = new Map(recs.map((r) => [r.chainId, r]));
  const provisional = supply.chains.reduce((acc, c) => acc + c.provisionalDelta, 0n);
  const matched = supply.chains.filter((c) => recOf.get(c.chainId)?.matches).length;
  const mismatched = supply.chains.filter((c) => recOf.get(c.chainId)?.matches === false).length;

  return (
    <Card
      {...OVERVIEW_CARDS.supply}
      description="Outstanding USD1 = finalized daily rollups + mints and burns in indexed blocks above them (provisional)."
    >
      <dl className="mb-4 grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Stat label="Total supply" size="lg" className="md:col-span-2">
          <Usd1Amount wei={supply.total} testId="supply-total" />
        </Stat>
        <Stat
          label="Of which provisional"
          hint="Net of blocks not yet rolled up; may still change on a reorg"
        >
          <Usd1Amount wei={provisional} signed testId="supply-provisional-total" />
        </Stat>
        <Stat
          label="Net issuance (bridge excluded)"
          hint="Issuer mints − issuer burns; equals total supply + in transit when no chain filter is set"
        >
          <Usd1Amount wei={flows.netIssuance} testId="supply-net-issuance" />
        </Stat>
        <Stat
          label="In transit between chains"
          hint="Burned by a bridge pool on one chain, not yet minted on another"
        >
          <Usd1Amount wei={flows.inTransit} testId="supply-in-transit" />
        </Stat>
        <Stat label="Held by bridge pools">
          <Usd1Amount wei={flows.poolHeld} testId="supply-pool-held" />
        </Stat>
        <Stat label="Reconciled with totalSupply()">
          <span data-testid="reconciliation-summary">
            {matched} of {formatCount(supply.chains.length, "chain")} matched
            {mismatched > 0 ? `, ${mismatched} mismatched` : ""}
          </span>
        </Stat>
      </dl>
      <Table caption="Supply by chain">
        <thead>
          <tr>
            <Th>Chain</Th>
            <Th numeric>Supply</Th>
            <Th numeric>Provisional</Th>
            <Th numeric>Bridged in</Th>
            <Th numeric>Bridged out</Th>
            <Th numeric>Rolled up to block</Th>
            <Th>Reconciliation</Th>
          </tr>
        </thead>
        <tbody>
          {supply.chains.map((c) => (
            <tr key={c.chainId} data-testid={`supply-row-${c.chainId}`}>
              <Th scope="row">
                {c.name} <span className="text-xs font-normal text-slate-500">#{c.chainId}</span>
              </Th>
              <Td numeric>
                <Usd1Amount wei={c.supply} testId={`supply-chain-${c.chainId}`} />
              </Td>
              <Td numeric className="text-slate-600">
                <Usd1Amount wei={c.provisionalDelta} signed testId={`supply-provisional-${c.chainId}`} />
              </Td>
              <Td numeric className="text-slate-600">
                <Usd1Amount
                  wei={flowOf.get(c.chainId)?.bridgeMinted ?? 0n}
                  testId={`supply-bridged-in-${c.chainId}`}
                />
              </Td>
              <Td numeric className="text-slate-600">
                <Usd1Amount
                  wei={flowOf.get(c.chainId)?.bridgeBurned ?? 0n}
                  testId={`supply-bridged-out-${c.chainId}`}
                />
              </Td>
              <Td numeric className="text-slate-600">
                {c.rolledUpBlock === null ? "not started" : formatInt(c.rolledUpBlock)}
              </Td>
              <Td>
                <ReconciliationBadge chainId={c.chainId} rec={recOf.get(c.chainId)} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
