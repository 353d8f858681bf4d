import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Users">Loading…</PageHeader>
      <Skeleton className="h-64 w-full" />
    </>
  );
}
