import { PageHeader } from "@/components/page-header";
import { SupplySkeleton } from "@/components/supply-skeletons";

export default function Loading() {
  return (
    <>
      <PageHeader title="Supply">Loading supply figures…</PageHeader>
      <SupplySkeleton />
    </>
  );
}
