import { describe, expect, it } from "vitest";
import {
  addToCorridor,
  attributeTransfer,
  emptyCorridorTotals,
  governorKey,
  type AttributedAddress,
  type RegistryLookup,
} from "./attribution";

const ROWS: Record<string, AttributedAddress> = {
  "1:0xae1": { entityId: 1, country: "AE", tags: ["hot_wallet"] },
  "1:0xae2": { entityId: 1, country: "AE", tags: [] },
  "1:0xpk1": { entityId: 2, country: "PK", tags: [] },
  "1:0xpool": { entityId: null, country: null, tags: ["bridge"] },
  "1:0xlisted": { entityId: null, country: null, tags: ["sanctioned"] },
  "1:0xdesk": { entityId: 3, country: "AE", tags: ["hot_wallet"] },
  "1:0xtreasury": { entityId: 4, country: "US", tags: ["treasury"] },
  "1:0xissuer2": { entityId: 4, country: "US", tags: [] },
  "1:0xgov": { entityId: null, country: null, tags: [] },
  // Registered on chain 2 only: on chain 1 the same address is unattributed.
  "2:0xpk2": { entityId: 2, country: "PK", tags: [] },
};
const lookup: RegistryLookup = (chainId, address) => ROWS[`${chainId}:${address}`];
const GOVERNORS = new Set([governorKey(1, "0xGOV"), governorKey(2, "0xgov2")]);
const attr = (from: string, to: string, chainId = 1, bridgeTx = false) =>
  attributeTransfer({ chainId, from, to, bridgeTx }, lookup, GOVERNORS);

describe("corridor attribution", () => {
  it("takes each side's country from its entity on that chain", () => {
    expect(attr("0xae1", "0xpk1")).toEqual({
      origin: "AE",
      destination: "PK",
      intra: false,
      bridge: false,
      primary: false,
      adjusted: true,
    });
    expect(attr("0xae1", "0xpk2", 1).destination).toBe("ZZ");
    expect(attr("0xpk2", "0xpk2", 2).origin).toBe("PK");
  });

  it("never guesses: unlisted addresses and listed ones without an entity are ZZ", () => {
    expect(attr("0xcustomer", "0xpk1")).toMatchObject({ origin: "ZZ", destination: "PK", adjusted: true });
    expect(attr("0xae1", "0xlisted")).toMatchObject({ origin: "AE", destination: "ZZ", adjusted: true });
    // Two unattributed sides are not "the same entity".
    expect(attr("0xcustomer", "0xother")).toMatchObject({ origin: "ZZ", destination: "ZZ", intra: false });
  });

  it("matches addresses case-insensitively (the registry is lower-case)", () => {
    expect(attr("0xAE1", "0xPK1")).toMatchObject({ origin: "AE", destination: "PK" });
  });

  it("excludes intra-entity moves and bridge hops from adjusted volume", () => {
    expect(attr("0xae1", "0xae2")).toMatchObject({
      origin: "AE",
      destination: "AE",
      intra: true,
      adjusted: false,
    });
    expect(attr("0xae1", "0xae1")).toMatchObject({ intra: true, adjusted: false });
    expect(attr("0xdesk", "0xpool")).toMatchObject({
      origin: "AE",
      destination: "ZZ",
      bridge: true,
      adjusted: false,
    });
    expect(attr("0xpool", "0xpk1")).toMatchObject({ bridge: true, adjusted: false });
    // Same country, different entities: a real payment.
    expect(attr("0xae1", "0xdesk")).toMatchObject({ intra: false, adjusted: true });
  });
});

describe("primary market", () => {
  it("a watched governor or a treasury-tagged side is primary market, not a payment", () => {
    // The governor's leg of an issuance (governor → VASP) and of a redemption (VASP → governor).
    expect(attr("0xgov", "0xpk1")).toMatchObject({
      origin: "ZZ",
      destination: "PK",
      primary: true,
      adjusted: false,
    });
    expect(attr("0xpk1", "0xgov")).toMatchObject({ primary: true, bridge: false, adjusted: false });
    expect(attr("0xtreasury", "0xae1")).toMatchObject({ origin: "US", primary: true, adjusted: false });
    expect(attr("0xae1", "0xtreasury")).toMatchObject({ primary: true, adjusted: false });
    // Governors are per chain: 0xgov on chain 2 is an ordinary wallet.
    expect(attr("0xgov", "0xpk2", 2)).toMatchObject({ primary: false, adjusted: true });
    expect(attr("0xgov2", "0xpk2", 2)).toMatchObject({ primary: true, adjusted: false });
  });

  it("a bridge movement stays bridge: a governor bridge mint/burn in the transaction, or a pool side", () => {
    expect(attr("0xgov", "0xae1", 1, true)).toMatchObject({ bridge: true, primary: true, adjusted: false });
    expect(attr("0xae1", "0xgov", 1, true)).toMatchObject({ bridge: true, adjusted: false });
    expect(attr("0xtreasury", "0xpool")).toMatchObject({ bridge: true, primary: true, adjusted: false });
    // The flag alone makes a bridge hop, whatever the sides.
    expect(attr("0xae1", "0xpk1", 1, true)).toMatchObject({ bridge: true, adjusted: false });
  });
});

describe("corridor totals", () => {
  it("count adjusted, intra-entity, bridge and primary volume apart; bridge, then primary, win", () => {
    let t = emptyCorridorTotals();
    t = addToCorridor(t, attr("0xae1", "0xpk1"), 100n);
    t = addToCorridor(t, attr("0xae1", "0xae2"), 20n);
    t = addToCorridor(t, attr("0xdesk", "0xpool"), 7n);
    t = addToCorridor(
      t,
      { origin: "AE", destination: "AE", intra: true, bridge: true, primary: false, adjusted: false },
      3n,
    );
    // Issuer treasury to its own second wallet: same entity, but primary market first.
    t = addToCorridor(t, attr("0xtreasury", "0xissuer2"), 50n);
    t = addToCorridor(t, attr("0xgov", "0xpk1"), 400n);
    // The governor's leg of a bridge mint: bridge, not primary.
    t = addToCorridor(t, attr("0xgov", "0xae1", 1, true), 9n);
    expect(t).toEqual({
      transferCount: 7,
      volume: 589n,
      adjustedCount: 1,
      adjustedVolume: 100n,
      intraEntityVolume: 20n,
      bridgeVolume: 19n,
      primaryCount: 2,
      primaryVolume: 450n,
    });
    // The exclusions account for the whole difference.
    expect(t.volume - t.adjustedVolume).toBe(t.intraEntityVolume + t.bridgeVolume + t.primaryVolume);
  });
});
