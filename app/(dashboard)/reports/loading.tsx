import { REPORTS_CARDS } from "@/components/reports/cards";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Reports">Loading reports…</PageHeader>
      <div className="space-y-4">
        <CardSkeleton {...REPORTS_CARDS.monthly} rows={2} />
        <CardSkeleton {...REPORTS_CARDS.recent} rows={8} />
      </div>
    </>
  );
}
