import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { CORRIDOR_COSTS } from "@/lib/config/corridor-costs";
import type { CorridorSummary } from "@/lib/corridors/matrix";
import { formatInt, formatShare } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";

export type CorridorsSummaryProps = {
  summary: CorridorSummary;
  rangeLabel: string;
  pkrPerUsd?: string | undefined;
};

/** Headline figures: adjusted volume, what was excluded and why, attribution coverage, fees saved. */
export function CorridorsSummary({ summary: s, rangeLabel, pkrPerUsd }: CorridorsSummaryProps) {
  return (
    <Card
      {...CORRIDOR_CARDS.summary}
      description={`${rangeLabel}, finalized blocks. Adjusted volume leaves out transfers between wallets of one entity and bridge hops, which are not payments.`}
    >
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Adjusted volume" size="lg" hint={`${formatInt(s.adjustedCount)} transfers`}>
          <Usd1Amount wei={s.adjustedVolume} testId="corridor-adjusted-total" pkrPerUsd={pkrPerUsd} />
        </Stat>
        <Stat label="Average ticket" hint="Adjusted volume ÷ adjusted transfers">
          <Usd1Amount wei={s.averageTicket} testId="corridor-average-ticket" />
        </Stat>
        <Stat label="Raw volume" hint={`${formatInt(s.transferCount)} transfers`}>
          <Usd1Amount wei={s.volume} testId="corridor-raw-total" />
        </Stat>
        <Stat label="Excluded" hint={`${formatInt(s.excludedCount)} transfers`}>
          <span data-testid="corridor-excluded">
            <Usd1Amount wei={s.intraEntityVolume + s.bridgeVolume} />
          </span>
        </Stat>
        <Stat label="of which intra-entity">
          <Usd1Amount wei={s.intraEntityVolume} testId="corridor-excluded-intra" />
        </Stat>
        <Stat label="of which bridge">
          <Usd1Amount wei={s.bridgeVolume} testId="corridor-excluded-bridge" />
        </Stat>
        <Stat label="Unattributed share" hint="Adjusted volume with a side no entity is known for">
          <span data-testid="corridor-unattributed-share">
            {formatShare(s.unattributedVolume, s.adjustedVolume)}
          </span>
        </Stat>
        <Stat
          label="Fees saved (estimate)"
          hint={`Against the traditional channel, on ${formatShare(s.feesCoveredVolume, s.adjustedVolume)} of adjusted volume (corridors with a configured cost), net of ${CORRIDOR_COSTS.onChainCostPct}% on-chain cost`}
        >
          <Usd1Amount wei={s.feesSaved} testId="corridor-fees-saved" pkrPerUsd={pkrPerUsd} />
        </Stat>
      </dl>
    </Card>
  );
}
