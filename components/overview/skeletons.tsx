import { CardSkeleton } from "@/components/ui/skeleton";
import { OVERVIEW_CARDS } from "./cards";

export const SupplySkeleton = () => <CardSkeleton {...OVERVIEW_CARDS.supply} rows={4} />;
export const IssuanceSkeleton = () => <CardSkeleton {...OVERVIEW_CARDS.issuance} rows={4} />;
export const CorridorsSkeleton = () => <CardSkeleton {...OVERVIEW_CARDS.corridors} rows={6} />;
export const IndexerSkeleton = () => <CardSkeleton {...OVERVIEW_CARDS.indexer} rows={3} />;

/** The whole view's placeholder, for the segment's loading.tsx. */
export function OverviewSkeleton() {
  return (
    <div className="space-y-4">
      <SupplySkeleton />
      <IssuanceSkeleton />
      <CorridorsSkeleton />
      <IndexerSkeleton />
    </div>
  );
}
