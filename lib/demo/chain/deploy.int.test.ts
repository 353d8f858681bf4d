import {
  encodeFunctionData,
  getAddress,
  parseAbi,
  parseEventLogs,
  parseSignature,
  parseUnits,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Log,
  type PublicClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revertOf as revertOfTx } from "./revert-of";
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
]);
const ERRORS_ABI = [...usd1Abi, ...proxyAdminAbi].filter((item) => item.type === "error");

const ZERO = getAddress("0x0000000000000000000000000000000000000000");
const DEPLOYER = getAddress("0x00000000000000000000000000000000000d3910");
const OWNER = getAddress("0x000000000000000000000000000000000000a11c");
const NEW_OWNER = getAddress("0x000000000000000000000000000000000000b0b0");
const ALICE = getAddress("0x1000000000000000000000000000000000000001");
const BOB = getAddress("0x2000000000000000000000000000000000000002");
const PERMIT_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

const PERMIT_FIELDS = [
  { name: "owner", type: "address" },
  { name: "spender", type: "address" },
  { name: "value", type: "uint256" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
] as const;

const MINTED = parseUnits("1000000", 18) + 1n;
const TO_ALICE = parseUnits("250000.123456789012345678", 18);
const BURNED = parseUnits("100", 18) + 7n;

const nodes: AnvilNode[] = [];
let node: AnvilNode;
let pc: PublicClient;
let deployment: Usd1Deployment;
let supply = 0n;

/** Every log must come from the token and match a DOMAIN.md signature; returns [event, args] pairs. */
function decode(logs: Log[]) {
  const events = parseEventLogs({ abi: DOMAIN_EVENTS, logs, strict: true });
  expect(events).toHaveLength(logs.length);
  for (const e of events) expect(getAddress(e.address)).toBe(deployment.token);
  return events.map((e) => [e.eventName, e.args]);
}

type Write = ContractFunctionName<typeof usd1Abi, "nonpayable">;
type Args<F extends Write> = ContractFunctionArgs<typeof usd1Abi, "nonpayable", F>;

/** Sends a token call as `from` (impersonated, zero fees). Callers await each send: one nonce at a time. */
function send<F extends Write>(from: Address, functionName: F, args: Args<F>): Promise<Hash> {
  const data = encodeFunctionData({ abi: usd1Abi, functionName, args } as Parameters<
    typeof encodeFunctionData
  >[0]);
  const wallet = impersonatedWalletClient(node.rpcUrl, node.chainId, from);
  return wallet.sendTransaction({ to: deployment.token, data, ...ZERO_FEES });
}

async function events(sent: Promise<Hash>) {
  return decode((await confirm(pc, await sent)).logs);
}

const revertOf = (sent: Promise<Hash>) => revertOfTx(pc, ERRORS_ABI, sent);

const token = () => ({ address: deployment.token, abi: usd1Abi }) as const;
const balanceOf = (account: Address) =>
  pc.readContract({ ...token(), functionName: "balanceOf", args: [account] });
const ownerOf = () => pc.readContract({ ...token(), functionName: "owner" });
const expectSupply = async () =>
  expect(await pc.readContract({ ...token(), functionName: "totalSupply" })).toBe(supply);

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
    const bnbClient = localPublicClient(bnb.rpcUrl, 56);
    // Manual mining on this node: deployUsd1 must mine its own blocks rather than hang.
    await bnbClient.request<{ method: "evm_setAutomine"; Parameters: [boolean]; ReturnType: null }>({
      method: "evm_setAutomine",
      params: [false],
    });
    const other = await deployUsd1({ rpcUrl: bnb.rpcUrl, chainId: 56, deployer: DEPLOYER, owner: OWNER });
    expect([await pc.getChainId(), await bnbClient.getChainId()]).toEqual([1, 56]);
    expect(other).toEqual(deployment);
  });

  it("emits the proxy and initialization events and wires the EIP-1967 slots", async () => {
    const logs = await pc.getLogs({ address: deployment.token, fromBlock: deployment.deployBlock });
    expect(decode(logs)).toEqual([
      ["Upgraded", { implementation: deployment.implementation }],
      ["OwnershipTransferred", { previousOwner: ZERO, newOwner: OWNER }],
      ["Initialized", { version: 1n }],
      ["AdminChanged", { previousAdmin: ZERO, newAdmin: deployment.proxyAdmin }],
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
    expect(await ownerOf()).toBe(OWNER);
    await expectSupply();
  });
});

// V1 with a plain account as owner (the governor's own tests are in deploy-governed.int.test.ts).
describe("USD1Token", () => {
  it("mints to and burns from the owner's own balance", async () => {
    expect(await events(send(OWNER, "mint", [MINTED]))).toEqual([
      ["Transfer", { from: ZERO, to: OWNER, value: MINTED }],
      ["Mint", { caller: OWNER, to: OWNER, amount: MINTED }],
    ]);
    supply += MINTED;
    expect(await events(send(OWNER, "burn", [BURNED]))).toEqual([
      ["Transfer", { from: OWNER, to: ZERO, value: BURNED }],
      ["Burn", { caller: OWNER, from: OWNER, amount: BURNED }],
    ]);
    supply -= BURNED;
    expect(await balanceOf(OWNER)).toBe(MINTED - BURNED);
    await expectSupply();
  });

  it("refuses owner functions to anyone else", async () => {
    expect(await revertOf(send(ALICE, "mint", [1n]))).toEqual(["OwnableUnauthorizedAccount", [ALICE]]);
    expect(await revertOf(send(ALICE, "burn", [1n]))).toEqual(["OwnableUnauthorizedAccount", [ALICE]]);
    expect(await revertOf(send(ALICE, "freeze", [BOB]))).toEqual(["OwnableUnauthorizedAccount", [ALICE]]);
    expect(await revertOf(send(BOB, "pause", []))).toEqual(["OwnableUnauthorizedAccount", [BOB]]);
  });

  it("blocks transfers from and to a frozen account; repeated freeze and unfreeze do not revert", async () => {
    await events(send(OWNER, "transfer", [ALICE, TO_ALICE]));
    expect(await events(send(OWNER, "freeze", [ALICE]))).toEqual([
      ["Freeze", { caller: OWNER, account: ALICE }],
    ]);
    expect(await pc.readContract({ ...token(), functionName: "frozen", args: [ALICE] })).toBe(true);
    expect(await events(send(OWNER, "freeze", [ALICE]))).toEqual([
      ["Freeze", { caller: OWNER, account: ALICE }],
    ]);
    expect(await revertOf(send(ALICE, "transfer", [BOB, 1n]))).toEqual(["AccountFrozen", [ALICE]]);
    expect(await revertOf(send(OWNER, "transfer", [ALICE, 1n]))).toEqual(["AccountFrozen", [ALICE]]);

    expect(await events(send(OWNER, "unfreeze", [ALICE]))).toEqual([
      ["Unfreeze", { caller: OWNER, account: ALICE }],
    ]);
    expect(await events(send(OWNER, "unfreeze", [ALICE]))).toEqual([
      ["Unfreeze", { caller: OWNER, account: ALICE }],
    ]);
    await events(send(OWNER, "transfer", [ALICE, 5n]));
    expect(await balanceOf(ALICE)).toBe(TO_ALICE + 5n);
    await expectSupply();
  });

  it("stops every transfer, mint and burn while paused", async () => {
    expect(await events(send(OWNER, "pause", []))).toEqual([["Paused", { account: OWNER }]]);
    const paused = ["EnforcedPause", []];
    expect(await revertOf(send(OWNER, "transfer", [BOB, 1n]))).toEqual(paused);
    expect(await revertOf(send(OWNER, "mint", [1n]))).toEqual(paused);
    expect(await revertOf(send(OWNER, "burn", [1n]))).toEqual(paused);
    expect(await revertOf(send(OWNER, "pause", []))).toEqual(paused);
    expect(await events(send(OWNER, "unpause", []))).toEqual([["Unpaused", { account: OWNER }]]);
    await expectSupply();
  });

  it("supports EIP-2612 permit and transferFrom", async () => {
    const signer = privateKeyToAccount(PERMIT_KEY);
    await events(send(OWNER, "transfer", [signer.address, 1_000n]));
    const deadline = 2n ** 40n;
    const { r, s, yParity } = parseSignature(
      await signer.signTypedData({
        domain: {
          name: "World Liberty Financial USD",
          version: "1",
          chainId: 1,
          verifyingContract: deployment.token,
        },
        types: { Permit: PERMIT_FIELDS },
        primaryType: "Permit",
        message: { owner: signer.address, spender: ALICE, value: 600n, nonce: 0n, deadline },
      }),
    );
    expect(
      await events(send(BOB, "permit", [signer.address, ALICE, 600n, deadline, 27 + yParity, r, s])),
    ).toEqual([["Approval", { owner: signer.address, spender: ALICE, value: 600n }]]);
    expect(await events(send(ALICE, "transferFrom", [signer.address, ALICE, 600n]))).toEqual([
      ["Transfer", { from: signer.address, to: ALICE, value: 600n }],
    ]);
    expect([await balanceOf(signer.address), await balanceOf(ALICE)]).toEqual([400n, TO_ALICE + 605n]);
    await expectSupply();
  });

  it("hands ownership over in two steps", async () => {
    expect(await events(send(OWNER, "transferOwnership", [NEW_OWNER]))).toEqual([
      ["OwnershipTransferStarted", { previousOwner: OWNER, newOwner: NEW_OWNER }],
    ]);
    expect(await ownerOf()).toBe(OWNER);
    expect(await revertOf(send(BOB, "acceptOwnership", []))).toEqual(["OwnableUnauthorizedAccount", [BOB]]);
    expect(await events(send(NEW_OWNER, "acceptOwnership", []))).toEqual([
      ["OwnershipTransferred", { previousOwner: OWNER, newOwner: NEW_OWNER }],
    ]);
    expect(await revertOf(send(OWNER, "mint", [1n]))).toEqual(["OwnableUnauthorizedAccount", [OWNER]]);
    await events(send(NEW_OWNER, "mint", [42n]));
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
    const upgrade = (from: Address) =>
      impersonatedWalletClient(node.rpcUrl, 1, from).writeContract({
        address: deployment.proxyAdmin,
        abi: proxyAdminAbi,
        functionName: "upgradeAndCall",
        args: [deployment.token, implementation, "0x"],
        ...ZERO_FEES,
      });
    // The ProxyAdmin stays with the deploy-time owner: a token ownership change does not move upgrade rights.
    expect(await revertOf(upgrade(NEW_OWNER))).toEqual(["OwnableUnauthorizedAccount", [NEW_OWNER]]);
    expect(await events(upgrade(OWNER))).toEqual([["Upgraded", { implementation }]]);
    expect((await readProxySlots(pc, deployment.token)).implementation).toBe(implementation);
    expect(await ownerOf()).toBe(NEW_OWNER);
    expect(await balanceOf(OWNER)).toBe(MINTED - BURNED - TO_ALICE - 5n - 1_000n);
    await expectSupply();
  });
});
