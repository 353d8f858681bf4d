import { ALERT_CARDS } from "@/components/alerts/case/parts";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Alert">Loading the case…</PageHeader>
      <div className="space-y-4">
        <CardSkeleton {...ALERT_CARDS.decision} rows={3} />
        <div className="grid gap-4 xl:grid-cols-2">
          <CardSkeleton {...ALERT_CARDS.explanation} rows={5} />
          <CardSkeleton {...ALERT_CARDS.parties} rows={3} />
        </div>
        <CardSkeleton {...ALERT_CARDS.evidence} rows={4} />
      </div>
    </>
  );
}
