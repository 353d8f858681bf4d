/**
 * Measures plan + execution speed on a fresh anvil node and checks the result against the ground truth.
 *
 *   npx tsx lib/demo/simulator/bench.ts --days 120 --scale 1 [--block-seconds 600] [--anvil-args="--hardfork cancun --prune-history"]
 */
import { parseArgs } from "node:util";
import { encodeFunctionData } from "viem";
import { z } from "zod";
import { startDemoChain } from "@/lib/demo/chain/demo-chain";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import { DEFAULT_BLOCK_SECONDS } from "./blocks";
import { executePlan } from "./execute";
import { computeGroundTruth } from "./ground-truth";
import { planActivity } from "./plan";
import { buildRegistry } from "./registry";
import { createRpc, fromQuantity } from "./rpc";

const flagsSchema = z.object({
  days: z.coerce.number().int().min(3).default(120),
  scale: z.coerce.number().positive().default(1),
  seed: z.string().min(1).default("demo"),
  blockSeconds: z.coerce.number().int().positive().default(DEFAULT_BLOCK_SECONDS),
  anvilArgs: z.string().default(""),
});

async function main() {
  const { values } = parseArgs({
    options: {
      days: { type: "string" },
      scale: { type: "string" },
      seed: { type: "string" },
      "block-seconds": { type: "string" },
      "anvil-args": { type: "string" },
    },
  });
  const flags = flagsSchema.parse({
    ...values,
    blockSeconds: values["block-seconds"],
    anvilArgs: values["anvil-args"],
  });
  const chainId = 31337;
  const registry = buildRegistry(flags.seed, { chainIds: [chainId] });
  let t = Date.now();
  const plan = planActivity({ seed: flags.seed, days: flags.days, scale: flags.scale, registry });
  console.log(`plan: ${plan.actions.length} actions over ${plan.days} days in ${Date.now() - t} ms`);

  const { node, token, governor } = await startDemoChain({
    chainId,
    plan,
    anvilArgs: flags.anvilArgs.split(" ").filter(Boolean),
  });
  const rpc = createRpc(node.rpcUrl);
  try {
    t = Date.now();
    const result = await executePlan({
      rpcUrl: node.rpcUrl,
      token,
      governor,
      owner: registry.treasury,
      plan,
      blockSeconds: flags.blockSeconds,
      onProgress: (p) =>
        process.stdout.write(`\rday ${p.daysDone}/${plan.days} · ${p.txsSent} txs · ${p.txPerSec} tx/s`),
    });
    const seconds = (Date.now() - t) / 1000;
    console.log(
      `\nexecuted ${result.txsSent} txs in ${result.blocksMined} blocks: ${seconds.toFixed(1)} s, ${result.txPerSec} tx/s`,
    );
    const data = encodeFunctionData({ abi: usd1Abi, functionName: "totalSupply" });
    const supply = fromQuantity(await rpc.call("eth_call", [{ to: token, data }, "latest"]));
    const expected = computeGroundTruth(plan).totalSupply;
    console.log(`totalSupply ${supply} ${supply === expected ? "==" : "!="} ground truth ${expected}`);
    if (supply !== expected) process.exitCode = 1;
  } finally {
    rpc.close();
    await node.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
