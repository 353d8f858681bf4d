import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getReadDb } from "@/db";
import { getTopCorridors } from "@/db/queries/top-corridors";
import { formatCountry, formatInt } from "@/lib/format";
import { OVERVIEW_CARDS } from "./cards";

export type OverviewCorridorsCardProps = {
  /** First UTC day included, "YYYY-MM-DD". */
  since: string;
  limit?: number;
  chainId?: number | undefined;
};

export async function OverviewCorridorsCard({ since, limit = 10, chainId }: OverviewCorridorsCardProps) {
  const db = await getReadDb();
  const corridors = await getTopCorridors(db, { since, limit, chainId });

  return (
    <Card
      {...OVERVIEW_CARDS.corridors}
      description={`Origin → destination country of attributed senders and receivers, finalized days since ${since} (UTC). Adjusted excludes intra-entity, bridge and primary-market transfers.`}
    >
      {corridors.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="corridors-empty">
          No cross-entity corridor volume in finalized days since {since}.
        </p>
      ) : (
        <Table caption={`Top ${limit} corridors by adjusted volume since ${since}`}>
          <thead>
            <tr>
              <Th>Corridor</Th>
              <Th numeric>Adjusted volume</Th>
              <Th numeric>Adjusted transfers</Th>
              <Th numeric>Raw volume</Th>
            </tr>
          </thead>
          <tbody>
            {corridors.map((c) => {
              const key = `${c.originCountry}-${c.destinationCountry}`;
              return (
                <tr key={key} data-testid="corridor-row" data-corridor={key}>
                  <Th scope="row" className="font-normal">
                    <span className="font-medium">{formatCountry(c.originCountry)}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> to </span>
                    <span className="font-medium">{formatCountry(c.destinationCountry)}</span>
                  </Th>
                  <Td numeric>
                    <Usd1Amount wei={c.adjustedVolume} testId={`corridor-${key}-adjusted`} />
                  </Td>
                  <Td numeric>{formatInt(c.adjustedCount)}</Td>
                  <Td numeric className="text-slate-600">
                    <Usd1Amount wei={c.volume} />
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
