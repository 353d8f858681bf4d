// R11 with a TokenGovernor as the token's owner (DOMAIN.md §1b): the token's Mint/Burn always name
// the governor, so the issuer path is judged on the governor's NativeMint/NativeBurn caller, and a
// BridgeMint/BridgeBurn in the transaction makes the mint or burn a bridge move.
import { describe, expect, it } from "vitest";
import {
  DAY,
  newTx,
  runRule,
  T0,
  taggedRow,
  TOKEN,
  tokenEvent,
  transferIn,
  usd,
  wallet,
} from "../testing/fixtures";
import { ZERO_ADDRESS, type MonitorItem } from "../types";
import { r11Issuance } from "./r11-issuance";

const GOV = wallet(0x60);
const MINTER = wallet(0xa1);
const BURNER = wallet(0xb1);
const POOL = wallet(0xc1); // untagged: the governor's BridgeMint alone says it is a bridge
const VASP = wallet(0x1);
const book = [taggedRow(MINTER, ["treasury"])];

/** Issuer or bridge mint through the governor: Transfer(0 → gov), Mint(gov, gov), Transfer(gov → to), governor event. */
function governorMint(
  kind: "native_mint" | "bridge_mint",
  caller: string,
  to: string,
  amount: bigint,
  time = T0,
) {
  const tx = newTx();
  return [
    transferIn({ ...tx, logIndex: 0 }, ZERO_ADDRESS, GOV, amount, time, "mint"),
    tokenEvent("issuer_mint", time, { ...tx, logIndex: 1, emitter: TOKEN, actor: GOV, subject: GOV, amount }),
    transferIn({ ...tx, logIndex: 2 }, GOV, to, amount, time),
    tokenEvent(kind, time, { ...tx, logIndex: 3, emitter: GOV, actor: caller, subject: to, amount }),
  ] satisfies MonitorItem[];
}

/** Redemption or bridge burn: Transfer(from → gov), Transfer(gov → 0), Burn(gov, gov), governor event. */
function governorBurn(kind: "native_burn" | "bridge_burn", caller: string, from: string, amount: bigint) {
  const tx = newTx();
  return [
    transferIn({ ...tx, logIndex: 0 }, from, GOV, amount, T0),
    transferIn({ ...tx, logIndex: 1 }, GOV, ZERO_ADDRESS, amount, T0, "burn"),
    tokenEvent("issuer_burn", T0, { ...tx, logIndex: 2, emitter: TOKEN, actor: GOV, subject: GOV, amount }),
    tokenEvent(kind, T0, { ...tx, logIndex: 3, emitter: GOV, actor: caller, subject: from, amount }),
  ] satisfies MonitorItem[];
}

const variants = (alerts: { key: string }[]) => alerts.map((a) => a.key.split("|")[2]);

describe("R11 through a governor", () => {
  it("judges the governor's caller, not the governor the token names", () => {
    // The minter is tagged treasury: on the issuer path, though the governor is not.
    expect(runRule(r11Issuance, governorMint("native_mint", MINTER, VASP, usd(1_000)), { book })).toEqual([]);
    const off = runRule(r11Issuance, governorMint("native_mint", BURNER, VASP, usd(1_000)), { book });
    expect(variants(off)).toEqual(["off_path_caller:mint"]);
    expect(off[0]).toMatchObject({ subject: BURNER, addresses: [BURNER, GOV, VASP], amount: usd(1_000) });
    expect(off[0]?.explanation).toBe(
      "unattributed wallet 0x0000…00b1 minted 1,000.00 USD1 through the governor unattributed wallet 0x0000…0060 (to unattributed wallet 0x0000…0001), but is not an issuer address: issuance and redemption go through the configured issuer path. Issuance outside it needs explaining.",
    );
    expect(off[0]?.evidence.map((e) => e.role)).toEqual(["trigger", "governor_event"]);
  });

  it("judges the burner of a redemption; a configured issuer address is on the path", () => {
    const items = governorBurn("native_burn", BURNER, VASP, usd(200));
    expect(variants(runRule(r11Issuance, items, { book }))).toEqual(["off_path_caller:burn"]);
    expect(runRule(r11Issuance, items, { book, params: { issuerAddresses: [BURNER] } })).toEqual([]);
  });

  it("never flags bridge mints and burns, whoever the pool is", () => {
    const items = [
      ...governorMint("bridge_mint", POOL, VASP, usd(60_000)),
      ...governorBurn("bridge_burn", POOL, VASP, usd(60_000)),
    ];
    expect(runRule(r11Issuance, items, { book })).toEqual([]);
  });

  it("counts issuance mints in the pattern, never bridge mints", () => {
    const history = [1, 2, 3, 4, 5].flatMap((i) =>
      governorMint("native_mint", MINTER, VASP, usd(100_000), T0 + i * DAY),
    );
    // Large bridge mints in between change neither the median nor the count.
    const bridged = [1, 2, 3].flatMap((i) =>
      governorMint("bridge_mint", POOL, VASP, usd(9_000_000), T0 + i * DAY + 60),
    );
    const spike = governorMint("native_mint", MINTER, VASP, usd(1_000_000), T0 + 6 * DAY);
    const alerts = runRule(r11Issuance, [...history, ...bridged, ...spike], { book });
    expect(variants(alerts)).toEqual(["spike"]);
    expect(alerts[0]).toMatchObject({ subject: MINTER });
    expect(alerts[0]?.explanation).toContain("10.0 times the median of the 5 mints");
  });
});
