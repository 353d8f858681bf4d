import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ListNotFound() {
  return (
    <EmptyState title="No such list" testId="list-not-found">
      <p>
        <Link href="/lists" className="font-medium text-sky-700 underline">
          Back to the lists
        </Link>
      </p>
    </EmptyState>
  );
}
