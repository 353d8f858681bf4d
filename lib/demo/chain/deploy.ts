/**
 * Deploys the local USD1 test token behind an OpenZeppelin 5 transparent proxy on an anvil node.
 *
 * Deterministic by construction: plain CREATE from the deployer, implementation at nonce n and proxy at
 * nonce n + 1, so the same deployer at the same nonce gives the same token address on every chain
 * (as the real USD1 has on Ethereum and BNB Chain). The proxy deploys its own ProxyAdmin (CREATE from the
 * proxy at nonce 1), so that address is deterministic too.
 */
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  getAddress,
  getContract,
  http,
  parseEventLogs,
  sliceHex,
  type Abi,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import {
  governorAbi,
  proxyAbi,
  proxyAdminAbi,
  proxyBytecode,
  usd1Abi,
  usd1Bytecode,
  usd1V2Abi,
  usd1V2Bytecode,
} from "@/lib/demo/contracts/usd1-abi";
import { revertReason } from "./revert-of";

export type DeployUsd1Params = { rpcUrl: string; chainId: number; deployer: Address; owner: Address };
export type Usd1Deployment = {
  token: Address;
  implementation: Address;
  proxyAdmin: Address;
  /** Block of the proxy deployment: the first block an indexer must scan. */
  deployBlock: bigint;
};

/**
 * Explicit zero fees for every transaction sent to our anvil nodes. Anvil fills a missing tip with 1 gwei
 * (even with --disable-min-priority-fee), which an unfunded impersonated sender cannot pay.
 */
export const ZERO_FEES = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } as const;

/** EIP-1967 storage slots of a transparent proxy. */
export const EIP1967_IMPLEMENTATION_SLOT =
  "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
export const EIP1967_ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";

export function localChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: `local-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** No block-number cache (viem's 4 s default hides fresh anvil blocks) and fast receipt polling. */
export function localPublicClient(rpcUrl: string, chainId: number): PublicClient {
  return createPublicClient({
    chain: localChain(chainId, rpcUrl),
    transport: http(rpcUrl),
    cacheTime: 0,
    pollingInterval: 50,
  });
}

/** A wallet that sends as `account` through anvil's --auto-impersonate (no key needed). */
export function impersonatedWalletClient(rpcUrl: string, chainId: number, account: Address) {
  return createWalletClient({ chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), account });
}

export function usd1Contract(client: PublicClient | WalletClient, address: Address) {
  return getContract({ address, abi: usd1Abi, client });
}

export function usd1V2Contract(client: PublicClient | WalletClient, address: Address) {
  return getContract({ address, abi: usd1V2Abi, client });
}

export function governorContract(client: PublicClient | WalletClient, address: Address) {
  return getContract({ address, abi: governorAbi, client });
}

export function proxyAdminContract(client: PublicClient | WalletClient, address: Address) {
  return getContract({ address, abi: proxyAdminAbi, client });
}

/** Reads the implementation and admin addresses straight from the proxy's EIP-1967 slots. */
export async function readProxySlots(client: PublicClient, token: Address) {
  const read = async (slot: Hash) => {
    const word = await client.getStorageAt({ address: token, slot });
    return getAddress(sliceHex(word ?? "0x", 12, 32, { strict: false }));
  };
  return { implementation: await read(EIP1967_IMPLEMENTATION_SLOT), admin: await read(EIP1967_ADMIN_SLOT) };
}

type GetAutomine = { method: "anvil_getAutomine"; Parameters: []; ReturnType: boolean };
type EvmMine = { method: "evm_mine"; Parameters: []; ReturnType: string };

/**
 * Waits for a receipt and fails on a revert, naming the transaction (`what`, e.g. "market: LP mint")
 * and saying why from its call trace (revertReason). If the caller switched automine off, mines one
 * block first: deployment must not hang waiting for somebody else's evm_mine.
 */
export async function confirm(
  client: PublicClient,
  hash: Hash,
  what = "transaction",
  errors: Abi = [],
): Promise<TransactionReceipt> {
  const automine = await client.request<GetAutomine>({ method: "anvil_getAutomine", params: [] });
  if (!automine) await client.request<EvmMine>({ method: "evm_mine", params: [] });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== "success") {
    const tx = await client.getTransaction({ hash });
    const why = (await revertReason(client, hash, errors)) ?? "no trace";
    throw new Error(
      `${what} reverted: ${hash} in block ${receipt.blockNumber}, gas ${receipt.gasUsed} used of ${tx.gas}: ${why}`,
    );
  }
  return receipt;
}

/**
 * Gas limit for a deployment transaction: the node's estimate plus a quarter. Anvil's estimate is the
 * exact minimum for the block it simulates, at its own clock's second; a transaction whose cost depends
 * on the block it lands in then runs out of gas when mined a second later. The demo's LP mint is one:
 * a Uniswap v3 pool writes an oracle observation only in a new second (+4,468 gas on 315,043, so
 * 310,903 used of the limit when it reverted).
 */
export function gasWithHeadroom(estimate: bigint): bigint {
  return estimate + estimate / 4n;
}

/**
 * Sends one transaction from an impersonated account with an explicit gas limit (gasWithHeadroom) and
 * waits for it (confirm). `to` undefined deploys `data`. Errors name the transaction: `what`.
 */
export async function sendAndConfirm(
  client: PublicClient,
  tx: { rpcUrl: string; chainId: number; from: Address; to?: Address; data: Hex; what: string; errors?: Abi },
): Promise<TransactionReceipt> {
  let estimate: bigint;
  try {
    estimate = await client.estimateGas({ account: tx.from, to: tx.to, data: tx.data, ...ZERO_FEES });
  } catch (err) {
    const reason = err instanceof BaseError ? err.shortMessage : String(err);
    throw new Error(`${tx.what} would revert (gas estimate from ${tx.from}): ${reason}`, { cause: err });
  }
  const wallet = impersonatedWalletClient(tx.rpcUrl, tx.chainId, tx.from);
  const hash = await wallet.sendTransaction({
    to: tx.to,
    data: tx.data,
    account: tx.from,
    chain: wallet.chain,
    gas: gasWithHeadroom(estimate),
    ...ZERO_FEES,
  });
  return confirm(client, hash, tx.what, tx.errors);
}

/** Deploys a fresh USD1Token implementation (V1 unless told otherwise; also used to test upgrades). */
export async function deployUsd1Implementation(
  params: Omit<DeployUsd1Params, "owner"> & { version?: 1 | 2 },
) {
  const publicClient = localPublicClient(params.rpcUrl, params.chainId);
  const wallet = impersonatedWalletClient(params.rpcUrl, params.chainId, params.deployer);
  const hash =
    params.version === 2
      ? await wallet.deployContract({ abi: usd1V2Abi, bytecode: usd1V2Bytecode, ...ZERO_FEES })
      : await wallet.deployContract({ abi: usd1Abi, bytecode: usd1Bytecode, ...ZERO_FEES });
  const receipt = await confirm(
    publicClient,
    hash,
    `USD1 V${params.version ?? 1} implementation deployment by ${params.deployer}`,
    usd1Abi,
  );
  if (!receipt.contractAddress) throw new Error("implementation deployment returned no contract address");
  return { implementation: getAddress(receipt.contractAddress), receipt };
}

export async function deployUsd1(params: DeployUsd1Params): Promise<Usd1Deployment> {
  const publicClient = localPublicClient(params.rpcUrl, params.chainId);
  const wallet = impersonatedWalletClient(params.rpcUrl, params.chainId, params.deployer);
  const { implementation } = await deployUsd1Implementation(params);

  const initData = encodeFunctionData({ abi: usd1Abi, functionName: "initialize", args: [params.owner] });
  // The ProxyAdmin's owner is the token owner: the same governance key controls upgrades.
  const hash = await wallet.deployContract({
    abi: proxyAbi,
    bytecode: proxyBytecode,
    args: [implementation, params.owner, initData],
    ...ZERO_FEES,
  });
  const receipt = await confirm(publicClient, hash, `USD1 proxy deployment by ${params.deployer}`, [
    ...proxyAbi,
    ...usd1Abi,
  ]);
  if (!receipt.contractAddress) throw new Error("proxy deployment returned no contract address");
  const token = getAddress(receipt.contractAddress);

  const [adminChanged] = parseEventLogs({ abi: proxyAbi, eventName: "AdminChanged", logs: receipt.logs });
  if (!adminChanged) throw new Error("proxy deployment emitted no AdminChanged event");
  return {
    token,
    implementation,
    proxyAdmin: getAddress(adminChanged.args.newAdmin),
    deployBlock: receipt.blockNumber,
  };
}
