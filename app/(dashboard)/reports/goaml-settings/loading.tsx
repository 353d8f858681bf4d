import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="goAML settings">Loading…</PageHeader>
      <Skeleton className="h-96 w-full" />
    </>
  );
}
