import { describe, expect, it } from "vitest";
import type { ActiveRule } from "./engine";
import { replayQueries } from "./evaluate";
import { ruleById } from "./rules";
import { DAY, usd } from "./testing/fixtures";
import type { RuleId } from "@/db/schema/monitoring";

const active = (ids: RuleId[], params: Partial<Record<RuleId, object>> = {}): ActiveRule[] =>
  ids.map((id) => {
    const rule = ruleById(id);
    return { instance: rule.instantiate({ ...rule.defaults, ...params[id] }), version: 1 };
  });

describe("incremental replay (#16 item 7)", () => {
  it("loads both sides over R4's day, and a week of round amounts sent only for R12", () => {
    const all: RuleId[] = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12"];
    expect(replayQueries(active(all))).toEqual([
      { seconds: DAY, sendsOnly: false },
      { seconds: 7 * DAY, sendsOnly: true, multipleOf: usd(100) },
    ]);
  });

  it("reads sends alone when only sender-keyed rules run, and only as far back as each needs", () => {
    expect(replayQueries(active(["R3"]))).toEqual([{ seconds: 3_600, sendsOnly: false }]);
    expect(replayQueries(active(["R3", "R6"]))).toEqual([
      { seconds: 3_600, sendsOnly: false },
      { seconds: DAY, sendsOnly: true },
    ]);
    // R12 with no round unit reads every send over its week, which covers R2's day.
    expect(replayQueries(active(["R2", "R12"], { R12: { roundUnitWei: "0" } }))).toEqual([
      { seconds: 7 * DAY, sendsOnly: true },
    ]);
    // A round-amount week already covered by a longer unfiltered replay is not loaded twice.
    expect(replayQueries(active(["R4", "R12"], { R4: { windowSeconds: 8 * DAY } }))).toEqual([
      { seconds: 8 * DAY, sendsOnly: false },
    ]);
    expect(replayQueries(active(["R1", "R7", "R9"]))).toEqual([]);
  });
});
