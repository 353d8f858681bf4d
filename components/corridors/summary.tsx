import { Usd1Amount } from "@/components/ui/amount";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { CORRIDOR_COSTS } from "@/lib/config/corridor-costs";
import type { CorridorSummary } from "@/lib/corridors/matrix";
import { formatInt, formatShare } from "@/lib/format";
import { CORRIDOR_CARDS } from "./cards";

/** The three exclusions; their sum is raw volume − adjusted volume. */
const EXCLUSIONS = [
  { key: "intraEntityVolume", label: "Intra-entity", testId: "corridor-excluded-intra" },
  { key: "bridgeVolume", label: "Bridge", testId: "corridor-excluded-bridge" },
  { key: "primaryVolume", label: "Primary market", testId: "corridor-excluded-primary" },
] as const satisfies readonly { key: keyof CorridorSummary; label: string; testId: string }[];

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
      description={`${rangeLabel}, finalized blocks. Adjusted volume leaves out transfers between wallets of one entity, bridge hops and the issuer's primary market (distributions and redemptions), which are not payments.`}
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
        <div className="min-w-0">
          <dt className="text-xs font-medium text-slate-500">Excluded (not payments)</dt>
          <dd className="mt-0.5 text-base font-semibold text-slate-900">
            <span data-testid="corridor-excluded">
              <Usd1Amount wei={s.intraEntityVolume + s.bridgeVolume + s.primaryVolume} />
            </span>
          </dd>
          <dd className="mt-0.5 text-xs text-slate-500">{formatInt(s.excludedCount)} transfers</dd>
          <dd className="mt-1">
            <ul className="space-y-0.5 text-xs text-slate-700" aria-label="Excluded volume by reason">
              {EXCLUSIONS.map(({ key, label, testId }) => (
                <li key={key} className="flex justify-between gap-3">
                  <span>{label}</span>
                  <Usd1Amount wei={s[key]} testId={testId} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
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
