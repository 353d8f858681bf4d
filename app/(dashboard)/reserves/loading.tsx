import { ReservesSkeleton } from "@/components/reserves/skeletons";
import { PageHeader } from "@/components/shell/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Reserves & peg">Loading reserves and peg figures…</PageHeader>
      <ReservesSkeleton />
    </>
  );
}
