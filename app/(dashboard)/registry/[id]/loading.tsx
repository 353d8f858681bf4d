import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Entity">Loading…</PageHeader>
      <CardSkeleton id="entity-details" title="Details" rows={2} />
    </>
  );
}
