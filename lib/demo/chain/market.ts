// Deploys a chain's demo market (issue #17) as the plan expects it: the real Uniswap v3 factory
// from @uniswap/v3-core's compiled artifacts (its pool bytecode inside), the 0.01% fee tier
// enabled, the USD1/USDT pool created and initialised, the LP's quote-only position minted; the
// demo quote token, router and (on the feed chain) the reserve feed. Addresses are checked
// against the plan's, so a plan and its chain can never disagree silently.
import { createRequire } from "node:module";
import { encodeFunctionData, maxUint256, type Abi, type Address, type Hex } from "viem";
import {
  demoPoolRouterAbi,
  demoPoolRouterBytecode,
  demoQuoteTokenAbi,
  demoQuoteTokenBytecode,
  demoReserveFeedAbi,
  demoReserveFeedBytecode,
} from "@/lib/demo/contracts/market/market-abi";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { DEMO_USD1, MARKET_DEPLOYER } from "../market/addresses";
import { sqrtRatioAtTick } from "../market/tick-math";
import type { PoolDeployment, ReserveFeedDeployment } from "../market/types";
import { confirm, impersonatedWalletClient, localPublicClient, ZERO_FEES } from "./deploy";

const require = createRequire(import.meta.url);
type Artifact = { abi: Abi; bytecode: Hex };
const factoryArtifact = require("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json") as Artifact;
const poolArtifact = require("@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json") as Artifact;

export type DeployMarketParams = {
  rpcUrl: string;
  chainId: number;
  pool: PoolDeployment;
  reserveFeed: ReserveFeedDeployment | null;
};

export async function deployMarket(p: DeployMarketParams): Promise<{ deployBlock: bigint }> {
  const client = localPublicClient(p.rpcUrl, p.chainId);
  const d = p.pool;
  const send = async (from: Address, to: Address, data: Hex) => {
    const wallet = impersonatedWalletClient(p.rpcUrl, p.chainId, from);
    return confirm(client, await wallet.sendTransaction({ to, data, account: from, chain: wallet.chain, ...ZERO_FEES }));
  };
  const deploy = async (abi: Abi, bytecode: Hex, args: readonly unknown[], expected: Address) => {
    const wallet = impersonatedWalletClient(p.rpcUrl, p.chainId, MARKET_DEPLOYER);
    const receipt = await confirm(client, await wallet.deployContract({ abi, bytecode, args, ...ZERO_FEES }));
    if (receipt.contractAddress?.toLowerCase() !== expected) {
      throw new Error(`market contract deployed at ${receipt.contractAddress}, the plan expects ${expected}`);
    }
    return receipt.blockNumber;
  };
  if ((await client.getTransactionCount({ address: MARKET_DEPLOYER })) !== 0) {
    throw new Error("the market deployer has sent transactions already: market addresses would differ from the plan");
  }
  const deployBlock = await deploy(factoryArtifact.abi, factoryArtifact.bytecode, [], d.factory);
  await deploy(demoQuoteTokenAbi, demoQuoteTokenBytecode, [d.quoteDecimals], d.quoteToken);
  await deploy(demoPoolRouterAbi, demoPoolRouterBytecode, [], d.router);
  if (p.reserveFeed) {
    const f = p.reserveFeed;
    await deploy(demoReserveFeedAbi, demoReserveFeedBytecode, [f.reporter, f.decimals, f.description], f.feed);
  }
  const call = (abi: Abi, functionName: string, args: readonly unknown[]) => encodeFunctionData({ abi, functionName, args });
  const factoryAbi = factoryArtifact.abi;
  await send(MARKET_DEPLOYER, d.factory, call(factoryAbi, "enableFeeAmount", [d.fee, 1]));
  await send(MARKET_DEPLOYER, d.factory, call(factoryAbi, "createPool", [DEMO_USD1, d.quoteToken, d.fee]));
  const created = await client.readContract({ address: d.factory, abi: factoryAbi, functionName: "getPool", args: [d.token0, d.token1, d.fee] });
  if (String(created).toLowerCase() !== d.pool) throw new Error(`pool created at ${String(created)}, the plan expects ${d.pool}`);
  await send(MARKET_DEPLOYER, d.pool, call(poolArtifact.abi, "initialize", [sqrtRatioAtTick(d.initTick)]));
  for (const holder of [d.lp, d.trader]) {
    await send(MARKET_DEPLOYER, d.quoteToken, call(demoQuoteTokenAbi, "mint", [holder, d.quoteFunding]));
    await send(holder, d.quoteToken, call(demoQuoteTokenAbi, "approve", [d.router, maxUint256]));
  }
  // The trader pays USD1 through the router's callback (transferFrom): one approval, no transfer.
  await send(d.trader, DEMO_USD1, call(usd1Abi, "approve", [d.router, maxUint256]));
  // Quote token only: the position lies wholly on the far side of the price, so no USD1 moves.
  await send(d.lp, d.router, call(demoPoolRouterAbi, "mint", [d.pool, d.tickLower, d.tickUpper, d.liquidity]));
  return { deployBlock };
}
