import { CORRIDOR_CARDS } from "@/components/corridors/cards";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Corridors">Loading corridor figures…</PageHeader>
      <div className="space-y-4">
        <CardSkeleton {...CORRIDOR_CARDS.summary} rows={3} />
        <CardSkeleton {...CORRIDOR_CARDS.matrix} rows={8} />
        <CardSkeleton {...CORRIDOR_CARDS.inbound} rows={6} />
      </div>
    </>
  );
}
