/**
 * USD1 as deployed on mainnet (DOMAIN.md §1b): the V1 token behind a transparent proxy, owned by a
 * TokenGovernor with roles, then upgraded in place to V2 (`Initialized(2)`).
 *
 * Order (all from fixed accounts, so the same deployer at the same nonces gives the same token and
 * governor addresses on every chain): V1 implementation (nonce n), proxy initialised with the deployer as
 * owner (n + 1), governor (n + 2), token.transferOwnership(governor) (n + 3), governor.acceptTokenOwnership
 * by the admin, role grants by the admin, V2 implementation (n + 4), ProxyAdmin.upgradeAndCall(initializeV2)
 * by the deployer (the ProxyAdmin's owner: upgrades are a separate key from the governor, as on mainnet).
 */
import {
  encodeFunctionData,
  getAddress,
  getContractAddress,
  keccak256,
  toHex,
  type Address,
  type Hash,
} from "viem";
import {
  governorAbi,
  governorBytecode,
  proxyAdminAbi,
  usd1Abi,
  usd1V2Abi,
} from "@/lib/demo/contracts/usd1-abi";
import { GOVERNOR_ROLE_NAMES } from "@/lib/indexer/abi";
import {
  confirm,
  deployUsd1,
  deployUsd1Implementation,
  impersonatedWalletClient,
  localPublicClient,
  ZERO_FEES,
  type DeployUsd1Params,
  type Usd1Deployment,
} from "./deploy";

export type GovernorRole = (typeof GOVERNOR_ROLE_NAMES)[number];

export type DeployGovernedParams = Omit<DeployUsd1Params, "owner"> & {
  /** The governor's default admin (grants roles, drains, executes token functions). */
  admin: Address;
  /** Role holders granted by the admin right after deployment. */
  roles: Partial<Record<GovernorRole, readonly Address[]>>;
};

export type GovernedDeployment = Usd1Deployment & {
  governor: Address;
  implementationV1: Address;
  /** Block of the upgrade to V2 (Upgraded + Initialized(2)). */
  upgradeBlock: bigint;
};

export const roleId = (role: GovernorRole): Hash => keccak256(toHex(role));

/** The governor's address for a deployer whose next nonce is `nonce` before deployUsd1WithGovernor. */
export function expectedGovernorAddress(deployer: Address, nonce = 0n): Address {
  return getContractAddress({ from: deployer, nonce: nonce + 2n });
}

export async function deployUsd1WithGovernor(p: DeployGovernedParams): Promise<GovernedDeployment> {
  const client = localPublicClient(p.rpcUrl, p.chainId);
  const asDeployer = impersonatedWalletClient(p.rpcUrl, p.chainId, p.deployer);
  const asAdmin = impersonatedWalletClient(p.rpcUrl, p.chainId, p.admin);
  const errors = [...governorAbi, ...usd1Abi, ...proxyAdminAbi];
  const send = async (what: string, from: typeof asDeployer, to: Address, data: `0x${string}`) =>
    confirm(
      client,
      await from.sendTransaction({ to, data, account: from.account, chain: from.chain, ...ZERO_FEES }),
      what,
      errors,
    );

  const v1 = await deployUsd1({ ...p, owner: p.deployer });
  const governorHash = await asDeployer.deployContract({
    abi: governorAbi,
    bytecode: governorBytecode,
    args: [v1.token, 0, p.admin],
    ...ZERO_FEES,
  });
  const governorReceipt = await confirm(client, governorHash, "TokenGovernor deployment", errors);
  if (!governorReceipt.contractAddress) throw new Error("governor deployment returned no contract address");
  const governor = getAddress(governorReceipt.contractAddress);

  await send(
    "USD1.transferOwnership(governor)",
    asDeployer,
    v1.token,
    encodeFunctionData({ abi: usd1Abi, functionName: "transferOwnership", args: [governor] }),
  );
  await send(
    "governor.acceptTokenOwnership",
    asAdmin,
    governor,
    encodeFunctionData({ abi: governorAbi, functionName: "acceptTokenOwnership" }),
  );
  for (const role of GOVERNOR_ROLE_NAMES) {
    for (const holder of p.roles[role] ?? []) {
      const data = encodeFunctionData({
        abi: governorAbi,
        functionName: "grantRole",
        args: [roleId(role), holder],
      });
      await send(`governor.grantRole(${role}, ${holder})`, asAdmin, governor, data);
    }
  }

  const { implementation } = await deployUsd1Implementation({ ...p, version: 2 });
  const upgrade = await send(
    "proxyAdmin.upgradeAndCall(USD1 V2, initializeV2)",
    asDeployer,
    v1.proxyAdmin,
    encodeFunctionData({
      abi: proxyAdminAbi,
      functionName: "upgradeAndCall",
      args: [v1.token, implementation, encodeFunctionData({ abi: usd1V2Abi, functionName: "initializeV2" })],
    }),
  );
  return {
    ...v1,
    governor,
    implementationV1: v1.implementation,
    implementation,
    upgradeBlock: upgrade.blockNumber,
  };
}
