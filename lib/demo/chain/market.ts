// Deploys a chain's demo market (issue #17) as the plan expects it: the real Uniswap v3 factory
// from @uniswap/v3-core's compiled artifacts (its pool bytecode inside), the 0.01% fee tier
// enabled, the USD1/USDT pool created and initialised, the LP's quote-only position minted; the
// demo quote token, router and (on the feed chain) the reserve feed. Addresses are checked
// against the plan's, so a plan and its chain can never disagree silently.
import { createRequire } from "node:module";
import { encodeDeployData, encodeFunctionData, maxUint256, type Abi, type Address, type Hex } from "viem";
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
import { localPublicClient, sendAndConfirm } from "./deploy";

const require = createRequire(import.meta.url);
type Artifact = { abi: Abi; bytecode: Hex };
const factoryArtifact =
  require("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json") as Artifact;
const poolArtifact =
  require("@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json") as Artifact;

export type DeployMarketParams = {
  rpcUrl: string;
  chainId: number;
  pool: PoolDeployment;
  reserveFeed: ReserveFeedDeployment | null;
};

export async function deployMarket(p: DeployMarketParams): Promise<{ deployBlock: bigint }> {
  const client = localPublicClient(p.rpcUrl, p.chainId);
  const d = p.pool;
  const chain = `market on chain ${p.chainId}`;
  // Every transaction waits for its receipt (the next one depends on its state) with a gas limit
  // above anvil's exact estimate (gasWithHeadroom: the LP mint costs more in a new second), and a
  // revert names the transaction and its reason.
  const send = (what: string, from: Address, to: Address, data: Hex, errors?: Abi) =>
    sendAndConfirm(client, {
      rpcUrl: p.rpcUrl,
      chainId: p.chainId,
      from,
      to,
      data,
      what: `${chain}: ${what}`,
      errors,
    });
  const deploy = async (
    what: string,
    abi: Abi,
    bytecode: Hex,
    args: readonly unknown[],
    expected: Address,
  ) => {
    const data = encodeDeployData({ abi, bytecode, args });
    const receipt = await sendAndConfirm(client, {
      rpcUrl: p.rpcUrl,
      chainId: p.chainId,
      from: MARKET_DEPLOYER,
      data,
      what: `${chain}: deploy ${what}`,
      errors: abi,
    });
    if (receipt.contractAddress?.toLowerCase() !== expected) {
      throw new Error(
        `${chain}: ${what} deployed at ${receipt.contractAddress}, the plan expects ${expected}`,
      );
    }
    return receipt.blockNumber;
  };
  if ((await client.getTransactionCount({ address: MARKET_DEPLOYER })) !== 0) {
    throw new Error(
      "the market deployer has sent transactions already: market addresses would differ from the plan",
    );
  }
  const factoryAbi = factoryArtifact.abi;
  const poolAbi = poolArtifact.abi;
  const deployBlock = await deploy("UniswapV3Factory", factoryAbi, factoryArtifact.bytecode, [], d.factory);
  await deploy("DemoQuoteToken", demoQuoteTokenAbi, demoQuoteTokenBytecode, [d.quoteDecimals], d.quoteToken);
  await deploy("DemoPoolRouter", demoPoolRouterAbi, demoPoolRouterBytecode, [], d.router);
  if (p.reserveFeed) {
    const f = p.reserveFeed;
    await deploy(
      "DemoReserveFeed",
      demoReserveFeedAbi,
      demoReserveFeedBytecode,
      [f.reporter, f.decimals, f.description],
      f.feed,
    );
  }
  const call = (abi: Abi, functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi, functionName, args });
  await send(
    `factory.enableFeeAmount(${d.fee}, 1)`,
    MARKET_DEPLOYER,
    d.factory,
    call(factoryAbi, "enableFeeAmount", [d.fee, 1]),
  );
  await send(
    "factory.createPool(USD1, USDT)",
    MARKET_DEPLOYER,
    d.factory,
    call(factoryAbi, "createPool", [DEMO_USD1, d.quoteToken, d.fee]),
  );
  const created = await client.readContract({
    address: d.factory,
    abi: factoryAbi,
    functionName: "getPool",
    args: [d.token0, d.token1, d.fee],
  });
  if (String(created).toLowerCase() !== d.pool)
    throw new Error(`${chain}: pool created at ${String(created)}, the plan expects ${d.pool}`);
  await send(
    `pool.initialize (tick ${d.initTick})`,
    MARKET_DEPLOYER,
    d.pool,
    call(poolAbi, "initialize", [sqrtRatioAtTick(d.initTick)]),
    poolAbi,
  );
  for (const holder of [d.lp, d.trader]) {
    await send(
      `USDT.mint to ${holder}`,
      MARKET_DEPLOYER,
      d.quoteToken,
      call(demoQuoteTokenAbi, "mint", [holder, d.quoteFunding]),
    );
    await send(
      `USDT.approve(router) by ${holder}`,
      holder,
      d.quoteToken,
      call(demoQuoteTokenAbi, "approve", [d.router, maxUint256]),
    );
  }
  // The trader pays USD1 through the router's callback (transferFrom): one approval, no transfer.
  await send(
    `USD1.approve(router) by trader ${d.trader}`,
    d.trader,
    DEMO_USD1,
    call(usd1Abi, "approve", [d.router, maxUint256]),
    usd1Abi,
  );
  // Quote token only: the position runs from the opening price towards a cheaper USD1, so no USD1
  // moves. Its gas depends on the block's second (the pool writes an oracle observation in a new one).
  await send(
    `LP position mint via router (ticks ${d.tickLower}..${d.tickUpper}, liquidity ${d.liquidity})`,
    d.lp,
    d.router,
    call(demoPoolRouterAbi, "mint", [d.pool, d.tickLower, d.tickUpper, d.liquidity]),
    [...demoPoolRouterAbi, ...poolAbi],
  );
  return { deployBlock };
}
