import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getIssuanceWindows, type Flow } from "@/db/queries/issuance";
import { formatCount } from "@/lib/format";
import { OVERVIEW_CARDS } from "./cards";

const WINDOWS = [
  { key: "h24", slug: "24h", label: "Last 24 hours" },
  { key: "d7", slug: "7d", label: "Last 7 days" },
] as const;

export async function OverviewIssuanceCard({ now, chainId }: { now: Date; chainId?: number | undefined }) {
  const db = await getReadDb();
  const issuance = await getIssuanceWindows(db, { now, chainId });

  return (
    <Card
      {...OVERVIEW_CARDS.issuance}
      description="Issuer mints and burns (bridge pool mints and burns excluded) by block time, from every indexed block (provisional ones included)."
    >
      <div className="mb-4 grid grid-cols-1 gap-4 md:grid-cols-2">
        {WINDOWS.map((w) => (
          <FlowSummary key={w.key} label={w.label} slug={w.slug} flow={issuance.total[w.key]} />
        ))}
      </div>
      <Table caption="Issuance by chain, in USD1">
        <thead>
          <tr>
            <Th rowSpan={2}>Chain</Th>
            {WINDOWS.map((w) => (
              <Th key={w.key} colSpan={3} scope="colgroup" className="text-center">
                {w.label}
              </Th>
            ))}
          </tr>
          <tr>
            {WINDOWS.flatMap((w) => [
              <Th key={`${w.key}-m`} numeric>
                Minted
              </Th>,
              <Th key={`${w.key}-b`} numeric>
                Burned
              </Th>,
              <Th key={`${w.key}-n`} numeric>
                Net
              </Th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {issuance.chains.map((c) => (
            <tr key={c.chainId}>
              <Th scope="row">{c.name}</Th>
              {WINDOWS.flatMap((w) => flowCells(c[w.key], `issuance-${c.chainId}-${w.slug}`))}
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

function FlowSummary({ label, slug, flow }: { label: string; slug: string; flow: Flow }) {
  return (
    <div className="rounded border border-slate-200 p-3">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</h3>
      <dl className="grid grid-cols-3 gap-3">
        <Stat label="Minted" hint={formatCount(flow.mintCount, "mint")}>
          <Usd1Amount wei={flow.minted} testId={`issuance-${slug}-minted`} />
        </Stat>
        <Stat label="Burned" hint={formatCount(flow.burnCount, "burn")}>
          <Usd1Amount wei={flow.burned} testId={`issuance-${slug}-burned`} />
        </Stat>
        <Stat label="Net issuance">
          <Usd1Amount wei={flow.net} signed testId={`issuance-${slug}-net`} />
        </Stat>
      </dl>
    </div>
  );
}

function flowCells(flow: Flow, testPrefix: string) {
  return [
    <Td key={`${testPrefix}-m`} numeric>
      <Usd1Amount wei={flow.minted} unit={false} testId={`${testPrefix}-minted`} />
    </Td>,
    <Td key={`${testPrefix}-b`} numeric>
      <Usd1Amount wei={flow.burned} unit={false} testId={`${testPrefix}-burned`} />
    </Td>,
    <Td key={`${testPrefix}-n`} numeric className="font-medium">
      <Usd1Amount wei={flow.net} unit={false} signed testId={`${testPrefix}-net`} />
    </Td>,
  ];
}
