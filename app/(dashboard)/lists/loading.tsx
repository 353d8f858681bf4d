import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Lists">Loading…</PageHeader>
      <Skeleton className="h-64 w-full" />
    </>
  );
}
