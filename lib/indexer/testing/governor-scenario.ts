// USD1 owned by a TokenGovernor, as on mainnet, driven through every governor flow, with the
// token_events rows the indexer must write for each block written out by hand from the contracts'
// code (DOMAIN.md §1b): the test's ground truth is this file, never the indexer's own decoder.
import { encodeFunctionData, getAddress, type Abi, type Address, type Hex } from "viem";
import type { TokenEventKind } from "@/db/schema";
import type { AnvilNode } from "@/lib/demo/chain/anvil";
import { confirm, impersonatedWalletClient, localPublicClient, ZERO_FEES } from "@/lib/demo/chain/deploy";
import { deployUsd1WithGovernor, roleId, type GovernedDeployment } from "@/lib/demo/chain/deploy-governed";
import { governorAbi, governorBytecode, usd1V2Abi } from "@/lib/demo/contracts/usd1-abi";
import { GOVERNOR_ROLE_NAMES } from "../abi";

const a = (s: string) => s.toLowerCase() as Address;
export const ACCOUNTS = {
  deployer: a("0x00000000000000000000000000000000000d3a01"),
  admin: a("0x000000000000000000000000000000000000ad11"),
  minter: a("0x000000000000000000000000000000000000a111"),
  burner: a("0x000000000000000000000000000000000000a112"),
  freezer: a("0x000000000000000000000000000000000000a113"),
  pauser: a("0x000000000000000000000000000000000000a114"),
  pool: a("0x36a72eD0096B414521C45E3ddC9ed657d1D9c141"),
  deployer2: a("0x00000000000000000000000000000000000d3a02"),
  admin2: a("0x000000000000000000000000000000000000ad22"),
  minter2: a("0x000000000000000000000000000000000000a221"),
  alice: a("0x1000000000000000000000000000000000000a01"),
  bob: a("0x1000000000000000000000000000000000000a02"),
  carol: a("0x1000000000000000000000000000000000000a03"),
  dave: a("0x1000000000000000000000000000000000000a04"),
  erin: a("0x1000000000000000000000000000000000000a05"),
  frank: a("0x1000000000000000000000000000000000000a06"),
  grace: a("0x1000000000000000000000000000000000000a07"),
  hank: a("0x1000000000000000000000000000000000000a08"),
};
const ZERO = a("0x0000000000000000000000000000000000000000");
const E18 = 10n ** 18n;

/** [kind, emitter, actor, subject, counterparty, amount] of one token_events row. */
export type Row = [TokenEventKind, Address, Address | null, Address | null, Address | null, bigint | null];
type Totals = Record<"mint" | "burn" | "transfer", { count: number; sum: bigint }>;

export type Scenario = {
  rpcUrl: string;
  chainId: number;
  d: GovernedDeployment;
  token: Address;
  g1: Address;
  /** Rows by block (one transaction a block: anvil automines), in log order. */
  expected: Map<bigint, Row[]>;
  totals: Totals;
  send: (from: Address, to: Address, abi: Abi, fn: string, args: readonly unknown[]) => Promise<bigint>;
};

/** Deploys V1 behind its proxy, G1 with roles, hands the token to G1 and upgrades to V2. */
export async function deployScenario(node: AnvilNode, chainId: number): Promise<Scenario> {
  const x = ACCOUNTS;
  const d = await deployUsd1WithGovernor({
    rpcUrl: node.rpcUrl,
    chainId,
    deployer: getAddress(x.deployer),
    admin: getAddress(x.admin),
    roles: {
      MINTER_ROLE: [getAddress(x.minter)],
      BURNER_ROLE: [getAddress(x.burner)],
      BRIDGE_MINTER_OR_BURNER_ROLE: [getAddress(x.pool)],
      FREEZER_ROLE: [getAddress(x.freezer)],
      UNFREEZER_ROLE: [getAddress(x.freezer)],
      PAUSER_ROLE: [getAddress(x.pauser)],
      UNPAUSER_ROLE: [getAddress(x.pauser)],
    },
  });
  const token = a(d.token);
  const g1 = a(d.governor);
  const client = localPublicClient(node.rpcUrl, chainId);
  const expected = new Map<bigint, Row[]>();
  const b = d.deployBlock;
  // One transaction a block from the proxy on: proxy, governor, transferOwnership, accept, 7 grants,
  // V2 implementation, upgrade.
  if (d.upgradeBlock !== b + 12n)
    throw new Error(`unexpected deployment layout: upgrade at ${d.upgradeBlock}`);
  expected.set(b, [
    ["upgraded", token, null, a(d.implementationV1), null, null],
    ["ownership_transferred", token, null, x.deployer, ZERO, null],
    ["initialized", token, null, null, null, null],
    ["admin_changed", token, null, a(d.proxyAdmin), ZERO, null],
  ]);
  // The governor's constructor grants the default admin role: a G1 event from before it owned the token.
  expected.set(b + 1n, [["role_granted", g1, x.deployer, x.admin, null, null]]);
  expected.set(b + 2n, [["ownership_transfer_started", token, null, g1, x.deployer, null]]);
  expected.set(b + 3n, [
    ["ownership_transferred", token, null, g1, x.deployer, null],
    ["ownership_accepted", g1, x.admin, null, null, null],
  ]);
  const holders = [x.minter, x.burner, x.pool, x.freezer, x.freezer, x.pauser, x.pauser];
  GOVERNOR_ROLE_NAMES.forEach((_, i) =>
    expected.set(b + 4n + BigInt(i), [["role_granted", g1, x.admin, holders[i] ?? null, null, null]]),
  );
  expected.set(d.upgradeBlock, [
    ["upgraded", token, null, a(d.implementation), null, null],
    ["initialized", token, null, null, null, null],
  ]);
  const send: Scenario["send"] = async (from, to, abi, fn, args) => {
    const wallet = impersonatedWalletClient(node.rpcUrl, chainId, getAddress(from));
    const data = encodeFunctionData({ abi, functionName: fn, args } as never) as Hex;
    const hash = await wallet.sendTransaction({
      to,
      data,
      account: wallet.account,
      chain: wallet.chain,
      ...ZERO_FEES,
    });
    return (await confirm(client, hash)).blockNumber;
  };
  const totals: Totals = {
    mint: { count: 0, sum: 0n },
    burn: { count: 0, sum: 0n },
    transfer: { count: 0, sum: 0n },
  };
  return { rpcUrl: node.rpcUrl, chainId, d, token, g1, expected, totals, send };
}

const add = (t: Totals, kind: keyof Totals, amount: bigint) => {
  t[kind].count++;
  t[kind].sum += amount;
};

/** Issuer and bridge mints and burns, freeze, drain, reallocate, recovery, pause, role changes: all via G1. */
export async function governorActivity(s: Scenario): Promise<void> {
  const { token, g1, expected: e, totals: t } = s;
  const x = ACCOUNTS;
  const gov = governorAbi as Abi;
  const mint = async (by: Address, fn: "mint" | "bridgeMint", to: Address, amount: bigint) => {
    const block = await s.send(by, g1, gov, fn, [to, amount]);
    e.set(block, [
      ["issuer_mint", token, g1, g1, null, amount],
      [fn === "mint" ? "native_mint" : "bridge_mint", g1, by, to, null, amount],
    ]);
    add(t, "mint", amount);
    add(t, "transfer", amount);
  };
  const burn = async (by: Address, fn: "burn" | "bridgeBurn", from: Address, amount: bigint) => {
    await s.send(from, token, usd1V2Abi as Abi, "approve", [g1, amount]); // Approval: not indexed
    const block = await s.send(by, g1, gov, fn, [from, amount]);
    e.set(block, [
      ["issuer_burn", token, g1, g1, null, amount],
      [fn === "burn" ? "native_burn" : "bridge_burn", g1, by, from, null, amount],
    ]);
    add(t, "transfer", amount);
    add(t, "burn", amount);
  };
  const freeze = async (account: Address) => {
    const block = await s.send(x.freezer, g1, gov, "freeze", [account]);
    e.set(block, [
      ["freeze", token, g1, account, null, null],
      ["account_frozen", g1, x.freezer, account, null, null],
    ]);
  };
  const one = async (by: Address, fn: string, args: readonly unknown[], rows: Row[]) =>
    e.set(await s.send(by, g1, gov, fn, args), rows);

  await mint(x.minter, "mint", x.alice, 1_000n * E18 + 1n);
  await mint(x.pool, "bridgeMint", x.bob, 500n * E18 + 2n);
  await burn(x.burner, "burn", x.alice, 120n * E18 + 3n);
  await burn(x.pool, "bridgeBurn", x.bob, 80n * E18 + 4n);

  const drained = 40n * E18 + 5n;
  await mint(x.minter, "mint", x.carol, drained);
  await freeze(x.carol);
  await one(
    x.admin,
    "drain",
    [x.carol],
    [
      ["frozen_account_drained", token, g1, x.carol, null, drained],
      ["governor_account_drained", g1, x.admin, x.carol, null, null],
    ],
  );
  add(t, "transfer", drained);

  const seized = 25n * E18 + 6n;
  await mint(x.minter, "mint", x.dave, seized);
  await freeze(x.dave);
  const reallocate = encodeFunctionData({
    abi: usd1V2Abi,
    functionName: "reallocate",
    args: [x.dave, x.erin, seized],
  });
  await one(
    x.admin,
    "executeTokenFunction",
    [reallocate],
    [
      ["frozen_funds_reallocated", token, g1, x.dave, x.erin, seized],
      ["token_function_executed", g1, x.admin, x.dave, x.erin, seized],
    ],
  );
  add(t, "transfer", seized);

  // The drained balance sits with G1 (the owner) until the admin pays it out.
  await one(
    x.admin,
    "recoverGovernedTokens",
    [x.grace, drained],
    [["governed_tokens_recovered", g1, x.admin, x.grace, null, drained]],
  );
  add(t, "transfer", drained);

  await one(
    x.pauser,
    "pause",
    [],
    [
      ["pause", token, g1, null, null, null],
      ["contract_paused", g1, x.pauser, null, null, null],
    ],
  );
  await one(
    x.pauser,
    "unpause",
    [],
    [
      ["unpause", token, g1, null, null, null],
      ["contract_unpaused", g1, x.pauser, null, null, null],
    ],
  );
  await one(
    x.admin,
    "grantRole",
    [roleId("PAUSER_ROLE"), x.frank],
    [["role_granted", g1, x.admin, x.frank, null, null]],
  );
  await one(
    x.admin,
    "revokeRole",
    [roleId("PAUSER_ROLE"), x.frank],
    [["role_revoked", g1, x.admin, x.frank, null, null]],
  );
}

/**
 * A second governor takes over: deployed and given a minter before the handover (events the indexer
 * must still find once it follows the owner), then G1 hands the token over and G2 mints.
 */
export async function handOver(
  s: Scenario,
  /** Runs once G2 exists and has its minter, before G1 hands the token over. */
  beforeHandover?: () => Promise<unknown>,
): Promise<{ g2: Address; acceptBlock: bigint }> {
  const { token, g1, expected: e } = s;
  const x = ACCOUNTS;
  const wallet = impersonatedWalletClient(s.rpcUrl, s.chainId, getAddress(x.deployer2));
  const hash = await wallet.deployContract({
    abi: governorAbi,
    bytecode: governorBytecode,
    args: [getAddress(token), 0, getAddress(x.admin2)],
    ...ZERO_FEES,
  });
  const receipt = await confirm(localPublicClient(s.rpcUrl, s.chainId), hash);
  if (!receipt.contractAddress) throw new Error("second governor not deployed");
  const g2 = a(receipt.contractAddress);
  const gov = governorAbi as Abi;
  e.set(receipt.blockNumber, [["role_granted", g2, x.deployer2, x.admin2, null, null]]);
  e.set(await s.send(x.admin2, g2, gov, "grantRole", [roleId("MINTER_ROLE"), x.minter2]), [
    ["role_granted", g2, x.admin2, x.minter2, null, null],
  ]);
  await beforeHandover?.();
  e.set(await s.send(x.admin, g1, gov, "transferTokenOwnership", [g2]), [
    ["ownership_transfer_started", token, null, g2, g1, null],
    ["governor_ownership_transferred", g1, x.admin, g2, null, null],
  ]);
  const acceptBlock = await s.send(x.admin2, g2, gov, "acceptTokenOwnership", []);
  e.set(acceptBlock, [
    ["ownership_transferred", token, null, g2, g1, null],
    ["ownership_accepted", g2, x.admin2, null, null, null],
  ]);
  const amount = 70n * E18 + 7n;
  e.set(await s.send(x.minter2, g2, gov, "mint", [x.hank, amount]), [
    ["issuer_mint", token, g2, g2, null, amount],
    ["native_mint", g2, x.minter2, x.hank, null, amount],
  ]);
  add(s.totals, "mint", amount);
  add(s.totals, "transfer", amount);
  return { g2, acceptBlock };
}
