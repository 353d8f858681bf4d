// What a rebuild writes into a decided case instead of changing it. A rebuild leaves every alert
// a user acted on as it is (state, reason, evidence); when the current parameters no longer raise
// such an alert it says so in one system history row that moves nothing (from = to = its status),
// and says so again if a later rebuild raises it again. The case page shows the latest.

export const NOT_RAISED_PREFIX = "rebuild: not raised under";
const RAISED_AGAIN_PREFIX = "rebuild: raised again under";
/** Every rebuild note starts so (withdrawals and reinstatements do too, but they move the status). */
export const REBUILD_NOTE_PREFIX = "rebuild: ";

export function notRaisedNote(ruleId: string, version: number): string {
  return `${NOT_RAISED_PREFIX} ${ruleId} v${version}; decided before, kept as decided`;
}

export function raisedAgainNote(ruleId: string, version: number): string {
  return `${RAISED_AGAIN_PREFIX} ${ruleId} v${version}; the decision stands`;
}

type HistoryRow = { at: Date; from: string | null; to: string; actor: unknown; reason: string | null };

/** A rebuild's note: a system row that changes no status. */
export function isRebuildNote(h: HistoryRow): boolean {
  return h.actor === null && h.from === h.to && (h.reason?.startsWith(REBUILD_NOTE_PREFIX) ?? false);
}

/**
 * When the latest rebuild found that its parameters no longer raise this (decided) alert; null if
 * no rebuild did, or a later one raised it again. `history` oldest first.
 */
export function notRaisedSince(history: readonly HistoryRow[]): Date | null {
  const last = history.filter(isRebuildNote).at(-1);
  return last?.reason?.startsWith(NOT_RAISED_PREFIX) ? last.at : null;
}
