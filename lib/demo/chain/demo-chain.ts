// One simulated chain of the demo network, ready for its plan: anvil started a day before the
// plan's first action, USD1 deployed as on mainnet (V1 behind a proxy, owned by a TokenGovernor,
// upgraded to V2), the roles granted and the approvals the governor's burns need. The demo, its
// two-chain test and the monitoring seed all start chains this way.
import { encodeFunctionData, maxUint256, type Address } from "viem";
import { usd1Abi } from "@/lib/demo/contracts/usd1-abi";
import type { Plan } from "../simulator";
import { DEMO_DEPLOYER } from "../chains";
import { startAnvil, type AnvilNode } from "./anvil";
import { confirm, impersonatedWalletClient, localPublicClient, ZERO_FEES } from "./deploy";
import { deployUsd1WithGovernor } from "./deploy-governed";
import { deployMarket } from "./market";

const DAY = 86_400;

/** `pool`: the chain's bridge pool (networks of two or more chains); none on a single-chain demo. */
export type StartDemoChainParams = { chainId: number; plan: Plan; pool?: Address; anvilArgs?: string[] };

export type DemoChain = {
  chainId: number;
  node: AnvilNode;
  token: Address;
  governor: Address;
  deployBlock: bigint;
  /** First block of the market contracts (issue #17), when the plan has a market. */
  marketBlock: bigint | null;
};

export async function startDemoChain(p: StartDemoChainParams): Promise<DemoChain> {
  const node = await startAnvil({
    chainId: p.chainId,
    timestamp: p.plan.startTs - DAY,
    extraArgs: p.anvilArgs,
  });
  try {
    const { plan } = p;
    const d = await deployUsd1WithGovernor({
      rpcUrl: node.rpcUrl,
      chainId: p.chainId,
      deployer: DEMO_DEPLOYER,
      admin: plan.admin,
      roles: {
        MINTER_ROLE: [plan.owner],
        BURNER_ROLE: [plan.owner],
        BRIDGE_MINTER_OR_BURNER_ROLE: p.pool ? [p.pool] : [],
        FREEZER_ROLE: [plan.admin],
        UNFREEZER_ROLE: [plan.admin],
        PAUSER_ROLE: [plan.admin],
        UNPAUSER_ROLE: [plan.admin],
      },
    });
    if (d.governor.toLowerCase() !== plan.governor.toLowerCase()) {
      throw new Error(`governor deployed at ${d.governor}, the plan expects ${plan.governor}`);
    }
    // The governor burns by transferFrom: the treasury (redemptions) and the pool (bridge burns)
    // approve it once, as holders do on mainnet before a redemption.
    for (const holder of p.pool ? [plan.owner, p.pool] : [plan.owner]) {
      const wallet = impersonatedWalletClient(node.rpcUrl, p.chainId, holder);
      const data = encodeFunctionData({
        abi: usd1Abi,
        functionName: "approve",
        args: [d.governor, maxUint256],
      });
      const hash = await wallet.sendTransaction({
        to: d.token,
        data,
        account: holder,
        chain: wallet.chain,
        ...ZERO_FEES,
      });
      await confirm(
        localPublicClient(node.rpcUrl, p.chainId),
        hash,
        `USD1.approve(governor) by ${holder}`,
        usd1Abi,
      );
    }
    const market = plan.market
      ? await deployMarket({ rpcUrl: node.rpcUrl, chainId: p.chainId, ...plan.market })
      : null;
    return {
      chainId: p.chainId,
      node,
      token: d.token,
      governor: d.governor,
      deployBlock: d.deployBlock,
      marketBlock: market?.deployBlock ?? null,
    };
  } catch (err) {
    await node.stop();
    throw err;
  }
}
