import { describe, expect, it } from "vitest";
import {
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  keccak256,
  numberToHex,
  pad,
  toHex,
  type AbiEvent,
  type Address,
  type Hex,
} from "viem";
import {
  TRANSFER_TOPIC,
  frozenFundsReallocatedVariants,
  governorEventsAbi,
  tokenAdminFunctionsAbi,
  usd1EventsAbi,
} from "./abi";
import { DecodeError, decodeLogs } from "./decode";
import type { RpcLog } from "./types";

const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d";
const GOV = "0x3333333333333333333333333333333333333333";
const A = "0x1111111111111111111111111111111111111111";
const B = "0x2222222222222222222222222222222222222222";
const C = "0x4444444444444444444444444444444444444444";
const ZERO = "0x0000000000000000000000000000000000000000";
const TX = `0x${"ab".repeat(32)}` as Hex;
const CTX = { token: TOKEN, governors: new Set<Address>([GOV]) } as const;

function log(topics: Hex[], data: Hex, logIndex = 0, address: Address = TOKEN): RpcLog {
  return {
    address,
    topics,
    data,
    blockNumber: "0x10",
    blockHash: `0x${"cd".repeat(32)}`,
    transactionHash: TX,
    logIndex: numberToHex(logIndex),
  };
}
const transfer = (from: string, to: string, value: bigint, i = 0, address: Address = TOKEN) =>
  log([TRANSFER_TOPIC, pad(from as Hex), pad(to as Hex)], pad(numberToHex(value)), i, address);

/** A log of `event` with `values`, indexed arguments in topics and the rest ABI-encoded in data. */
function eventLog(event: AbiEvent, values: Record<string, unknown>, address: Address, i = 0): RpcLog {
  const topics = encodeEventTopics({ abi: [event], eventName: event.name, args: values } as never) as Hex[];
  const plain = event.inputs.filter((input) => !input.indexed);
  const data = encodeAbiParameters(plain, plain.map((input) => values[input.name ?? ""]) as never);
  return log(topics, data, i, address);
}
const governorEvent = (name: string) => {
  const e = governorEventsAbi.find((x) => x.name === name);
  if (!e) throw new Error(`no governor event ${name}`);
  return e;
};
const tokenEvent = (name: string, n = 0) => {
  const e = usd1EventsAbi.filter((x) => x.name === name)[n];
  if (!e) throw new Error(`no token event ${name}`);
  return e;
};
const fields = (
  e:
    | {
        kind: string;
        emitter: string;
        actor: unknown;
        subject: unknown;
        counterparty: unknown;
        amount: unknown;
      }
    | undefined,
) => e && [e.kind, e.emitter, e.actor, e.subject, e.counterparty, e.amount];

describe("decodeLogs", () => {
  it("classifies Transfer logs by the zero address and keeps exact wei", () => {
    const max = 2n ** 256n - 1n;
    const { transfers } = decodeLogs(
      [transfer(ZERO, A, 5n, 0), transfer(A, ZERO, 3n, 1), transfer(A, B, max, 2)],
      CTX,
    );
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
    const [t] = decodeLogs([upper], CTX).transfers;
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
    const { tokenEvents } = decodeLogs([freeze, paused, mint], CTX);
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
      const [e] = decodeLogs([log(topics, data)], CTX).tokenEvents;
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
    expect(() =>
      decodeLogs([log([TRANSFER_TOPIC, pad(A as Hex), pad(B as Hex), pad("0x1")], "0x")], CTX),
    ).toThrow(DecodeError);
    expect(() => decodeLogs([{ ...transfer(A, B, 1n), blockNumber: null }], CTX)).toThrow(DecodeError);
  });
});

describe("decodeLogs: token V2 events", () => {
  const NONCE = keccak256(toHex("nonce-1"));
  it.each([
    [
      "Initialized(uint8)",
      tokenEvent("Initialized", 0),
      { version: 2 },
      ["initialized", TOKEN, null, null, null, null],
      { version: "2" },
    ],
    [
      "Initialized(uint64)",
      tokenEvent("Initialized", 1),
      { version: 3n },
      ["initialized", TOKEN, null, null, null, null],
      { version: "3" },
    ],
    [
      "ERC20Recovered",
      tokenEvent("ERC20Recovered"),
      { caller: A, token: C, recipient: B, amount: 3n },
      ["erc20_recovered", TOKEN, A, B, C, 3n],
      { caller: A, token: C, recipient: B, amount: "3" },
    ],
    [
      "AuthorizationUsed",
      tokenEvent("AuthorizationUsed"),
      { authorizer: A, nonce: NONCE },
      ["authorization_used", TOKEN, A, null, null, null],
      { authorizer: A, nonce: NONCE },
    ],
    [
      "AuthorizationCanceled",
      tokenEvent("AuthorizationCanceled"),
      { authorizer: B, nonce: NONCE },
      ["authorization_canceled", TOKEN, B, null, null, null],
      { authorizer: B, nonce: NONCE },
    ],
  ] as const)("%s", (_name, event, values, expected, args) => {
    const [e] = decodeLogs([eventLog(event, values, TOKEN)], CTX).tokenEvents;
    expect(fields(e)).toEqual(expected);
    expect(e?.args).toEqual(args);
  });
});

describe("decodeLogs: governor events", () => {
  it.each([
    ["NativeMint", { caller: A, recipient: B, amount: 5n }, ["native_mint", GOV, A, B, null, 5n]],
    ["BridgeMint", { caller: A, recipient: B, amount: 5n }, ["bridge_mint", GOV, A, B, null, 5n]],
    ["NativeBurn", { caller: A, from: B, amount: 6n }, ["native_burn", GOV, A, B, null, 6n]],
    ["BridgeBurn", { caller: A, from: B, amount: 6n }, ["bridge_burn", GOV, A, B, null, 6n]],
    ["AccountFrozen", { caller: A, account: B }, ["account_frozen", GOV, A, B, null, null]],
    ["AccountUnfrozen", { caller: A, account: B }, ["account_unfrozen", GOV, A, B, null, null]],
    ["ContractPaused", { caller: A }, ["contract_paused", GOV, A, null, null, null]],
    ["ContractUnpaused", { caller: A }, ["contract_unpaused", GOV, A, null, null, null]],
    ["FrozenAccountDrained", { caller: A, account: B }, ["governor_account_drained", GOV, A, B, null, null]],
    [
      "OwnershipTransferred",
      { caller: A, newOwner: B },
      ["governor_ownership_transferred", GOV, A, B, null, null],
    ],
    ["OwnershipAccepted", { caller: A }, ["ownership_accepted", GOV, A, null, null, null]],
    ["CheckerUpdated", { previousChecker: A, newChecker: B }, ["checker_updated", GOV, null, B, A, null]],
    [
      "TokensRecovered",
      { caller: A, token: C, recipient: B, amount: 7n },
      ["tokens_recovered", GOV, A, B, C, 7n],
    ],
    [
      "GovernedTokensRecovered",
      { caller: A, recipient: B, amount: 8n },
      ["governed_tokens_recovered", GOV, A, B, null, 8n],
    ],
  ] as const)("%s", (name, values, expected) => {
    const [e] = decodeLogs([eventLog(governorEvent(name), values, GOV)], CTX).tokenEvents;
    expect(fields(e)).toEqual(expected);
    const plain = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
    expect(e?.args).toEqual(plain);
  });

  it("names the role of RoleGranted/RoleRevoked, and keeps an unknown role as hex", () => {
    const minter = keccak256(toHex("MINTER_ROLE"));
    const odd = keccak256(toHex("SOMETHING_ELSE"));
    const { tokenEvents } = decodeLogs(
      [
        eventLog(governorEvent("RoleGranted"), { role: minter, account: B, sender: A }, GOV, 0),
        eventLog(governorEvent("RoleRevoked"), { role: odd, account: B, sender: A }, GOV, 1),
        eventLog(governorEvent("RoleGranted"), { role: pad("0x0"), account: A, sender: ZERO }, GOV, 2),
      ],
      CTX,
    );
    expect(tokenEvents.map((e) => [...(fields(e) ?? []), e.args.role, e.args.roleName])).toEqual([
      ["role_granted", GOV, A, B, null, null, minter, "MINTER_ROLE"],
      ["role_revoked", GOV, A, B, null, null, odd, odd],
      ["role_granted", GOV, ZERO, A, null, null, pad("0x0"), "DEFAULT_ADMIN_ROLE"],
    ]);
  });

  it("decodes the token function behind TokenFunctionExecuted, and keeps an unknown selector", () => {
    const call = (functionName: "reallocate" | "drain", args: readonly unknown[]) =>
      encodeFunctionData({ abi: tokenAdminFunctionsAbi, functionName, args } as never);
    const executed = (data: Hex, i: number) =>
      eventLog(governorEvent("TokenFunctionExecuted"), { caller: A, data, returnData: "0x" }, GOV, i);
    const unknown = "0xdeadbeef0000000000000000000000000000000000000000000000000000000000000001" as Hex;
    const {
      tokenEvents: [reallocate, drain, other],
    } = decodeLogs(
      [executed(call("reallocate", [B, C, 9n]), 0), executed(call("drain", [B]), 1), executed(unknown, 2)],
      CTX,
    );
    expect(fields(reallocate)).toEqual(["token_function_executed", GOV, A, B, C, 9n]);
    expect(reallocate?.args).toMatchObject({
      caller: A,
      function: "reallocate",
      from: B,
      to: C,
      amount: "9",
    });
    expect(fields(drain)).toEqual(["token_function_executed", GOV, A, B, null, null]);
    expect(drain?.args).toMatchObject({ function: "drain", account: B });
    expect(fields(other)).toEqual(["token_function_executed", GOV, A, null, null, null]);
    expect(other?.args).toMatchObject({ function: "unknown", selector: "0xdeadbeef", data: unknown });
  });

  it("tells the token's OwnershipTransferred from the governor's (same topic0) by the emitter", () => {
    const token = eventLog(tokenEvent("OwnershipTransferred"), { previousOwner: A, newOwner: B }, TOKEN, 0);
    const gov = eventLog(governorEvent("OwnershipTransferred"), { caller: A, newOwner: B }, GOV, 1);
    expect(token.topics[0]).toBe(gov.topics[0]);
    expect(decodeLogs([token, gov], CTX).tokenEvents.map(fields)).toEqual([
      ["ownership_transferred", TOKEN, null, B, A, null],
      ["governor_ownership_transferred", GOV, A, B, null, null],
    ]);
  });

  it("drops what an emitter logs under the other's topics: a governor's Transfer is no USD1 transfer", () => {
    const dropped = [
      transfer(ZERO, A, 5n, 0, GOV),
      eventLog(tokenEvent("Paused"), { account: A }, GOV, 1),
      eventLog(governorEvent("NativeMint"), { caller: A, recipient: B, amount: 1n }, TOKEN, 2),
    ];
    expect(decodeLogs(dropped, CTX)).toEqual({ transfers: [], tokenEvents: [] });
  });

  it("refuses a log from an address that is neither the token nor a watched governor", () => {
    expect(() => decodeLogs([transfer(A, B, 1n, 0, C)], CTX)).toThrow(DecodeError);
    expect(() =>
      decodeLogs([eventLog(governorEvent("NativeMint"), { caller: A, recipient: B, amount: 1n }, GOV)], {
        token: TOKEN,
        governors: new Set(),
      }),
    ).toThrow(/unexpected address/);
  });
});
