// The demo seed end to end below the UI: both simulated chains on anvil, the USD1 test token and
// its bridge pools, the plan executed day by day, and one indexer per chain with its monitoring
// hook (incremental evaluation as batches land). The sanctions and mixer lists are imported
// like any list (CSV rows), before indexing.
import type { Address } from "viem";
import type { DbHandle } from "@/db/client";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { seedRegistry } from "@/db/queries/registry";
import type { AnvilNode } from "@/lib/demo/chain/anvil";
import { startDemoChain } from "@/lib/demo/chain/demo-chain";
import { demoNetworkPlan } from "@/lib/demo/network-plan";
import { executePlan, planDays, type Registry } from "@/lib/demo/simulator";
import type { NetworkPlan } from "@/lib/demo/simulator/network";
import { createIndexer } from "@/lib/indexer/indexer";
import { createMarketFollower } from "@/lib/indexer/market/follower";
import { RpcPool } from "@/lib/indexer/rpc";
import { evaluateMarketRules } from "@/lib/monitoring/market/evaluate";
import { createMarketMonitorRunner } from "@/lib/monitoring/market/runner";
import { seedMarketSources } from "@/lib/demo/market/seed";
import type { Logger } from "@/lib/logger";
import { indexerConfigSchema } from "@/lib/validators/indexer";
import type { WatchlistRow } from "@/lib/validators/monitoring";

export type DemoSeedParams = { seed: string; days: number; scale: number; endDate: string };

/** The demo's imported lists: its sanctioned address and its mixer deposit address, on every chain. */
export function demoWatchlist(registry: Registry): WatchlistRow[] {
  return registry.chainIds.flatMap((chainId) => [
    { chainId, address: registry.sanctioned, listName: "OFAC SDN (demo)", reference: "DEMO-SDN-0001" },
    {
      chainId,
      address: registry.highRisk,
      listName: "Mixer deposit addresses (demo)",
      reference: "DEMO-MIX-0001",
    },
  ]);
}

export type IndexedSeed = { network: NetworkPlan; stop: () => Promise<void> };

export async function indexDemoSeed(handle: DbHandle, p: DemoSeedParams, log: Logger): Promise<IndexedSeed> {
  const network = demoNetworkPlan(p);
  await seedRegistry(handle.db, {
    entities: network.registry.entities,
    addresses: network.registry.addresses,
  });
  await importWatchlistRows(handle.db, {
    rows: demoWatchlist(network.registry),
    actor: null,
    source: "demo",
  });
  const nodes: AnvilNode[] = [];
  const stop = async () => {
    for (const n of nodes) await n.stop();
  };
  try {
    for (const { chainId, name, plan } of network.plans) {
      const d = await startDemoChain({ chainId, plan, pool: network.pools[chainId] as Address });
      const node = d.node;
      nodes.push(node);
      for (const day of planDays(plan)) {
        await executePlan({
          rpcUrl: node.rpcUrl,
          token: d.token,
          governor: d.governor,
          owner: plan.owner,
          plan,
          range: day,
        });
      }
      // Reserve feed and pool (issue #17) first: their rows are there when the token's monitor runs.
      if (network.market && d.marketBlock !== null) {
        await seedMarketSources(handle.db, network.market, new Map([[chainId, d.marketBlock]]));
        const pool = new RpcPool({ urls: [node.rpcUrl], logger: log });
        const monitor = createMarketMonitorRunner({ log });
        const follower = createMarketFollower({ pool, chainId, log: log.child({ chainId, market: true }), onChange: monitor.kick }); // prettier-ignore
        await follower.step(handle.db);
        await monitor.drain();
      }
      const config = indexerConfigSchema.parse({
        rpcUrls: [node.rpcUrl],
        chainId,
        name,
        address: d.token,
        fromBlock: d.deployBlock.toString(),
        follow: false,
        confirmations: 0,
        targetLogs: 2_000,
      });
      const indexer = createIndexer({
        config,
        log: log.child({ chainId }),
        signal: new AbortController().signal,
      });
      await indexer.preflight();
      await indexer.run(handle);
    }
    // R13's ratio compares a report with the native supply of every chain, known only once every
    // token is indexed: each follower step above ran before its own chain's token was (the first
    // saw no supply at all). A live monitor re-derives at the next report or `monitor --once`;
    // here nothing follows, so the market rules run once more over everything.
    if (network.market) await evaluateMarketRules(handle.db);
  } catch (err) {
    await stop();
    throw err;
  }
  return { network, stop };
}
