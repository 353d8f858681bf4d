import { OverviewSkeleton } from "@/components/overview/skeletons";
import { PageHeader } from "@/components/shell/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Overview">Loading current figures…</PageHeader>
      <OverviewSkeleton />
    </>
  );
}
