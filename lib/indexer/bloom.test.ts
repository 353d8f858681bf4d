import { hexToBytes, keccak256, toHex, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { GOVERNOR_TOPICS, TRANSFER_TOPIC, WATCHED_TOPICS } from "./abi";
import { bloomMayMatch, inBloom } from "./bloom";

// A block anvil mined (its own bloom code, not ours): the token minted and paid one wallet, so its
// logs are Transfer(0 → owner), Mint(owner, owner), Transfer(owner → wallet) at the token.
const ANVIL_BLOOM = `0x${[
  "000000000000000000000000000000000000000000000000000001400000400000000000000000000000000000000000",
  "000000000000000000000000000000000000000000400000000000080000000000000000000000000000000000000000",
  "000200000200000000000000002008000000000000000000000000100000000000000000000000000000000000000000",
  "000000000000000000000000000000000000000000800000000800000000020000000000000000000000000000000000",
  "040000020000000000000000000000000000000000000000000000000000200000000000000000000000000000000008",
  "00000000000800000000000000000000",
].join("")}` as Hex;
const TOKEN = "0xbce782277ccc5ddf86c1d858472c17746e60205b";
const MINT_TOPIC = "0xab8530f87dc9b59234c4623bf917212bb2536d647574c8e7e5da92c2ede0c9f8";
const OWNER_TOPIC = "0x00000000000000000000000000000000000000000000000000000000000d0002";
const WALLET = "0x1da2369272178bb42c24019bf598329a32ef66a9";

describe("logsBloom", () => {
  it("finds every address and topic the node put in the bloom", () => {
    const bloom = hexToBytes(ANVIL_BLOOM);
    expect(ANVIL_BLOOM).toHaveLength(2 + 512);
    for (const v of [TOKEN, TRANSFER_TOPIC, MINT_TOPIC, OWNER_TOPIC, `0x${"0".repeat(64)}`] as Hex[])
      expect(inBloom(bloom, v)).toBe(true);
    // The wallet is only a topic (padded to 32 bytes), never an emitter: as an address it is absent.
    expect(inBloom(bloom, `0x${WALLET.slice(2).padStart(64, "0")}` as Hex)).toBe(true);
    expect(inBloom(bloom, WALLET)).toBe(false);
  });

  it("proves absence: other emitters and other topics are not in it", () => {
    const bloom = hexToBytes(ANVIL_BLOOM);
    const others = Array.from({ length: 200 }, (_, i) => keccak256(toHex(`other-${i}`)));
    // 9 items × 3 bits in 2,048: a random value passes with probability ~(27/2048)^3, about 2e-6.
    expect(others.filter((v) => inBloom(bloom, v))).toEqual([]);
    expect(inBloom(bloom, "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d")).toBe(false);
  });

  it("says maybe only when a watched address and a watched topic are both in", () => {
    expect(bloomMayMatch(ANVIL_BLOOM, [TOKEN], WATCHED_TOPICS)).toBe(true);
    expect(bloomMayMatch(ANVIL_BLOOM, ["0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d"], WATCHED_TOPICS)).toBe(
      false,
    );
    // The token is in, but none of the governor's topics are: a governor-only filter would be "none".
    expect(
      bloomMayMatch(
        ANVIL_BLOOM,
        [TOKEN],
        GOVERNOR_TOPICS.filter((t) => t !== TRANSFER_TOPIC),
      ),
    ).toBe(false);
    expect(bloomMayMatch(`0x${"0".repeat(512)}`, [TOKEN], WATCHED_TOPICS)).toBe(false);
    expect(bloomMayMatch("0x1234", [TOKEN], WATCHED_TOPICS)).toBe(true); // unreadable: assume the worst
  });
});
