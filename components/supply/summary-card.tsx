import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getSupplyByChain } from "@/db/queries/overview";
import { getSupplySeries, type IssuanceFlow } from "@/db/queries/supply";
import { formatInt } from "@/lib/format";
import { SUPPLY_CARDS, type SupplyWidgetParams } from "./cards";

const WINDOWS = [
  ["d1", "Today (UTC)"],
  ["d7", "Last 7 days"],
  ["d30", "Last 30 days"],
] as const;

/** Total and per-chain supply (exact: rollups + provisional tail) and 1d/7d/30d issuance. */
export async function SupplySummaryCard({ chainId, pkr, today }: SupplyWidgetParams & { today: string }) {
  const db = await getReadDb();
  const [supply, series] = await Promise.all([
    getSupplyByChain(db, { chainId }),
    getSupplySeries(db, { chainId, fromDay: today, toDay: today, today }),
  ]);
  const w: Record<(typeof WINDOWS)[number][0], IssuanceFlow> = series.windows;
  return (
    <Card
      {...SUPPLY_CARDS.summary}
      description="Supply = Σ mints − Σ burns (finalized rollups + indexed blocks above them). Issuance counts the issuer's mints and burns only; bridge pools' mints and burns move USD1 between chains."
    >
      <dl className="mb-4 grid grid-cols-1 gap-4 md:grid-cols-4">
        <Stat label="Total supply" size="lg" className="md:col-span-1">
          <Usd1Amount wei={supply.total} testId="supply-total" pkrPerUsd={pkr} />
        </Stat>
        {WINDOWS.map(([key, label]) => (
          <Stat key={key} label={`Net issuance · ${label}`} hint={<FlowHint flow={w[key]} />}>
            <Usd1Amount wei={w[key].net} signed testId={`issuance-net-${key}`} pkrPerUsd={pkr} />
          </Stat>
        ))}
      </dl>
      <Table caption="Supply by chain">
        <thead>
          <tr>
            <Th>Chain</Th>
            <Th numeric>Supply</Th>
            <Th numeric>Of which provisional</Th>
            <Th numeric>Rolled up to block</Th>
            <Th numeric>Indexed to block</Th>
          </tr>
        </thead>
        <tbody>
          {supply.chains.map((c) => (
            <tr key={c.chainId}>
              <Th scope="row">
                {c.name} <span className="text-xs font-normal text-slate-500">#{c.chainId}</span>
              </Th>
              <Td numeric>
                <Usd1Amount wei={c.supply} testId={`supply-chain-${c.chainId}`} pkrPerUsd={pkr} />
              </Td>
              <Td numeric className="text-slate-600">
                <Usd1Amount wei={c.provisionalDelta} signed />
              </Td>
              <Td numeric className="text-slate-600">
                {c.rolledUpBlock === null ? "not started" : formatInt(c.rolledUpBlock)}
              </Td>
              <Td numeric className="text-slate-600">
                {c.indexedBlock === null ? "not started" : formatInt(c.indexedBlock)}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

function FlowHint({ flow }: { flow: IssuanceFlow }) {
  return (
    <>
      minted <Usd1Amount wei={flow.minted} /> · burned <Usd1Amount wei={flow.burned} />
    </>
  );
}
