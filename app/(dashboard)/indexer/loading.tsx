import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Indexer status">Loading…</PageHeader>
      <CardSkeleton id="indexer-loading" title="Chains" rows={6} />
    </>
  );
}
