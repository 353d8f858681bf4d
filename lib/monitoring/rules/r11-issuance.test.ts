import { describe, expect, it } from "vitest";
import { DAY, runRule, T0, taggedRow, tokenEvent, transfer, usd, wallet } from "../testing/fixtures";
import { ZERO_ADDRESS } from "../types";
import { r11Issuance } from "./r11-issuance";

const TREASURY = wallet(0xaa);
const POOL = wallet(0xb0);
const DESK = wallet(0xd0);
const A = wallet(1);
const book = [taggedRow(TREASURY, ["treasury"]), taggedRow(POOL, ["bridge"])];
const mint = (to: string, amount: bigint, t: number) => transfer(ZERO_ADDRESS, to, amount, t, "mint");
const history = () => [1, 2, 3, 4, 5].map((i) => mint(TREASURY, usd(100_000), T0 + i * DAY));

describe("R11 unusual issuance", () => {
  it("accepts mints to and burns from the treasury; flags any other account", () => {
    const items = [
      mint(TREASURY, usd(1), T0),
      transfer(TREASURY, ZERO_ADDRESS, usd(1), T0 + 1, "burn"),
      mint(A, usd(7), T0 + 2),
      transfer(A, ZERO_ADDRESS, usd(3), T0 + 3, "burn"),
    ];
    const alerts = runRule(r11Issuance, items, { book });
    expect(alerts.map((a) => [a.key.split("|")[2], a.subject])).toEqual([
      ["off_path:mint", A],
      ["off_path:burn", A],
    ]);
    expect(runRule(r11Issuance, items.slice(2, 3), { book, params: { issuerAddresses: [A] } })).toEqual([]);
  });

  it("ignores bridge-pool mints and burns", () => {
    const bm = mint(DESK, usd(60_000), T0);
    const ev = tokenEvent("issuer_mint", T0, {
      actor: POOL,
      subject: DESK,
      amount: usd(60_000),
      txHash: bm.txHash,
    });
    const bb = transfer(POOL, ZERO_ADDRESS, usd(60_000), T0 + 1, "burn");
    expect(runRule(r11Issuance, [bm, ev, bb], { book })).toEqual([]);
    // The same mint without the pool's Mint event is off the issuer path.
    expect(runRule(r11Issuance, [mint(DESK, usd(60_000), T0)], { book })).toHaveLength(1);
  });

  it("flags a mint of exactly 10× the median of the last 30 days, not one wei less", () => {
    const spike = (amount: bigint) =>
      runRule(r11Issuance, [...history(), mint(TREASURY, amount, T0 + 6 * DAY)], { book });
    const [a, ...rest] = spike(usd(1_000_000));
    expect(rest).toEqual([]);
    expect(a?.key).toContain("|spike|");
    expect(a?.explanation).toContain("10.0 times the median of the 5 mints");
    expect(spike(usd(1_000_000) - 1n)).toEqual([]);
  });

  it("needs enough recent mints for a pattern", () => {
    const h = history();
    expect(
      runRule(r11Issuance, [...h.slice(1), mint(TREASURY, usd(5_000_000), T0 + 6 * DAY)], { book }),
    ).toEqual([]);
    expect(runRule(r11Issuance, [...h, mint(TREASURY, usd(5_000_000), T0 + 31 * DAY + 1)], { book })).toEqual(
      [],
    );
  });
});
