import { ALERTS_SUMMARY_CARD, ALERTS_TREND_CARD } from "@/components/alerts/overview";
import { ALERTS_CARD } from "@/components/alerts/results";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Alerts">Loading alerts…</PageHeader>
      <div className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-3">
          <CardSkeleton {...ALERTS_SUMMARY_CARD} />
          <div className="lg:col-span-2">
            <CardSkeleton {...ALERTS_TREND_CARD} rows={6} />
          </div>
        </div>
        <CardSkeleton {...ALERTS_CARD} rows={10} />
      </div>
    </>
  );
}
