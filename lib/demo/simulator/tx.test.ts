import { encodeFunctionData, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { governorAbi, usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { encodeAction, sendCall, targetOf } from "./tx";
import type { PlannedAction } from "./types";

const OWNER = "0x1111111111111111111111111111111111111111";
// Checksummed (mixed case): the encoder lower-cases.
const ACCOUNT = getAddress("0xabcdef0123456789abcdef0123456789abcdef01");
const AMOUNT = 123_456_789n * 10n ** 16n;

describe("encodeAction", () => {
  const cases: [PlannedAction, string][] = [
    [
      { kind: "transfer", ts: 0, from: OWNER, to: ACCOUNT, amount: AMOUNT, purpose: "p2p" },
      encodeFunctionData({ abi: usd1Abi, functionName: "transfer", args: [ACCOUNT, AMOUNT] }),
    ],
    [
      { kind: "mint", ts: 0, from: OWNER, amount: AMOUNT },
      encodeFunctionData({ abi: governorAbi, functionName: "mint", args: [OWNER, AMOUNT] }),
    ],
    [
      { kind: "burn", ts: 0, from: OWNER, amount: 1n },
      encodeFunctionData({ abi: governorAbi, functionName: "burn", args: [OWNER, 1n] }),
    ],
    [
      { kind: "freeze", ts: 0, from: OWNER, account: ACCOUNT },
      encodeFunctionData({ abi: governorAbi, functionName: "freeze", args: [ACCOUNT] }),
    ],
    [
      { kind: "unfreeze", ts: 0, from: OWNER, account: ACCOUNT },
      encodeFunctionData({ abi: governorAbi, functionName: "unfreeze", args: [ACCOUNT] }),
    ],
    [
      { kind: "drain", ts: 0, from: OWNER, account: ACCOUNT, amount: 5n },
      encodeFunctionData({ abi: governorAbi, functionName: "drain", args: [ACCOUNT] }),
    ],
    [{ kind: "pause", ts: 0, from: OWNER }, encodeFunctionData({ abi: governorAbi, functionName: "pause" })],
    [
      { kind: "unpause", ts: 0, from: OWNER },
      encodeFunctionData({ abi: governorAbi, functionName: "unpause" }),
    ],
    [
      { kind: "bridgeMint", ts: 0, from: OWNER, to: ACCOUNT, amount: AMOUNT },
      encodeFunctionData({ abi: governorAbi, functionName: "bridgeMint", args: [ACCOUNT, AMOUNT] }),
    ],
    [
      { kind: "bridgeBurn", ts: 0, from: OWNER, amount: AMOUNT },
      encodeFunctionData({ abi: governorAbi, functionName: "bridgeBurn", args: [OWNER, AMOUNT] }),
    ],
  ];

  it.each(cases)("matches viem for %o", (action, expected) => {
    expect(encodeAction(action)).toBe(expected.toLowerCase());
  });

  it("sends transfers to the token and every other action to the governor", () => {
    const contracts = { token: ACCOUNT, governor: OWNER } as const;
    expect(cases.map(([a]) => targetOf(a, contracts))).toEqual(
      cases.map(([a]) => (a.kind === "transfer" ? ACCOUNT : OWNER)),
    );
  });

  it("builds a zero-fee eth_sendTransaction with explicit nonce and gas", () => {
    expect(sendCall(ACCOUNT, OWNER, "0x", 10, 150_000n)).toEqual({
      method: "eth_sendTransaction",
      params: [{ from: OWNER, to: ACCOUNT, data: "0x", gas: "0x249f0", gasPrice: "0x0", nonce: "0xa" }],
    });
  });
});
