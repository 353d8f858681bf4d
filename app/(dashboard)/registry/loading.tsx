import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Entity registry">Loading…</PageHeader>
      <CardSkeleton id="entities" title="Entities" rows={8} />
    </>
  );
}
