import { ADDRESS_CARDS } from "@/components/addresses/cards";
import { PageHeader } from "@/components/shell/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <>
      <PageHeader title="Address">Loading the address…</PageHeader>
      <div className="space-y-4">
        <CardSkeleton {...ADDRESS_CARDS.identity} rows={3} />
        <CardSkeleton {...ADDRESS_CARDS.balance} rows={6} />
        <CardSkeleton {...ADDRESS_CARDS.counterparties} rows={6} />
      </div>
    </>
  );
}
