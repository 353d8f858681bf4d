import { describe, expect, it } from "vitest";
import { isRebuildNote, notRaisedNote, notRaisedSince, raisedAgainNote } from "./rebuild-note";

const at = (day: number) => new Date(Date.UTC(2026, 6, day));
const row = (day: number, from: string | null, to: string, actor: string | null, reason: string | null) => ({
  at: at(day),
  from,
  to,
  actor,
  reason,
});

describe("rebuild notes on decided cases", () => {
  it("say which rule version no longer raises the alert, or raises it again", () => {
    expect(notRaisedNote("R3", 4)).toBe("rebuild: not raised under R3 v4; decided before, kept as decided");
    expect(raisedAgainNote("R3", 5)).toBe("rebuild: raised again under R3 v5; the decision stands");
  });

  it("are system rows that move nothing; withdrawals, reinstatements and decisions are not", () => {
    expect(isRebuildNote(row(1, "escalated", "escalated", null, notRaisedNote("R3", 4)))).toBe(true);
    expect(isRebuildNote(row(1, "open", "withdrawn", null, "rebuild: not raised under R3 v4"))).toBe(false);
    expect(
      isRebuildNote(row(1, "withdrawn", "open", null, "rebuild: raised again under the current parameters")),
    ).toBe(false);
    expect(isRebuildNote(row(1, "escalated", "escalated", "u-1", notRaisedNote("R3", 4)))).toBe(false);
    expect(isRebuildNote(row(1, "escalated", "escalated", null, "reorg"))).toBe(false);
  });

  it("the case page shows the latest rebuild's finding only while no later rebuild raised the alert again", () => {
    const escalation = row(1, "open", "escalated", "u-1", "suspicious");
    const notRaised = row(2, "escalated", "escalated", null, notRaisedNote("R3", 4));
    const raisedAgain = row(3, "escalated", "escalated", null, raisedAgainNote("R3", 5));
    expect(notRaisedSince([])).toBeNull();
    expect(notRaisedSince([escalation])).toBeNull();
    expect(notRaisedSince([escalation, notRaised])).toEqual(at(2));
    expect(notRaisedSince([escalation, notRaised, raisedAgain])).toBeNull();
    const notRaisedLater = row(4, "escalated", "escalated", null, notRaisedNote("R3", 6));
    expect(notRaisedSince([escalation, notRaised, raisedAgain, notRaisedLater])).toEqual(at(4));
    // A user's move after the note does not hide it: the parameters still do not raise the alert.
    const filed = row(5, "escalated", "reported", "u-2", "STR 1");
    expect(notRaisedSince([escalation, notRaised, filed])).toEqual(at(2));
  });
});
