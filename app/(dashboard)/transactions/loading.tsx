import { PageHeader } from "@/components/shell/page-header";
import { TRANSACTIONS_CARD } from "@/components/transactions/results";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Transactions">Loading transfers…</PageHeader>
      <CardSkeleton {...TRANSACTIONS_CARD} rows={10} />
    </>
  );
}
