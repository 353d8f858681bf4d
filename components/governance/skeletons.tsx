import { CardSkeleton } from "@/components/ui/skeleton";
import { GOVERNANCE_CARDS } from "./cards";

export const GovernanceControlSkeleton = () => <CardSkeleton {...GOVERNANCE_CARDS.control} rows={6} />;
export const GovernanceHoldersSkeleton = () => <CardSkeleton {...GOVERNANCE_CARDS.holders} rows={7} />;
export const GovernanceHistorySkeleton = () => <CardSkeleton {...GOVERNANCE_CARDS.history} rows={6} />;

/** The whole view's placeholder, for the segment's loading.tsx. */
export function GovernanceSkeleton() {
  return (
    <div className="space-y-4">
      <GovernanceControlSkeleton />
      <GovernanceHoldersSkeleton />
      <GovernanceHistorySkeleton />
    </div>
  );
}
