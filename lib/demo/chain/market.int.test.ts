// deployMarket (issue #17) on anvil, and the flake it had: anvil's gas estimate is the exact minimum
// for the block it simulates, and the LP mint costs more in a new second (the Uniswap v3 pool writes
// an oracle observation then), so a mint estimated in its pool's initialize second and mined in the
// next one ran out of gas. Replayed here on a second pool with both seconds pinned.
import { encodeFunctionData, toHex, type Abi, type Address, type Hex } from "viem";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPoolRouterAbi } from "@/lib/demo/contracts/market/market-abi";
import { DEMO_DEPLOYER } from "../chains";
import { DEMO_USD1, MARKET_DEPLOYER, poolAddress } from "../market/addresses";
import { DEMO_MARKETS, poolDeployment, reserveFeedDeployment } from "../market/plan-market";
import { sqrtRatioAtTick } from "../market/tick-math";
import { startAnvil, type AnvilNode } from "./anvil";
import {
  confirm,
  deployUsd1,
  gasWithHeadroom,
  impersonatedWalletClient,
  localPublicClient,
  sendAndConfirm,
  ZERO_FEES,
} from "./deploy";
import { deployMarket } from "./market";

const require = createRequire(import.meta.url);
const factoryAbi = (
  require("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json") as { abi: Abi }
).abi;
const poolAbi = (
  require("@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json") as { abi: Abi }
).abi;

const CHAIN_ID = 31337;
const spec = DEMO_MARKETS.find((m) => m.chainId === CHAIN_ID)!;
const d = poolDeployment("market-deploy-it", spec);
/** A second tier the test enables (tick spacing 1, like the demo's): a fresh pool for the same position. */
const PROBE_FEE = 200;
const probePool = poolAddress(d.factory, d.token0, d.token1, PROBE_FEE);

let node: AnvilNode;
let deployBlock: bigint;
const client = () => localPublicClient(node.rpcUrl, CHAIN_ID);
const rpc = <T>(method: string, params: unknown[]) =>
  client().request({ method: method as never, params: params as never }) as Promise<T>;
const send = (what: string, from: Address, to: Address, data: Hex) =>
  sendAndConfirm(client(), { rpcUrl: node.rpcUrl, chainId: CHAIN_ID, from, to, data, what });
const mintData = (pool: Address) =>
  encodeFunctionData({
    abi: demoPoolRouterAbi,
    functionName: "mint",
    args: [pool, d.tickLower, d.tickUpper, d.liquidity],
  });

beforeAll(async () => {
  node = await startAnvil({ chainId: CHAIN_ID, timestamp: 1_767_225_600 });
  // USD1 at its demo address (the demo deployer's nonce 1), as the pool expects it.
  const usd1 = await deployUsd1({
    rpcUrl: node.rpcUrl,
    chainId: CHAIN_ID,
    deployer: DEMO_DEPLOYER,
    owner: DEMO_DEPLOYER,
  });
  expect(usd1.token.toLowerCase()).toBe(DEMO_USD1);
  ({ deployBlock } = await deployMarket({
    rpcUrl: node.rpcUrl,
    chainId: CHAIN_ID,
    pool: d,
    reserveFeed: reserveFeedDeployment("market-deploy-it", CHAIN_ID),
  }));
}, 60_000);

afterAll(async () => {
  await node?.stop();
});

describe("deployMarket", () => {
  it("deploys the plan's contracts and mints the quote-only position", async () => {
    const c = client();
    expect(deployBlock).toBe(3n); // after USD1's implementation and proxy
    const [liquidity, tick] = await Promise.all([
      c.readContract({ address: d.pool, abi: poolAbi, functionName: "liquidity" }),
      c
        .readContract({ address: d.pool, abi: poolAbi, functionName: "slot0" })
        .then((s) => (s as unknown[])[1]),
    ]);
    expect([liquidity, tick]).toEqual([d.liquidity, d.initTick]);
  });

  it("an LP mint estimated in its pool's initialize second needs 4,468 more gas a second later; the deployment's limit covers it", async () => {
    const c = client();
    await send(`factory.enableFeeAmount(${PROBE_FEE}, 1)`, MARKET_DEPLOYER, d.factory, encodeFunctionData({ abi: factoryAbi, functionName: "enableFeeAmount", args: [PROBE_FEE, 1] })); // prettier-ignore
    await send("factory.createPool (probe tier)", MARKET_DEPLOYER, d.factory, encodeFunctionData({ abi: factoryAbi, functionName: "createPool", args: [DEMO_USD1, d.quoteToken, PROBE_FEE] })); // prettier-ignore
    const head = await c.getBlock();
    const initTs = head.timestamp + 10n;
    await rpc("evm_setNextBlockTimestamp", [toHex(initTs)]);
    await send("probe pool.initialize", MARKET_DEPLOYER, probePool, encodeFunctionData({ abi: poolAbi, functionName: "initialize", args: [sqrtRatioAtTick(d.initTick)] })); // prettier-ignore

    // anvil estimates for its next block: pin it to the initialize second, then to the one after.
    const estimateAt = async (ts: bigint) => {
      await rpc("evm_setNextBlockTimestamp", [toHex(ts)]);
      return c.estimateGas({ account: d.lp, to: d.router, data: mintData(probePool), ...ZERO_FEES });
    };
    const sameSecond = await estimateAt(initTs);
    const nextSecond = await estimateAt(initTs + 1n);
    expect([sameSecond, nextSecond, nextSecond - sameSecond]).toEqual([315_043n, 319_511n, 4_468n]);
    expect(gasWithHeadroom(sameSecond)).toBe(393_803n);

    // The flake: the exact same-second limit, mined a second later, runs out of gas in the pool.
    const snapshot = await rpc<Hex>("evm_snapshot", []);
    await rpc("evm_setNextBlockTimestamp", [toHex(initTs + 1n)]);
    const wallet = impersonatedWalletClient(node.rpcUrl, CHAIN_ID, d.lp);
    const hash = await wallet.sendTransaction({ to: d.router, data: mintData(probePool), account: d.lp, chain: wallet.chain, gas: sameSecond, ...ZERO_FEES }); // prettier-ignore
    const failure = await confirm(c, hash, "probe: LP mint at the exact estimate").then(
      () => "mined",
      (e: Error) => e.message,
    );
    const block = (await c.getTransactionReceipt({ hash })).blockNumber;
    expect(failure).toBe(
      `probe: LP mint at the exact estimate reverted: ${hash} in block ${block}, gas 310903 used of 315043: ` +
        `out of gas in CALL ${d.router} → ${probePool}`,
    );
    await rpc("evm_revert", [snapshot]);

    // The same mint sent as deployMarket sends it (gasWithHeadroom), mined a second later: succeeds.
    await rpc("evm_setNextBlockTimestamp", [toHex(initTs + 1n)]);
    const ok = await send("probe: LP mint with headroom", d.lp, d.router, mintData(probePool));
    expect([ok.status, ok.gasUsed]).toEqual(["success", 290_907n]);
  });

  it("a transaction that would revert is refused before sending, named, with its reason", async () => {
    const again = encodeFunctionData({
      abi: poolAbi,
      functionName: "initialize",
      args: [sqrtRatioAtTick(d.initTick)],
    });
    await expect(send("pool.initialize again", MARKET_DEPLOYER, d.pool, again)).rejects.toThrow(
      `pool.initialize again would revert (gas estimate from ${MARKET_DEPLOYER}): Execution reverted with reason: AI.`,
    );
  });
});
