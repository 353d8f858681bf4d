import type { Address } from "viem";
import { openDb } from "@/db/client";
import { importWatchlistRows } from "@/db/queries/watchlists";
import { seedRegistry } from "@/db/queries/registry";
import { seedDemoUsers } from "@/lib/auth/demo-users";
import { createIndexer } from "@/lib/indexer/indexer";
import { runMarketFollower } from "@/lib/indexer/market/run";
import { demoWatchlist } from "@/lib/monitoring/demo/index-seed";
import type { Logger } from "@/lib/logger";
import { indexerConfigSchema } from "@/lib/validators/indexer";
import type { DemoArgs } from "@/lib/validators/demo";
import type { AnvilNode } from "./chain/anvil";
import { startDemoChain } from "./chain/demo-chain";
import { DEMO_CONFIRMATIONS } from "./chains";
import { startEmbeddedPostgres } from "./database";
import { seedMarketSources } from "./market/seed";
import type { MarketTruth } from "./market/types";
import { demoNetworkPlan } from "./network-plan";
import { computeGroundTruth, executePlan, planDays, startLiveTraffic, type Plan } from "./simulator";
import { buildWeb, hasBuild, startWeb } from "./web";

type LiveChain = {
  chainId: number;
  name: string;
  plan: Plan;
  node: AnvilNode;
  token: Address;
  governor: Address;
  /** First block of the market contracts (issue #17). */
  marketBlock: bigint | null;
};

/**
 * The whole product on one machine with nothing installed: PGlite (served over the Postgres wire
 * protocol), two local anvil chains with the USD1 test token at the same address and a bridge
 * between them, one indexer per chain following it, the seeded simulator writing months of
 * history day by day (so the dashboard fills in while you watch), then a trickle of live traffic;
 * and `next start` on top.
 */
export async function runDemo(args: DemoArgs, log: Logger, signal: AbortSignal): Promise<void> {
  const stack: (() => Promise<void>)[] = [];
  try {
    const build = args.build || !hasBuild() ? buildWeb(log) : Promise.resolve();
    build.catch(() => undefined); // awaited below; no unhandled rejection meanwhile

    const network = demoNetworkPlan(args);
    for (const { name, plan } of network.plans) {
      const truth = computeGroundTruth(plan);
      log.info(
        { chain: name, actions: plan.actions.length, expectedSupplyWei: truth.totalSupply.toString() },
        "plan ready",
      );
    }
    log.info({ bridgeMoves: network.moves.length }, "cross-chain moves planned");

    const pg = await startEmbeddedPostgres({ dataDir: args.dataDir, fresh: true });
    stack.push(pg.stop);
    await seedRegistry(pg.direct.db, {
      entities: network.registry.entities,
      addresses: network.registry.addresses,
    });
    // The demo's sanctions and mixer lists are imported like any list (rule R1 reads them).
    await importWatchlistRows(pg.direct.db, {
      rows: demoWatchlist(network.registry),
      actor: null,
      source: "demo seed",
    });
    const demoUsers = await seedDemoUsers(pg.direct.db);
    log.info(
      { accounts: demoUsers.map((u) => `${u.email} / ${u.password} (${u.role})`) },
      "demo sign-in accounts (demo only: fixed, public passwords)",
    );
    const databaseUrl = await pg.serve(args.dbPort);
    log.info({ databaseUrl }, "embedded Postgres (PGlite) is serving");

    const chains: LiveChain[] = [];
    for (const { chainId, name, plan } of network.plans) {
      const c = await startChain({ chainId, name, plan, pool: network.pools[chainId] as Address, log });
      stack.push(c.node.stop);
      chains.push(c);
      const indexer = await startIndexer({
        chain: c,
        databaseUrl,
        log,
        signal,
        fromBlock: c.deployBlock,
        market: network.market,
      });
      stack.push(indexer.stop);
    }

    const webUp = build.then(async () => {
      const web = await startWeb({ port: args.port, databaseUrl, log });
      stack.push(web.stop);
      log.info({ url: web.url }, `dashboard ready: http://localhost:${args.port}`);
    });
    webUp.catch((err: unknown) => log.error({ err: String(err) }, "dashboard failed to start"));

    await replayHistory(chains, log, signal);
    await webUp;

    if (args.live) {
      for (const c of chains) {
        const live = await startLiveTraffic({
          rpcUrl: c.node.rpcUrl,
          token: c.token,
          governor: c.governor,
          owner: c.plan.owner,
          registry: network.registry,
          seed: `${args.seed}:${c.chainId}`,
          intervalMs: 4_000,
          onError: (err) => log.warn({ chain: c.name, err: String(err) }, "live traffic"),
        });
        stack.push(() => live.stop());
      }
      log.info("live traffic running; Ctrl+C to stop");
    }
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  } finally {
    for (const stop of stack.reverse()) {
      await stop().catch((err: unknown) => log.warn({ err: String(err) }, "shutdown step failed"));
    }
    log.info("demo stopped");
  }
}

async function startChain(p: { chainId: number; name: string; plan: Plan; pool: Address; log: Logger }) {
  const c = await startDemoChain(p);
  p.log.info({ chain: p.name, rpcUrl: c.node.rpcUrl, token: c.token }, "USD1 test token deployed");
  return { ...c, name: p.name, plan: p.plan };
}

/** Day by day on every chain, so every chain's history fills in together while the user watches. */
async function replayHistory(chains: LiveChain[], log: Logger, signal: AbortSignal): Promise<void> {
  const days = chains.map((c) => planDays(c.plan));
  const total = Math.max(...days.map((d) => d.length));
  for (let i = 0; i < total; i++) {
    for (const [k, c] of chains.entries()) {
      signal.throwIfAborted();
      const day = days[k]?.[i];
      if (day)
        await executePlan({
          rpcUrl: c.node.rpcUrl,
          token: c.token,
          governor: c.governor,
          owner: c.plan.owner,
          plan: c.plan,
          range: day,
          signal,
        });
    }
    if (i % 10 === 0 || i === total - 1) log.info({ daysDone: i + 1, of: total }, "history");
  }
  log.info("history complete");
}

async function startIndexer(p: {
  chain: LiveChain;
  databaseUrl: string;
  fromBlock: bigint;
  log: Logger;
  signal: AbortSignal;
  market?: MarketTruth;
}) {
  const controller = new AbortController();
  p.signal.addEventListener("abort", () => controller.abort(), { once: true });
  const handle = await openDb({
    url: p.databaseUrl,
    poolSize: 3,
    applicationName: `usd1-demo-indexer-${p.chain.chainId}`,
  });
  const config = indexerConfigSchema.parse({
    rpcUrls: [p.chain.node.rpcUrl],
    chainId: p.chain.chainId,
    name: p.chain.name,
    address: p.chain.token,
    fromBlock: p.fromBlock.toString(),
    follow: true,
    confirmations: DEMO_CONFIRMATIONS,
    pollIntervalMs: 1_000,
    reconcileEveryMs: 15_000,
  });
  const log = p.log.child({ chainId: p.chain.chainId });
  const indexer = createIndexer({ config, log, signal: controller.signal });
  await indexer.preflight();
  const running = indexer
    .run(handle)
    .catch((err: unknown) => log.error({ err: String(err) }, "indexer stopped with an error"));
  // The reserve feed and the pool (issue #17): their own follower beside the token's indexer, as
  // `npm run indexer` runs it (R13/R14 kicked on new rows and on supply moves).
  let market: Promise<void> = Promise.resolve();
  if (p.market && p.chain.marketBlock !== null) {
    await seedMarketSources(handle.db, p.market, new Map([[p.chain.chainId, p.chain.marketBlock]]));
    market = runMarketFollower(handle.db, {
      rpcUrls: [p.chain.node.rpcUrl],
      chainId: p.chain.chainId,
      follow: true,
      pollIntervalMs: 1_000,
      log,
      signal: controller.signal,
    })
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err: String(err) }, "market follower stopped with an error"));
  }
  return {
    stop: async () => {
      controller.abort();
      await running;
      await market;
      await handle.close();
    },
  };
}
