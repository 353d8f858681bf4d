import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export default function AlertNotFound() {
  return (
    <>
      <PageHeader title="Alert" />
      <EmptyState title="No such alert" testId="alert-not-found">
        <p>
          This link does not point to a monitoring alert. Check it for a typo, or find the alert in the{" "}
          <Link href="/alerts" className="font-medium text-sky-800 underline">
            alerts list
          </Link>
          .
        </p>
      </EmptyState>
    </>
  );
}
