import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function EntityNotFound() {
  return (
    <EmptyState title="No such entity" testId="entity-not-found">
      <p>
        This link does not point to an entity in the registry. Check it for a typo, or find the entity by name
        in the registry.
      </p>
      <p>
        <Link href="/registry" className="font-medium text-sky-700 underline">
          Back to the entity registry
        </Link>
      </p>
    </EmptyState>
  );
}
