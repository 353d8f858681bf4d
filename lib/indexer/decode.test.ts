import { describe, expect, it } from "vitest";
import { encodeAbiParameters, encodeEventTopics, numberToHex, pad, type Hex } from "viem";
import { TRANSFER_TOPIC, frozenFundsReallocatedVariants, usd1EventsAbi } from "./abi";
import { DecodeError, decodeLogs } from "./decode";
import type { RpcLog } from "./types";

const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d";
const A = "0x1111111111111111111111111111111111111111";
const B = "0x2222222222222222222222222222222222222222";
const ZERO = "0x0000000000000000000000000000000000000000";
const TX = `0x${"ab".repeat(32)}` as Hex;

function log(topics: Hex[], data: Hex, logIndex = 0): RpcLog {
  return {
    address: TOKEN,
    topics,
    data,
    blockNumber: "0x10",
    blockHash: `0x${"cd".repeat(32)}`,
    transactionHash: TX,
    logIndex: numberToHex(logIndex),
  };
}
const transfer = (from: string, to: string, value: bigint, i = 0) =>
  log([TRANSFER_TOPIC, pad(from as Hex), pad(to as Hex)], pad(numberToHex(value)), i);

describe("decodeLogs", () => {
  it("classifies Transfer logs by the zero address and keeps exact wei", () => {
    const max = 2n ** 256n - 1n;
    const { transfers } = decodeLogs([
      transfer(ZERO, A, 5n, 0),
      transfer(A, ZERO, 3n, 1),
      transfer(A, B, max, 2),
    ]);
    expect(transfers.map((t) => [t.kind, t.from, t.to, t.amount, t.logIndex, t.blockNumber])).toEqual([
      ["mint", ZERO, A, 5n, 0, 16n],
      ["burn", A, ZERO, 3n, 1, 16n],
      ["transfer", A, B, max, 2, 16n],
    ]);
  });

  it("lower-cases checksummed topics and tx hashes", () => {
    const upper = log(
      [TRANSFER_TOPIC, pad("0xAbCdEf0000000000000000000000000000000001"), pad(B as Hex)],
      pad("0x1"),
    );
    upper.transactionHash = `0x${"AB".repeat(32)}` as Hex;
    const [t] = decodeLogs([upper]).transfers;
    expect(t?.from).toBe("0xabcdef0000000000000000000000000000000001");
    expect(t?.txHash).toBe(TX);
  });

  it("decodes admin events into kinds with actor/subject", () => {
    const freeze = log(
      encodeEventTopics({
        abi: usd1EventsAbi,
        eventName: "Freeze",
        args: { caller: A, account: B },
      }) as Hex[],
      "0x",
    );
    const paused = log(
      encodeEventTopics({ abi: usd1EventsAbi, eventName: "Paused" }) as Hex[],
      encodeAbiParameters([{ type: "address" }], [A]),
      1,
    );
    const mint = log(
      encodeEventTopics({ abi: usd1EventsAbi, eventName: "Mint", args: { caller: A, to: B } }) as Hex[],
      pad(numberToHex(7n)),
      2,
    );
    const { tokenEvents } = decodeLogs([freeze, paused, mint]);
    expect(tokenEvents.map((e) => [e.kind, e.actor, e.subject, e.amount])).toEqual([
      ["freeze", A, B, null],
      ["pause", A, null, null],
      ["issuer_mint", A, B, 7n],
    ]);
  });

  it("decodes FrozenFundsReallocated whatever its indexed-ness", () => {
    for (const abi of frozenFundsReallocatedVariants) {
      const topics = encodeEventTopics({
        abi,
        eventName: "FrozenFundsReallocated",
        args: { caller: A, from: B, to: A } as never,
      }) as Hex[];
      const inputs = abi[0].inputs as readonly { name: string; type: string; indexed?: boolean }[];
      const nonIndexed = inputs.filter((i) => !i.indexed);
      const values = { caller: A, from: B, to: A, amount: 9n } as Record<string, unknown>;
      const data = encodeAbiParameters(nonIndexed, nonIndexed.map((i) => values[i.name]) as never);
      const [e] = decodeLogs([log(topics, data)]).tokenEvents;
      expect([e?.kind, e?.actor, e?.subject, e?.counterparty, e?.amount]).toEqual([
        "frozen_funds_reallocated",
        A,
        B,
        A,
        9n,
      ]);
    }
  });

  it("refuses a malformed Transfer (ERC-721 shape) and a pending log", () => {
    expect(() => decodeLogs([log([TRANSFER_TOPIC, pad(A as Hex), pad(B as Hex), pad("0x1")], "0x")])).toThrow(
      DecodeError,
    );
    expect(() => decodeLogs([{ ...transfer(A, B, 1n), blockNumber: null }])).toThrow(DecodeError);
  });
});
