import { describe, expect, it } from "vitest";
import { DAY, entityRow, runRule, T0, transfer, usd, wallet } from "../testing/fixtures";
import { r09UnlicensedCorridor } from "./r09-unlicensed-corridor";

const OTC = wallet(1);
const PK = wallet(2);
const PK2 = wallet(3);
const GB = wallet(4);
const book = [
  entityRow(OTC, { entityId: 1, country: "AE", licenceStatus: "unlicensed" }),
  entityRow(PK, { entityId: 2, country: "PK" }),
  entityRow(PK2, { entityId: 3, country: "PK", licenceStatus: "pending" }),
  entityRow(GB, { entityId: 4, country: "GB" }),
];

describe("R9 unlicensed counterparty in a corridor", () => {
  it("flags a cross-border transfer from an unlicensed entity, once per corridor per week", () => {
    const ts = [
      transfer(OTC, PK, usd(500), T0),
      transfer(OTC, PK, usd(500), T0 + 7 * DAY - 1),
      transfer(OTC, PK, usd(500), T0 + 7 * DAY),
    ];
    const alerts = runRule(r09UnlicensedCorridor, ts, { book });
    expect(alerts.map((a) => a.block)).toEqual([ts[0]!.block, ts[2]!.block]);
    expect(alerts[0]).toMatchObject({ subject: OTC, corridorOrigin: "AE", corridorDestination: "PK" });
    expect(alerts[0]?.explanation).toContain("AE→PK corridor");
  });

  it("covers the entity's other corridors in the same episode; another entity is another case", () => {
    const ts = [
      transfer(OTC, PK, usd(5), T0),
      transfer(OTC, GB, usd(5), T0 + 1),
      transfer(GB, PK2, usd(5), T0 + 2),
    ];
    const alerts = runRule(r09UnlicensedCorridor, ts, {
      book,
      params: { flaggedStatuses: ["unlicensed", "pending"] },
    });
    expect(alerts.map((a) => a.subject)).toEqual([OTC, PK2]);
  });

  it("ignores licensed, same-country and unattributed counterparties; statuses are configurable", () => {
    expect(runRule(r09UnlicensedCorridor, [transfer(GB, PK, usd(5), T0)], { book })).toEqual([]);
    expect(
      runRule(r09UnlicensedCorridor, [transfer(PK, PK2, usd(5), T0)], {
        book,
        params: { flaggedStatuses: ["pending"] },
      }),
    ).toEqual([]);
    expect(runRule(r09UnlicensedCorridor, [transfer(OTC, wallet(9), usd(5), T0)], { book })).toEqual([]);
    expect(runRule(r09UnlicensedCorridor, [transfer(GB, PK2, usd(5), T0)], { book })).toEqual([]);
    expect(
      runRule(r09UnlicensedCorridor, [transfer(GB, PK2, usd(5), T0)], {
        book,
        params: { flaggedStatuses: ["pending"] },
      }),
    ).toHaveLength(1);
  });
});
