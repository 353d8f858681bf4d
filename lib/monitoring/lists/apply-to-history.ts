// A list change (import or retirement) reaches new transfers at the monitor's next step, since
// every step loads the entries afresh. History is another matter: R1 raised its alerts under the
// lists in force then. This re-evaluates R1 alone over everything monitored (rebuild.ts), so a
// newly listed address is flagged where it already transacted, and untouched alerts that only a
// retired list raised are withdrawn (decided cases stay as decided).
import type { DbHandle } from "@/db/client";
import { detectBulkMode } from "@/db/queries/indexer-batch";
import { rebuildAlerts } from "../rebuild";

export type HistoryApplied = { added: number; reinstated: number; withdrawn: number };

export async function applyListsToHistory(handle: DbHandle): Promise<HistoryApplied> {
  const mode = (await detectBulkMode(handle.db, handle.driver)) === "copy" ? "copy" : "keyset";
  const chains = await rebuildAlerts(handle.db, { rules: ["R1"], mode });
  const out: HistoryApplied = { added: 0, reinstated: 0, withdrawn: 0 };
  for (const d of chains.flatMap((c) => c.rules)) {
    out.added += d.added.length;
    out.reinstated += d.reinstated.length;
    out.withdrawn += d.withdrawn;
  }
  return out;
}
