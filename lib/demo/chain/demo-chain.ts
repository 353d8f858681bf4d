// One simulated chain of the demo network, ready for its plan: anvil started a day before the
// plan's first action, the USD1 test token deployed by the demo deployer, and the chain's bridge
// pool enabled. The demo, its two-chain test and the monitoring seed all start chains this way.
import type { Address } from "viem";
import type { Plan } from "../simulator";
import { DEMO_DEPLOYER } from "../chains";
import { startAnvil, type AnvilNode } from "./anvil";
import { enableBridgePool } from "./bridge";
import { deployUsd1 } from "./deploy";

const DAY = 86_400;

export type StartDemoChainParams = { chainId: number; plan: Plan; pool: Address };

export type DemoChain = { chainId: number; node: AnvilNode; token: Address; deployBlock: bigint };

export async function startDemoChain(p: StartDemoChainParams): Promise<DemoChain> {
  const node = await startAnvil({ chainId: p.chainId, timestamp: p.plan.startTs - DAY });
  try {
    const d = await deployUsd1({
      rpcUrl: node.rpcUrl,
      chainId: p.chainId,
      deployer: DEMO_DEPLOYER,
      owner: p.plan.owner,
    });
    await enableBridgePool({
      rpcUrl: node.rpcUrl,
      chainId: p.chainId,
      token: d.token,
      owner: p.plan.owner,
      pool: p.pool,
    });
    return { chainId: p.chainId, node, token: d.token, deployBlock: d.deployBlock };
  } catch (err) {
    await node.stop();
    throw err;
  }
}
