import { CardSkeleton } from "@/components/ui/skeleton";
import { SUPPLY_CARDS } from "./cards";

export const SupplySummarySkeleton = () => <CardSkeleton {...SUPPLY_CARDS.summary} rows={3} />;
export const SupplyHistorySkeleton = () => (
  <>
    <CardSkeleton {...SUPPLY_CARDS.history} rows={8} />
    <CardSkeleton {...SUPPLY_CARDS.issuance} rows={8} />
  </>
);
export const SupplyReconciliationSkeleton = () => <CardSkeleton {...SUPPLY_CARDS.reconciliation} rows={5} />;
export const SupplyHoldingsSkeleton = () => <CardSkeleton {...SUPPLY_CARDS.holdings} rows={3} />;
export const SupplyConcentrationSkeleton = () => <CardSkeleton {...SUPPLY_CARDS.concentration} rows={8} />;
export const SupplyEventsSkeleton = () => <CardSkeleton {...SUPPLY_CARDS.events} rows={5} />;

/** The whole view's placeholder, for the segment's loading.tsx. */
export function SupplySkeleton() {
  return (
    <div className="space-y-4">
      <SupplySummarySkeleton />
      <SupplyHistorySkeleton />
      <SupplyReconciliationSkeleton />
      <SupplyHoldingsSkeleton />
      <SupplyConcentrationSkeleton />
      <SupplyEventsSkeleton />
    </div>
  );
}
