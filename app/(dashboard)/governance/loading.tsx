import { GovernanceSkeleton } from "@/components/governance/skeletons";
import { PageHeader } from "@/components/shell/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Governance">Loading who holds the keys…</PageHeader>
      <GovernanceSkeleton />
    </>
  );
}
