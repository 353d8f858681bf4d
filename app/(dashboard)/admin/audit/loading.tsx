import { PageHeader } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Audit log">Loading…</PageHeader>
      <Skeleton className="h-64 w-full" />
    </>
  );
}
