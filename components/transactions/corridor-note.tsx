import Link from "next/link";
import type { TransactionFilter } from "@/db/queries/transactions";
import { formatCountry } from "@/lib/format";

/** When the list is a corridor drill-down, say so plainly and link back to the matrix. */
export function TransactionsCorridorNote({
  filter,
  fromDay,
  toDay,
}: {
  filter: TransactionFilter;
  fromDay: string | null;
  toDay: string;
}) {
  if (filter.origin === undefined && filter.destination === undefined) return null;
  const side = (c: string | undefined) => (c === undefined ? "any country" : formatCountry(c));
  const flow =
    filter.flow === "adjusted"
      ? "counted in adjusted volume (no intra-entity, bridge or primary-market transfers)"
      : filter.flow === "intra"
        ? "between wallets of one entity (excluded from adjusted volume)"
        : filter.flow === "bridge"
          ? "bridge hops (excluded from adjusted volume)"
          : filter.flow === "primary"
            ? "the issuer's primary market: distributions and redemptions (excluded from adjusted volume)"
            : "of every kind of plain transfer";
  return (
    <p
      className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950"
      data-testid="corridor-note"
    >
      Transfers behind the corridor{" "}
      <strong>
        {side(filter.origin)} → {side(filter.destination)}
      </strong>
      , {fromDay ?? "first block"} – {toDay} (UTC), {flow}
      {filter.finalizedOnly ? ", finalized blocks only (the corridor figures' scope)" : ""}.{" "}
      <Link href="/corridors" className="font-medium underline">
        Back to corridors
      </Link>
    </p>
  );
}
