import { Usd1Amount } from "@/components/ui/amount";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getCollateralSeries } from "@/db/queries/reserves";
import { formatDateTimeUtc } from "@/lib/format";
import { formatPercentE18 } from "@/lib/reserves/math";

/** The latest day: reserves against native supply, the ratio, and how much of the supply is indexed. */
export async function ReservesSummaryCard({ today }: { today: string }) {
  const series = await getCollateralSeries(await getReadDb(), { fromDay: today, toDay: today, today });
  const p = series.at(-1);
  return (
    <Card
      id="reserves-summary"
      title="Collateral ratio today"
      description="Reserves ÷ native USD1 supply (indexed EVM chains plus entered figures for Tron, Solana and Aptos; bridged copies excluded). Rounded down; under 100 % is decided on the exact integers."
    >
      {!p ? (
        <p className="text-sm text-slate-600">No supply, reserve report or entered figure yet.</p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Stat label="Collateral ratio" size="lg">
              <span data-testid="reserves-ratio">
                {p.ratioE18 === null ? "–" : `${formatPercentE18(p.ratioE18)} %`}
              </span>{" "}
              {p.underCollateralised === null ? null : p.underCollateralised ? (
                <Badge tone="danger">Under-collateralised</Badge>
              ) : (
                <Badge tone="success">Covered</Badge>
              )}
            </Stat>
            <Stat
              label="Reserves"
              hint={
                p.reserves
                  ? `${p.reserves.kind === "feed" ? "Feed" : "Attestation"}: ${p.reserves.label}, ${formatDateTimeUtc(p.reserves.at)}`
                  : "No report"
              }
            >
              {p.reserves ? (
                <Usd1Amount wei={p.reserves.reservesWei.toString()} testId="reserves-reserves" />
              ) : (
                "–"
              )}
            </Stat>
            <Stat label="Native supply">
              <Usd1Amount wei={p.supplyWei.toString()} testId="reserves-supply" />
            </Stat>
            <Stat label="Coverage from indexed data" hint="The rest is entered, sourced figures.">
              <span data-testid="reserves-coverage">
                {p.coverageE18 === null ? "–" : `${formatPercentE18(p.coverageE18)} %`}
              </span>
            </Stat>
          </dl>
          <Table caption="Native supply by chain" showCaption>
            <thead>
              <tr>
                <Th>Chain</Th>
                <Th>Source</Th>
                <Th numeric>Supply</Th>
              </tr>
            </thead>
            <tbody>
              {p.parts.map((c) => (
                <tr key={c.chain}>
                  <Th scope="row">{c.chain}</Th>
                  <Td>{c.indexed ? "Indexed" : "Entered"}</Td>
                  <Td numeric>
                    <Usd1Amount wei={c.supplyWei.toString()} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
