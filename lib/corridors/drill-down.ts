// Links from a corridor figure to the transfers behind it. The transactions view applies the
// rollup's own attribution (db/queries/rollups.ts corridorAttribution), and these parameters pin
// the rest: the same UTC days, adjusted transfers only, finalized blocks only (the rollup's scope).
import type { TransferFlow } from "@/db/queries/transactions";

export type CorridorDrillDown = {
  origin: string;
  destination: string;
  /** First and last UTC day included ("YYYY-MM-DD"). */
  fromDay: string;
  toDay: string;
  chainId?: number | undefined;
  /** Default "adjusted": the transfers counted in the cell. */
  flow?: TransferFlow;
};

export function corridorTransactionsHref(d: CorridorDrillDown): string {
  const q = new URLSearchParams({
    origin: d.origin,
    destination: d.destination,
    from: d.fromDay,
    to: d.toDay,
    flow: d.flow ?? "adjusted",
    final: "yes",
  });
  if (d.chainId !== undefined) q.set("chain", String(d.chainId));
  return `/transactions?${q.toString()}`;
}
