// Running totals of an alert that gathers evidence (#16): R9's standing case (every cross-border
// transfer of the entity, on any chain, until the case is closed) and R1's one-hop episode. The
// monitor recomputes them from the evidence rows and the indexed transfers after every change
// (db/queries/monitoring-cases.ts), so a reorged-out transfer no longer counts.
import { Usd1Amount } from "@/components/ui/amount";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { Fact } from "./parts";

const when = (epoch: string | undefined) =>
  epoch && /^\d+$/.test(epoch) ? formatDateTimeUtc(new Date(Number(epoch) * 1000)) : "—";

export function AlertRunningTotals({ facts }: { facts: Record<string, string> }) {
  const count = facts.caseTransfers;
  if (count === undefined) return null;
  const total = facts.caseTotalWei ?? "0";
  const chains = (facts.caseChains ?? "").split(",").filter(Boolean);
  return (
    <div data-testid="alert-running-totals">
      <h3 className="mb-1 text-xs font-semibold text-slate-700">Running totals of this case</h3>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-5">
        <Fact label="Transfers" testId="alert-total-transfers">
          {formatInt(count)}
        </Fact>
        <Fact label="Total" testId="alert-total-amount">
          {/^\d+$/.test(total) ? <Usd1Amount wei={total} /> : "—"}
        </Fact>
        <Fact label="Chains" testId="alert-total-chains">
          {chains.length === 0 ? "—" : chains.map((c) => `Chain ${c}`).join(", ")}
        </Fact>
        <Fact label="First seen">{when(facts.caseFirstSeen)}</Fact>
        <Fact label="Last seen" testId="alert-total-last-seen">
          {when(facts.caseLastSeen)}
        </Fact>
      </dl>
    </div>
  );
}
