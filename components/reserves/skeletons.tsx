import { CardSkeleton } from "@/components/ui/skeleton";

export function ReservesSkeleton() {
  return (
    <div className="space-y-4">
      <CardSkeleton id="reserves-summary-loading" title="Collateral ratio today" />
      <CardSkeleton id="reserves-collateral-loading" title="Collateral ratio over time" />
      <CardSkeleton id="reserves-peg-loading" title="Peg" />
    </div>
  );
}
