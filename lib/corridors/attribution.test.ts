import { describe, expect, it } from "vitest";
import {
  addToCorridor,
  attributeTransfer,
  emptyCorridorTotals,
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
  // Registered on chain 2 only: on chain 1 the same address is unattributed.
  "2:0xpk2": { entityId: 2, country: "PK", tags: [] },
};
const lookup: RegistryLookup = (chainId, address) => ROWS[`${chainId}:${address}`];
const attr = (from: string, to: string, chainId = 1) => attributeTransfer({ chainId, from, to }, lookup);

describe("corridor attribution", () => {
  it("takes each side's country from its entity on that chain", () => {
    expect(attr("0xae1", "0xpk1")).toEqual({
      origin: "AE",
      destination: "PK",
      intra: false,
      bridge: false,
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

describe("corridor totals", () => {
  it("count adjusted, intra-entity and bridge volume apart; bridge wins over intra", () => {
    let t = emptyCorridorTotals();
    t = addToCorridor(t, attr("0xae1", "0xpk1"), 100n);
    t = addToCorridor(t, attr("0xae1", "0xae2"), 20n);
    t = addToCorridor(t, attr("0xdesk", "0xpool"), 7n);
    t = addToCorridor(t, { origin: "AE", destination: "AE", intra: true, bridge: true, adjusted: false }, 3n);
    expect(t).toEqual({
      transferCount: 4,
      volume: 130n,
      adjustedCount: 1,
      adjustedVolume: 100n,
      intraEntityVolume: 20n,
      bridgeVolume: 10n,
    });
    // The exclusions account for the whole difference.
    expect(t.volume - t.adjustedVolume).toBe(t.intraEntityVolume + t.bridgeVolume);
  });
});
