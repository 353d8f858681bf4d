import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export default function AddressNotFound() {
  return (
    <>
      <PageHeader title="Address" />
      <EmptyState title="Unknown address" testId="address-unknown">
        <p>
          No indexed transfer touches this address on any chain, and the entity registry does not list it.
          Check the address, or search the{" "}
          <Link href="/transactions" className="font-medium text-sky-800 underline">
            transactions
          </Link>
          .
        </p>
      </EmptyState>
    </>
  );
}
