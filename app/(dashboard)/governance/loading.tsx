import { GovernanceSkeleton } from "@/components/governance/governance-skeletons";
import { PageHeader } from "@/components/page-header";

export default function Loading() {
  return (
    <>
      <PageHeader title="Governance">Loading who holds the keys…</PageHeader>
      <GovernanceSkeleton />
    </>
  );
}
