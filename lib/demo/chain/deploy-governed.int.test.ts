// USD1 as deployed on mainnet: V1 behind a proxy, owned by a TokenGovernor, upgraded to V2. Every flow
// is checked log by log against the shapes of DOMAIN.md §1b, decoded with the published signatures.
import {
  encodeFunctionData,
  getAddress,
  parseAbi,
  parseEventLogs,
  parseSignature,
  parseUnits,
  zeroAddress,
  type Address,
  type Hash,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revertOf as revertOfTx } from "./revert-of";
import { governorAbi, proxyAdminAbi, usd1V2Abi } from "@/lib/demo/contracts/usd1-abi";
import { governorEventsAbi } from "@/lib/indexer/abi";
import { startAnvil, type AnvilNode } from "./anvil";
import { confirm, impersonatedWalletClient, localPublicClient, readProxySlots, ZERO_FEES } from "./deploy";
import {
  deployUsd1WithGovernor,
  expectedGovernorAddress,
  roleId,
  type GovernedDeployment,
} from "./deploy-governed";

/** The token's events as DOMAIN.md §1 publishes them (V2 included). */
const TOKEN_EVENTS = parseAbi([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
  "event Mint(address indexed caller, address indexed to, uint256 amount)",
  "event Burn(address indexed caller, address indexed from, uint256 amount)",
  "event Freeze(address indexed caller, address indexed account)",
  "event Unfreeze(address indexed caller, address indexed account)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event FrozenAccountDrained(address indexed caller, address indexed account, uint256 amount)",
  "event FrozenFundsReallocated(address indexed caller, address indexed from, address indexed to, uint256 amount)",
  "event ERC20Recovered(address indexed caller, address indexed token, address indexed recipient, uint256 amount)",
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
  "event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce)",
  "event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  "event Upgraded(address indexed implementation)",
  "event AdminChanged(address previousAdmin, address newAdmin)",
  "event Initialized(uint64 version)",
]);
const ERRORS_ABI = [...usd1V2Abi, ...governorAbi, ...proxyAdminAbi].filter((i) => i.type === "error");

const DEPLOYER = getAddress("0x00000000000000000000000000000000000d3911");
const ADMIN = getAddress("0x000000000000000000000000000000000000ad01");
const MINTER = getAddress("0x000000000000000000000000000000000000a101");
const BURNER = getAddress("0x000000000000000000000000000000000000a102");
const FREEZER = getAddress("0x000000000000000000000000000000000000a103");
const PAUSER = getAddress("0x000000000000000000000000000000000000a104");
const POOL = getAddress("0x36a72eD0096B414521C45E3ddC9ed657d1D9c141");
const ALICE = getAddress("0x1000000000000000000000000000000000000001");
const BOB = getAddress("0x2000000000000000000000000000000000000002");
const AUTH_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

const ISSUED = parseUnits("750000", 18) + 11n;
const REDEEMED = parseUnits("1234.5", 18) + 3n;
const BRIDGED_IN = parseUnits("5000", 18) + 7n;
const BRIDGED_OUT = parseUnits("1200", 18) + 9n;

let node: AnvilNode;
let pc: PublicClient;
let d: GovernedDeployment;
let supply = 0n;

/** [emitter, event, args] for every log, decoded with the published signatures; nothing left over. */
function decode(logs: Log[]) {
  const tokenLogs = logs.filter((l) => getAddress(l.address) === d.token);
  const governorLogs = logs.filter((l) => getAddress(l.address) === d.governor);
  expect(tokenLogs.length + governorLogs.length).toBe(logs.length);
  // Chain order: block, then log index (log indices restart in every block).
  const byPosition = new Map<bigint, [string, string, unknown]>();
  const position = (e: { blockNumber: bigint | null; logIndex: number | null }) =>
    (e.blockNumber ?? 0n) * 100_000n + BigInt(e.logIndex ?? 0);
  for (const e of parseEventLogs({ abi: TOKEN_EVENTS, logs: tokenLogs, strict: true }))
    byPosition.set(position(e), ["token", e.eventName, e.args]);
  for (const e of parseEventLogs({ abi: governorEventsAbi, logs: governorLogs, strict: true }))
    byPosition.set(position(e), ["governor", e.eventName, e.args]);
  expect(byPosition.size).toBe(logs.length);
  return [...byPosition.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
}

function send(from: Address, to: Address, data: Hex): Promise<Hash> {
  return impersonatedWalletClient(node.rpcUrl, node.chainId, from).sendTransaction({
    to,
    data,
    ...ZERO_FEES,
  });
}
const callGovernor = (from: Address, data: Hex) => send(from, d.governor, data);
const callToken = (from: Address, data: Hex) => send(from, d.token, data);
const gov = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: governorAbi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
const tok = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: usd1V2Abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);

async function events(sent: Promise<Hash>) {
  return decode((await confirm(pc, await sent)).logs);
}

const revertOf = (sent: Promise<Hash>) => revertOfTx(pc, ERRORS_ABI, sent);

const read = (functionName: string, args: readonly unknown[] = []) =>
  pc.readContract({ address: d.token, abi: usd1V2Abi, functionName, args } as Parameters<
    typeof pc.readContract
  >[0]);
const balanceOf = (a: Address) => read("balanceOf", [a]) as Promise<bigint>;
const expectSupply = async () => expect(await read("totalSupply")).toBe(supply);

beforeAll(async () => {
  node = await startAnvil({ chainId: 1 });
  pc = localPublicClient(node.rpcUrl, 1);
  d = await deployUsd1WithGovernor({
    rpcUrl: node.rpcUrl,
    chainId: 1,
    deployer: DEPLOYER,
    admin: ADMIN,
    roles: {
      MINTER_ROLE: [MINTER],
      BURNER_ROLE: [BURNER],
      BRIDGE_MINTER_OR_BURNER_ROLE: [POOL],
      FREEZER_ROLE: [FREEZER],
      UNFREEZER_ROLE: [FREEZER],
      PAUSER_ROLE: [PAUSER],
      UNPAUSER_ROLE: [PAUSER],
    },
  });
  for (const holder of [ALICE, POOL])
    await confirm(pc, await callToken(holder, tok("approve", [d.governor, 2n ** 255n])));
});

afterAll(async () => {
  await node?.stop();
});

describe("deployUsd1WithGovernor", () => {
  it("leaves the governor owning V2 behind the proxy, with the roles granted and the deployment on record", async () => {
    expect(d.governor).toBe(expectedGovernorAddress(DEPLOYER));
    expect(await read("owner")).toBe(d.governor);
    expect(await readProxySlots(pc, d.token)).toEqual({
      implementation: d.implementation,
      admin: d.proxyAdmin,
    });
    expect(d.implementation).not.toBe(d.implementationV1);
    const logs = await pc.getLogs({ address: [d.token, d.governor], fromBlock: d.deployBlock });
    const rows = decode(logs);
    const role = (name: Parameters<typeof roleId>[0], account: Address) => [
      "governor",
      "RoleGranted",
      { role: roleId(name), account, sender: ADMIN },
    ];
    expect(rows).toEqual([
      ["token", "Upgraded", { implementation: d.implementationV1 }],
      ["token", "OwnershipTransferred", { previousOwner: zeroAddress, newOwner: DEPLOYER }],
      ["token", "Initialized", { version: 1n }],
      ["token", "AdminChanged", { previousAdmin: zeroAddress, newAdmin: d.proxyAdmin }],
      ["governor", "RoleGranted", { role: `0x${"0".repeat(64)}`, account: ADMIN, sender: DEPLOYER }],
      ["token", "OwnershipTransferStarted", { previousOwner: DEPLOYER, newOwner: d.governor }],
      ["token", "OwnershipTransferred", { previousOwner: DEPLOYER, newOwner: d.governor }],
      ["governor", "OwnershipAccepted", { caller: ADMIN }],
      role("MINTER_ROLE", MINTER),
      role("BURNER_ROLE", BURNER),
      role("BRIDGE_MINTER_OR_BURNER_ROLE", POOL),
      role("FREEZER_ROLE", FREEZER),
      role("UNFREEZER_ROLE", FREEZER),
      role("PAUSER_ROLE", PAUSER),
      role("UNPAUSER_ROLE", PAUSER),
      ["token", "Upgraded", { implementation: d.implementation }],
      ["token", "Initialized", { version: 2n }],
      ["token", "Approval", { owner: ALICE, spender: d.governor, value: 2n ** 255n }],
      ["token", "Approval", { owner: POOL, spender: d.governor, value: 2n ** 255n }],
    ]);
  });
});

describe("TokenGovernor", () => {
  it("issues: mint to the governor, transfer to the recipient, NativeMint naming the minter", async () => {
    expect(await events(callGovernor(MINTER, gov("mint", [ALICE, ISSUED])))).toEqual([
      ["token", "Transfer", { from: zeroAddress, to: d.governor, value: ISSUED }],
      ["token", "Mint", { caller: d.governor, to: d.governor, amount: ISSUED }],
      ["token", "Transfer", { from: d.governor, to: ALICE, value: ISSUED }],
      ["governor", "NativeMint", { caller: MINTER, recipient: ALICE, amount: ISSUED }],
    ]);
    supply += ISSUED;
    expect([await balanceOf(ALICE), await balanceOf(d.governor)]).toEqual([ISSUED, 0n]);
    await expectSupply();
  });

  // OpenZeppelin 5's transferFrom spends the allowance without an Approval event.
  it("redeems: transferFrom to the governor, burn, NativeBurn naming the burner", async () => {
    expect(await events(callGovernor(BURNER, gov("burn", [ALICE, REDEEMED])))).toEqual([
      ["token", "Transfer", { from: ALICE, to: d.governor, value: REDEEMED }],
      ["token", "Transfer", { from: d.governor, to: zeroAddress, value: REDEEMED }],
      ["token", "Burn", { caller: d.governor, from: d.governor, amount: REDEEMED }],
      ["governor", "NativeBurn", { caller: BURNER, from: ALICE, amount: REDEEMED }],
    ]);
    supply -= REDEEMED;
    await expectSupply();
  });

  it("bridges: the same token logs with BridgeMint / BridgeBurn naming the pool", async () => {
    expect(await events(callGovernor(POOL, gov("bridgeMint", [BOB, BRIDGED_IN])))).toEqual([
      ["token", "Transfer", { from: zeroAddress, to: d.governor, value: BRIDGED_IN }],
      ["token", "Mint", { caller: d.governor, to: d.governor, amount: BRIDGED_IN }],
      ["token", "Transfer", { from: d.governor, to: BOB, value: BRIDGED_IN }],
      ["governor", "BridgeMint", { caller: POOL, recipient: BOB, amount: BRIDGED_IN }],
    ]);
    supply += BRIDGED_IN;
    await confirm(pc, await callToken(BOB, tok("transfer", [POOL, BRIDGED_OUT])));
    const burn = await events(callGovernor(POOL, gov("bridgeBurn", [POOL, BRIDGED_OUT])));
    expect(burn).toEqual([
      ["token", "Transfer", { from: POOL, to: d.governor, value: BRIDGED_OUT }],
      ["token", "Transfer", { from: d.governor, to: zeroAddress, value: BRIDGED_OUT }],
      ["token", "Burn", { caller: d.governor, from: d.governor, amount: BRIDGED_OUT }],
      ["governor", "BridgeBurn", { caller: POOL, from: POOL, amount: BRIDGED_OUT }],
    ]);
    supply -= BRIDGED_OUT;
    await expectSupply();
  });

  it("refuses every role function to an account without the role, and the token to anyone but the governor", async () => {
    const missing = (account: Address, role: Parameters<typeof roleId>[0]) => [
      "AccessControlUnauthorizedAccount",
      [account, roleId(role)],
    ];
    expect(await revertOf(callGovernor(POOL, gov("mint", [POOL, 1n])))).toEqual(missing(POOL, "MINTER_ROLE"));
    expect(await revertOf(callGovernor(MINTER, gov("bridgeMint", [BOB, 1n])))).toEqual(
      missing(MINTER, "BRIDGE_MINTER_OR_BURNER_ROLE"),
    );
    expect(await revertOf(callGovernor(MINTER, gov("freeze", [BOB])))).toEqual(
      missing(MINTER, "FREEZER_ROLE"),
    );
    expect(await revertOf(callGovernor(FREEZER, gov("pause")))).toEqual(missing(FREEZER, "PAUSER_ROLE"));
    expect(await revertOf(callToken(ADMIN, tok("mint", [1n])))).toEqual([
      "OwnableUnauthorizedAccount",
      [ADMIN],
    ]);
  });

  it("freezes and unfreezes through the governor, the freezer named only in the governor's event", async () => {
    expect(await events(callGovernor(FREEZER, gov("freeze", [BOB])))).toEqual([
      ["token", "Freeze", { caller: d.governor, account: BOB }],
      ["governor", "AccountFrozen", { caller: FREEZER, account: BOB }],
    ]);
    expect(await revertOf(callToken(BOB, tok("transfer", [ALICE, 1n])))).toEqual(["AccountFrozen", [BOB]]);
    expect(await events(callGovernor(FREEZER, gov("unfreeze", [BOB])))).toEqual([
      ["token", "Unfreeze", { caller: d.governor, account: BOB }],
      ["governor", "AccountUnfrozen", { caller: FREEZER, account: BOB }],
    ]);
  });

  it("pauses and unpauses through the governor", async () => {
    expect(await events(callGovernor(PAUSER, gov("pause")))).toEqual([
      ["token", "Paused", { account: d.governor }],
      ["governor", "ContractPaused", { caller: PAUSER }],
    ]);
    expect(await revertOf(callGovernor(MINTER, gov("mint", [ALICE, 1n])))).toEqual(["EnforcedPause", []]);
    expect(await events(callGovernor(PAUSER, gov("unpause")))).toEqual([
      ["token", "Unpaused", { account: d.governor }],
      ["governor", "ContractUnpaused", { caller: PAUSER }],
    ]);
  });

  it("drains a frozen account to the governor (V2), naming the admin in the governor's 2-argument event", async () => {
    const held = await balanceOf(BOB);
    await confirm(pc, await callGovernor(FREEZER, gov("freeze", [BOB])));
    expect(await events(callGovernor(ADMIN, gov("drain", [BOB])))).toEqual([
      ["token", "Transfer", { from: BOB, to: d.governor, value: held }],
      ["token", "FrozenAccountDrained", { caller: d.governor, account: BOB, amount: held }],
      ["governor", "FrozenAccountDrained", { caller: ADMIN, account: BOB }],
    ]);
    expect(await balanceOf(d.governor)).toBe(held);
    expect(await read("frozen", [BOB])).toBe(true);
    expect(await events(callGovernor(ADMIN, gov("recoverGovernedTokens", [ALICE, held])))).toEqual([
      ["token", "Transfer", { from: d.governor, to: ALICE, value: held }],
      ["governor", "GovernedTokensRecovered", { caller: ADMIN, recipient: ALICE, amount: held }],
    ]);
    await expectSupply();
  });

  it("reallocates out of a frozen account through executeTokenFunction (V2)", async () => {
    const amount = parseUnits("10", 18);
    // Bob is frozen: give him funds by unfreezing, paying, freezing again.
    await confirm(pc, await callGovernor(FREEZER, gov("unfreeze", [BOB])));
    await confirm(pc, await callToken(ALICE, tok("transfer", [BOB, amount])));
    await confirm(pc, await callGovernor(FREEZER, gov("freeze", [BOB])));
    const data = tok("reallocate", [BOB, ALICE, amount]);
    expect(await events(callGovernor(ADMIN, gov("executeTokenFunction", [data])))).toEqual([
      ["token", "Transfer", { from: BOB, to: ALICE, value: amount }],
      ["token", "FrozenFundsReallocated", { caller: d.governor, from: BOB, to: ALICE, amount }],
      ["governor", "TokenFunctionExecuted", { caller: ADMIN, data, returnData: "0x" }],
    ]);
    expect(
      await revertOf(callGovernor(ADMIN, gov("executeTokenFunction", [tok("reallocate", [ALICE, BOB, 1n])]))),
    ).toEqual(["AccountNotFrozen", [ALICE]]);
  });

  it("refuses transfers to the token itself (V2) and recovers other tokens' balances", async () => {
    expect(await revertOf(callToken(ALICE, tok("transfer", [d.token, 1n])))).toEqual(["TransferToToken", []]);
    const data = tok("recoverERC20", [d.token, ALICE, 0n]);
    expect(await events(callGovernor(ADMIN, gov("executeTokenFunction", [data])))).toEqual([
      ["token", "Transfer", { from: d.token, to: ALICE, value: 0n }],
      ["token", "ERC20Recovered", { caller: d.governor, token: d.token, recipient: ALICE, amount: 0n }],
      ["governor", "TokenFunctionExecuted", { caller: ADMIN, data, returnData: "0x" }],
    ]);
  });

  it("moves value by EIP-3009 authorization, once per nonce", async () => {
    const signer = privateKeyToAccount(AUTH_KEY);
    await confirm(pc, await callToken(ALICE, tok("transfer", [signer.address, 1_000n])));
    const nonce = `0x${"ab".repeat(32)}` as Hex;
    const message = {
      from: signer.address,
      to: BOB,
      value: 600n,
      validAfter: 0n,
      validBefore: 2n ** 40n,
      nonce,
    };
    const { r, s, yParity } = parseSignature(
      await signer.signTypedData({
        domain: { name: "World Liberty Financial USD", version: "1", chainId: 1, verifyingContract: d.token },
        types: {
          TransferWithAuthorization: [
            { name: "from", type: "address" },
            { name: "to", type: "address" },
            { name: "value", type: "uint256" },
            { name: "validAfter", type: "uint256" },
            { name: "validBefore", type: "uint256" },
            { name: "nonce", type: "bytes32" },
          ],
        },
        primaryType: "TransferWithAuthorization",
        message,
      }),
    );
    await confirm(pc, await callGovernor(FREEZER, gov("unfreeze", [BOB])));
    const args = [signer.address, BOB, 600n, 0n, 2n ** 40n, nonce, 27 + yParity, r, s] as const;
    expect(await events(callToken(ALICE, tok("transferWithAuthorization", args)))).toEqual([
      ["token", "AuthorizationUsed", { authorizer: signer.address, nonce }],
      ["token", "Transfer", { from: signer.address, to: BOB, value: 600n }],
    ]);
    expect(await revertOf(callToken(ALICE, tok("transferWithAuthorization", args)))).toEqual([
      "AuthorizationAlreadyUsed",
      [signer.address, nonce],
    ]);
    await expectSupply();
  });
});
