import { describe, expect, it } from "vitest";
import { DAY, entityRow, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r09UnlicensedCorridor } from "./r09-unlicensed-corridor";

const OTC = wallet(1);
const PK = wallet(2);
const PK2 = wallet(3);
const GB = wallet(4);
const UNK = wallet(5);
const book = [
  entityRow(OTC, { entityId: 1, country: "AE", licenceStatus: "unlicensed" }),
  entityRow(PK, { entityId: 2, country: "PK" }),
  entityRow(PK2, { entityId: 3, country: "PK", licenceStatus: "pending" }),
  entityRow(GB, { entityId: 4, country: "GB" }),
  entityRow(UNK, { entityId: 5, country: "SA", licenceStatus: "unknown" }),
];

const hits = (alerts: ReturnType<typeof runRule>) =>
  alerts.map((a) => [a.fold, a.suppressKey, a.subject, a.block, a.amount]);

describe("R9 unlicensed counterparty in a corridor (standing case, logic v2)", () => {
  it("hands every cross-border transfer of the entity to its standing case, weeks apart or not", () => {
    const ts = [
      transfer(OTC, PK, usd(500), T0),
      transfer(OTC, PK, usd(501), T0 + 7 * DAY - 1),
      transfer(OTC, PK, usd(502), T0 + 7 * DAY),
    ];
    const alerts = runRule(r09UnlicensedCorridor, ts, { book });
    // No weekly episodes: the writer folds all three into one case (db/queries/monitoring-cases.ts).
    expect(hits(alerts)).toEqual(ts.map((t, i) => ["standing", "entity:1", OTC, t.block, usd(500 + i)]));
    expect(alerts.every((a) => a.gathers && a.evidence.length === 1)).toBe(true);
    expect(alerts[0]).toMatchObject({ corridorOrigin: "AE", corridorDestination: "PK" });
    expect(alerts[0]?.explanation).toContain("AE→PK corridor");
    expect(alerts[0]?.explanation).toContain("on any chain, are added to it");
  });

  it("keys the case by entity: its other corridors join it, another entity is another case", () => {
    const ts = [
      transfer(OTC, PK, usd(5), T0),
      transfer(OTC, GB, usd(5), T0 + 1),
      transfer(GB, PK2, usd(5), T0 + 2),
    ];
    const alerts = runRule(r09UnlicensedCorridor, ts, { book });
    expect(alerts.map((a) => [a.suppressKey, a.subject, a.facts.corridor])).toEqual([
      ["entity:1", OTC, "AE→PK"],
      ["entity:1", OTC, "AE→GB"],
      ["entity:3", PK2, "GB→PK"],
    ]);
  });

  it("flags every status but licensed by default: unknown and pending too", () => {
    expect(r09UnlicensedCorridor.defaults).toEqual({
      flaggedStatuses: ["unlicensed", "pending", "revoked", "unknown"],
    });
    const ts = [transfer(GB, PK2, usd(5), T0), transfer(UNK, PK, usd(6), T0 + 1)];
    expect(hits(runRule(r09UnlicensedCorridor, ts, { book }))).toEqual([
      ["standing", "entity:3", PK2, ts[0]!.block, usd(5)],
      ["standing", "entity:5", UNK, ts[1]!.block, usd(6)],
    ]);
  });

  it("ignores licensed, same-country and unattributed counterparties; statuses are configurable", () => {
    expect(runRule(r09UnlicensedCorridor, [transfer(GB, PK, usd(5), T0)], { book })).toEqual([]);
    expect(runRule(r09UnlicensedCorridor, [transfer(PK, PK2, usd(5), T0)], { book })).toEqual([]);
    expect(runRule(r09UnlicensedCorridor, [transfer(OTC, wallet(9), usd(5), T0)], { book })).toEqual([]);
    const onlyUnlicensed = { flaggedStatuses: ["unlicensed"] };
    expect(
      runRule(r09UnlicensedCorridor, [transfer(GB, PK2, usd(5), T0)], { book, params: onlyUnlicensed }),
    ).toEqual([]);
  });

  it("moves the untouched v1 default, and still reads a v1 setting an admin chose (its window dropped)", () => {
    expect(r09UnlicensedCorridor.supersededDefaults).toEqual([
      { flaggedStatuses: ["unlicensed", "revoked"], windowSeconds: 7 * DAY },
    ]);
    const chosen = r09UnlicensedCorridor.instantiate({ flaggedStatuses: ["unlicensed"], windowSeconds: DAY });
    expect(chosen.logicVersion).toBe(2);
    expect(() => r09UnlicensedCorridor.instantiate({ flaggedStatuses: ["unlicensed"], window: 1 })).toThrow();
  });
});
