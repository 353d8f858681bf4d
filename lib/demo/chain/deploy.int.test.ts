import {
  decodeErrorResult,
  getAddress,
  parseAbi,
  parseEventLogs,
  parseSignature,
  parseUnits,
  type Address,
  type Hash,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyAdminAbi, usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { startAnvil, type AnvilNode } from "./anvil";
import {
  confirm,
  deployUsd1,
  deployUsd1Implementation,
  impersonatedWalletClient,
  localPublicClient,
  readProxySlots,
  ZERO_FEES,
  type Usd1Deployment,
} from "./deploy";

/** Decoding with the signatures from DOMAIN.md (not the compiled ABI) proves names, types and indexed-ness. */
const DOMAIN_EVENTS = parseAbi([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
  "event Mint(address indexed caller, address indexed to, uint256 amount)",
  "event Burn(address indexed caller, address indexed from, uint256 amount)",
  "event Freeze(address indexed caller, address indexed account)",
  "event Unfreeze(address indexed caller, address indexed account)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event FrozenAccountDrained(address indexed caller, address indexed account, uint256 amount)",
  "event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  "event Upgraded(address indexed implementation)",
  "event AdminChanged(address previousAdmin, address newAdmin)",
  "event Initialized(uint64 version)",
  "event BridgeSet(address indexed pool, bool allowed)",
]);

const ERRORS_ABI = [...usd1Abi, ...proxyAdminAbi].filter((item) => item.type === "error");

const ZERO = getAddress("0x0000000000000000000000000000000000000000");
const DEPLOYER = getAddress("0x00000000000000000000000000000000000d3910");
const OWNER = getAddress("0x000000000000000000000000000000000000a11c");
const NEW_OWNER = getAddress("0x000000000000000000000000000000000000b0b0");
const ALICE = getAddress("0x1000000000000000000000000000000000000001");
const BOB = getAddress("0x2000000000000000000000000000000000000002");
const POOL = getAddress("0x36a72eD0096B414521C45E3ddC9ed657d1D9c141");
const PERMIT_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

const MINTED = parseUnits("1000000", 18) + 1n;
const TO_ALICE = parseUnits("250000.123456789012345678", 18);
const BURNED = parseUnits("100", 18) + 7n;
const BRIDGED_IN = parseUnits("5000", 18) + 3n;
const BRIDGED_OUT = parseUnits("1200", 18) + 9n;

const nodes: AnvilNode[] = [];
let node: AnvilNode;
let pc: PublicClient;
let deployment: Usd1Deployment;
let supply = 0n;

function decode(logs: Log[]) {
  const events = parseEventLogs({ abi: DOMAIN_EVENTS, logs, strict: true });
  expect(events).toHaveLength(logs.length); // every log matches a DOMAIN.md signature
  return events.map((e) => ({ address: getAddress(e.address), event: e.eventName, args: e.args }));
}

const as = (from: Address) => impersonatedWalletClient(node.rpcUrl, node.chainId, from);
const token = () => ({ address: deployment.token, abi: usd1Abi }) as const;
const events = async (hash: Promise<Hash>) => decode((await confirm(pc, await hash)).logs);

/**
 * Anvil mines a reverting transaction (status 0) instead of refusing it, so this checks the receipt and reads
 * the custom error from the mined transaction's call trace: it proves the revert happened on chain, and why.
 */
async function revertOf(sent: Promise<Hash>) {
  const hash = await sent;
  const receipt = await pc.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  expect(receipt.status).toBe("reverted");
  const trace = await pc.request<{
    method: "debug_traceTransaction";
    Parameters: [Hash, { tracer: "callTracer" }];
    ReturnType: { output?: Hex };
  }>({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] });
  const { errorName, args } = decodeErrorResult({ abi: ERRORS_ABI, data: trace.output ?? "0x" });
  return { name: errorName, args: args ?? [] };
}

async function balanceOf(account: Address) {
  return pc.readContract({ ...token(), functionName: "balanceOf", args: [account] });
}

async function expectSupply() {
  expect(await pc.readContract({ ...token(), functionName: "totalSupply" })).toBe(supply);
}

beforeAll(async () => {
  const [eth, bnb] = await Promise.all([startAnvil({ chainId: 1 }), startAnvil({ chainId: 56 })]);
  nodes.push(eth, bnb);
  node = eth;
  pc = localPublicClient(eth.rpcUrl, eth.chainId);
  deployment = await deployUsd1({ rpcUrl: eth.rpcUrl, chainId: 1, deployer: DEPLOYER, owner: OWNER });
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

describe("deployUsd1", () => {
  it("gives the same addresses on two chains for the same deployer and nonce", async () => {
    const bnb = nodes[1]!;
    // Manual mining on this node: deployUsd1 must mine its own blocks rather than hang.
    const bnbClient = localPublicClient(bnb.rpcUrl, 56);
    await bnbClient.request<{ method: "evm_setAutomine"; Parameters: [boolean]; ReturnType: null }>({
      method: "evm_setAutomine",
      params: [false],
    });
    const other = await deployUsd1({ rpcUrl: bnb.rpcUrl, chainId: 56, deployer: DEPLOYER, owner: OWNER });
    expect(await bnbClient.getChainId()).toBe(56);
    expect(await pc.getChainId()).toBe(1);
    expect(other).toEqual(deployment);
  });

  it("emits the proxy and initialization events and wires EIP-1967 slots", async () => {
    const logs = await pc.getLogs({ address: deployment.token, fromBlock: deployment.deployBlock });
    expect(decode(logs).map(({ event, args }) => ({ event, args }))).toEqual([
      { event: "Upgraded", args: { implementation: deployment.implementation } },
      { event: "OwnershipTransferred", args: { previousOwner: ZERO, newOwner: OWNER } },
      { event: "Initialized", args: { version: 1n } },
      { event: "AdminChanged", args: { previousAdmin: ZERO, newAdmin: deployment.proxyAdmin } },
    ]);
    expect(await readProxySlots(pc, deployment.token)).toEqual({
      implementation: deployment.implementation,
      admin: deployment.proxyAdmin,
    });
    const admin = { address: deployment.proxyAdmin, abi: proxyAdminAbi } as const;
    expect(await pc.readContract({ ...admin, functionName: "owner" })).toBe(OWNER);
    expect(await pc.readContract({ ...token(), functionName: "name" })).toBe("World Liberty Financial USD");
    expect(await pc.readContract({ ...token(), functionName: "symbol" })).toBe("USD1");
    expect(await pc.readContract({ ...token(), functionName: "decimals" })).toBe(18);
    expect(await pc.readContract({ ...token(), functionName: "owner" })).toBe(OWNER);
    await expectSupply();
  });
});

describe("USD1Token", () => {
  it("mints to and burns from the owner's own balance", async () => {
    const mint = as(OWNER).writeContract({ ...token(), functionName: "mint", args: [MINTED], ...ZERO_FEES });
    expect(await events(mint)).toEqual([
      { address: deployment.token, event: "Transfer", args: { from: ZERO, to: OWNER, value: MINTED } },
      { address: deployment.token, event: "Mint", args: { caller: OWNER, to: OWNER, amount: MINTED } },
    ]);
    supply += MINTED;
    const burn = as(OWNER).writeContract({ ...token(), functionName: "burn", args: [BURNED], ...ZERO_FEES });
    expect((await events(burn)).map((e) => [e.event, e.args])).toEqual([
      ["Transfer", { from: OWNER, to: ZERO, value: BURNED }],
      ["Burn", { caller: OWNER, from: OWNER, amount: BURNED }],
    ]);
    supply -= BURNED;
    expect(await balanceOf(OWNER)).toBe(MINTED - BURNED);
    await expectSupply();
  });

  it("refuses issuer functions to anyone but the owner", async () => {
    const mint = as(ALICE).writeContract({ ...token(), functionName: "mint", args: [1n], ...ZERO_FEES });
    expect(await revertOf(mint)).toEqual({ name: "OwnableUnauthorizedAccount", args: [ALICE] });
    const freeze = as(ALICE).writeContract({ ...token(), functionName: "freeze", args: [BOB], ...ZERO_FEES });
    expect(await revertOf(freeze)).toEqual({ name: "OwnableUnauthorizedAccount", args: [ALICE] });
    const pause = as(BOB).writeContract({ ...token(), functionName: "pause", ...ZERO_FEES });
    expect(await revertOf(pause)).toEqual({ name: "OwnableUnauthorizedAccount", args: [BOB] });
  });

  it("blocks transfers from and to a frozen account, and drains it to the owner", async () => {
    const w = (from: Address) => as(from);
    await events(
      w(OWNER).writeContract({ ...token(), functionName: "transfer", args: [ALICE, TO_ALICE], ...ZERO_FEES }),
    );
    const freeze = w(OWNER).writeContract({
      ...token(),
      functionName: "freeze",
      args: [ALICE],
      ...ZERO_FEES,
    });
    expect((await events(freeze)).map((e) => [e.event, e.args])).toEqual([
      ["Freeze", { caller: OWNER, account: ALICE }],
    ]);
    expect(await pc.readContract({ ...token(), functionName: "isFrozen", args: [ALICE] })).toBe(true);

    const out = w(ALICE).writeContract({
      ...token(),
      functionName: "transfer",
      args: [BOB, 1n],
      ...ZERO_FEES,
    });
    expect(await revertOf(out)).toEqual({ name: "AccountFrozen", args: [ALICE] });
    const into = w(OWNER).writeContract({
      ...token(),
      functionName: "transfer",
      args: [ALICE, 1n],
      ...ZERO_FEES,
    });
    expect(await revertOf(into)).toEqual({ name: "AccountFrozen", args: [ALICE] });

    const drain = w(OWNER).writeContract({
      ...token(),
      functionName: "drainFrozenAccount",
      args: [ALICE],
      ...ZERO_FEES,
    });
    expect((await events(drain)).map((e) => [e.event, e.args])).toEqual([
      ["Transfer", { from: ALICE, to: OWNER, value: TO_ALICE }],
      ["FrozenAccountDrained", { caller: OWNER, account: ALICE, amount: TO_ALICE }],
    ]);
    expect(await balanceOf(ALICE)).toBe(0n);
    expect(await balanceOf(OWNER)).toBe(MINTED - BURNED);
    await expectSupply();

    const unfreeze = w(OWNER).writeContract({
      ...token(),
      functionName: "unfreeze",
      args: [ALICE],
      ...ZERO_FEES,
    });
    expect((await events(unfreeze)).map((e) => [e.event, e.args])).toEqual([
      ["Unfreeze", { caller: OWNER, account: ALICE }],
    ]);
    const again = w(OWNER).writeContract({
      ...token(),
      functionName: "drainFrozenAccount",
      args: [ALICE],
      ...ZERO_FEES,
    });
    expect(await revertOf(again)).toEqual({ name: "AccountNotFrozen", args: [ALICE] });
    await events(
      w(OWNER).writeContract({ ...token(), functionName: "transfer", args: [ALICE, 5n], ...ZERO_FEES }),
    );
    expect(await balanceOf(ALICE)).toBe(5n);
  });

  it("stops every transfer, mint and burn while paused", async () => {
    const w = as(OWNER);
    expect(
      (await events(w.writeContract({ ...token(), functionName: "pause", ...ZERO_FEES }))).map((e) => [
        e.event,
        e.args,
      ]),
    ).toEqual([["Paused", { account: OWNER }]]);
    await events(
      w.writeContract({ ...token(), functionName: "setBridge", args: [POOL, true], ...ZERO_FEES }),
    );
    const attempts = [
      w.writeContract({ ...token(), functionName: "transfer", args: [BOB, 1n], ...ZERO_FEES }),
      w.writeContract({ ...token(), functionName: "mint", args: [1n], ...ZERO_FEES }),
      w.writeContract({ ...token(), functionName: "burn", args: [1n], ...ZERO_FEES }),
      as(POOL).writeContract({ ...token(), functionName: "bridgeMint", args: [BOB, 1n], ...ZERO_FEES }),
      as(POOL).writeContract({ ...token(), functionName: "bridgeBurn", args: [0n], ...ZERO_FEES }),
    ];
    for (const attempt of attempts)
      expect(await revertOf(attempt)).toEqual({ name: "EnforcedPause", args: [] });
    expect(
      (await events(w.writeContract({ ...token(), functionName: "unpause", ...ZERO_FEES }))).map((e) => [
        e.event,
        e.args,
      ]),
    ).toEqual([["Unpaused", { account: OWNER }]]);
    await expectSupply();
  });

  it("lets only allowed bridge pools mint to anyone and burn their own balance", async () => {
    const stranger = as(BOB).writeContract({
      ...token(),
      functionName: "bridgeMint",
      args: [BOB, 1n],
      ...ZERO_FEES,
    });
    expect(await revertOf(stranger)).toEqual({ name: "NotBridge", args: [BOB] });
    const mint = as(POOL).writeContract({
      ...token(),
      functionName: "bridgeMint",
      args: [BOB, BRIDGED_IN],
      ...ZERO_FEES,
    });
    expect((await events(mint)).map((e) => [e.event, e.args])).toEqual([
      ["Transfer", { from: ZERO, to: BOB, value: BRIDGED_IN }],
      ["Mint", { caller: POOL, to: BOB, amount: BRIDGED_IN }],
    ]);
    supply += BRIDGED_IN;
    await events(
      as(BOB).writeContract({
        ...token(),
        functionName: "transfer",
        args: [POOL, BRIDGED_OUT],
        ...ZERO_FEES,
      }),
    );
    const burn = as(POOL).writeContract({
      ...token(),
      functionName: "bridgeBurn",
      args: [BRIDGED_OUT],
      ...ZERO_FEES,
    });
    expect((await events(burn)).map((e) => [e.event, e.args])).toEqual([
      ["Transfer", { from: POOL, to: ZERO, value: BRIDGED_OUT }],
      ["Burn", { caller: POOL, from: POOL, amount: BRIDGED_OUT }],
    ]);
    supply -= BRIDGED_OUT;
    expect([await balanceOf(BOB), await balanceOf(POOL)]).toEqual([BRIDGED_IN - BRIDGED_OUT, 0n]);
    await expectSupply();

    const revoke = as(OWNER).writeContract({
      ...token(),
      functionName: "setBridge",
      args: [POOL, false],
      ...ZERO_FEES,
    });
    expect((await events(revoke)).map((e) => [e.event, e.args])).toEqual([
      ["BridgeSet", { pool: POOL, allowed: false }],
    ]);
    const late = as(POOL).writeContract({
      ...token(),
      functionName: "bridgeMint",
      args: [BOB, 1n],
      ...ZERO_FEES,
    });
    expect(await revertOf(late)).toEqual({ name: "NotBridge", args: [POOL] });
  });

  it("supports EIP-2612 permit and transferFrom", async () => {
    const signer = privateKeyToAccount(PERMIT_KEY);
    await events(
      as(BOB).writeContract({
        ...token(),
        functionName: "transfer",
        args: [signer.address, 1_000n],
        ...ZERO_FEES,
      }),
    );
    const deadline = 2n ** 40n;
    const signature = await signer.signTypedData({
      domain: {
        name: "World Liberty Financial USD",
        version: "1",
        chainId: 1,
        verifyingContract: deployment.token,
      },
      types: { Permit: [ { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" } ] }, // prettier-ignore
      primaryType: "Permit",
      message: { owner: signer.address, spender: ALICE, value: 600n, nonce: 0n, deadline },
    });
    const { r, s, yParity } = parseSignature(signature);
    const args = [signer.address, ALICE, 600n, deadline, 27 + yParity, r, s] as const;
    const permit = as(BOB).writeContract({ ...token(), functionName: "permit", args, ...ZERO_FEES });
    expect((await events(permit)).map((e) => [e.event, e.args])).toEqual([
      ["Approval", { owner: signer.address, spender: ALICE, value: 600n }],
    ]);
    const pull = as(ALICE).writeContract({ ...token(), functionName: "transferFrom", args: [signer.address, ALICE, 600n], ...ZERO_FEES }); // prettier-ignore
    expect((await events(pull)).map((e) => [e.event, e.args])).toEqual([
      ["Transfer", { from: signer.address, to: ALICE, value: 600n }],
    ]);
    expect([await balanceOf(signer.address), await balanceOf(ALICE)]).toEqual([400n, 605n]);
    await expectSupply();
  });

  it("hands ownership over in two steps", async () => {
    const start = as(OWNER).writeContract({
      ...token(),
      functionName: "transferOwnership",
      args: [NEW_OWNER],
      ...ZERO_FEES,
    });
    expect((await events(start)).map((e) => [e.event, e.args])).toEqual([
      ["OwnershipTransferStarted", { previousOwner: OWNER, newOwner: NEW_OWNER }],
    ]);
    expect(await pc.readContract({ ...token(), functionName: "owner" })).toBe(OWNER);
    const accept = as(NEW_OWNER).writeContract({ ...token(), functionName: "acceptOwnership", ...ZERO_FEES });
    expect((await events(accept)).map((e) => [e.event, e.args])).toEqual([
      ["OwnershipTransferred", { previousOwner: OWNER, newOwner: NEW_OWNER }],
    ]);
    const oldMint = as(OWNER).writeContract({ ...token(), functionName: "mint", args: [1n], ...ZERO_FEES });
    expect(await revertOf(oldMint)).toEqual({ name: "OwnableUnauthorizedAccount", args: [OWNER] });
    await events(
      as(NEW_OWNER).writeContract({ ...token(), functionName: "mint", args: [42n], ...ZERO_FEES }),
    );
    supply += 42n;
    expect(await balanceOf(NEW_OWNER)).toBe(42n);
    await expectSupply();
  });

  it("upgrades through the ProxyAdmin and keeps state", async () => {
    const { implementation } = await deployUsd1Implementation({
      rpcUrl: node.rpcUrl,
      chainId: 1,
      deployer: DEPLOYER,
    });
    expect(implementation).not.toBe(deployment.implementation);
    const admin = { address: deployment.proxyAdmin, abi: proxyAdminAbi } as const;
    const args = [deployment.token, implementation, "0x"] as const;
    const denied = as(NEW_OWNER).writeContract({
      ...admin,
      functionName: "upgradeAndCall",
      args,
      ...ZERO_FEES,
    });
    expect(await revertOf(denied)).toEqual({ name: "OwnableUnauthorizedAccount", args: [NEW_OWNER] });
    const upgrade = as(OWNER).writeContract({ ...admin, functionName: "upgradeAndCall", args, ...ZERO_FEES });
    expect(await events(upgrade)).toEqual([
      { address: deployment.token, event: "Upgraded", args: { implementation } },
    ]);
    expect((await readProxySlots(pc, deployment.token)).implementation).toBe(implementation);
    expect(await pc.readContract({ ...token(), functionName: "owner" })).toBe(NEW_OWNER);
    expect(await balanceOf(OWNER)).toBe(MINTED - BURNED - 5n);
    await expectSupply();
  });
});
