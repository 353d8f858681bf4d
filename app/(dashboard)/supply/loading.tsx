import { PageHeader } from "@/components/shell/page-header";
import { SupplySkeleton } from "@/components/supply/skeletons";

export default function Loading() {
  return (
    <>
      <PageHeader title="Supply">Loading supply figures…</PageHeader>
      <SupplySkeleton />
    </>
  );
}
