import { openDb } from "@/db/client";
import { seedRegistry } from "@/db/queries/registry";
import { createIndexer } from "@/lib/indexer/indexer";
import type { Logger } from "@/lib/logger";
import { indexerConfigSchema } from "@/lib/validators/indexer";
import type { DemoArgs } from "@/lib/validators/demo";
import { startAnvil, type AnvilNode } from "./chain/anvil";
import { deployUsd1 } from "./chain/deploy";
import { DEMO_CHAINS, DEMO_CONFIRMATIONS, DEMO_DEPLOYER } from "./chains";
import { startEmbeddedPostgres } from "./database";
import {
  buildRegistry,
  computeGroundTruth,
  executePlan,
  planActivity,
  planDays,
  startLiveTraffic,
  type LiveTraffic,
} from "./simulator";
import { buildWeb, hasBuild, startWeb, type WebServer } from "./web";

const DAY = 86_400;

/**
 * The whole product on one machine with nothing installed: PGlite (served over the Postgres wire
 * protocol), a local anvil chain with the USD1 test token, the indexer following it, the seeded
 * simulator writing months of history day by day (so the dashboard fills in while you watch),
 * then a trickle of live traffic; and `next start` on top.
 */
export async function runDemo(args: DemoArgs, log: Logger, signal: AbortSignal): Promise<void> {
  const stack: (() => Promise<void>)[] = [];
  const chain = DEMO_CHAINS[0];
  try {
    const build = args.build || !hasBuild() ? buildWeb(log) : Promise.resolve();
    build.catch(() => undefined); // awaited below; don't crash on an unhandled rejection meanwhile

    const registry = buildRegistry(args.seed, { chainIds: DEMO_CHAINS.map((c) => c.chainId) });
    const plan = planActivity({
      seed: args.seed,
      days: args.days,
      scale: args.scale,
      endDate: args.endDate,
      registry,
    });
    const truth = computeGroundTruth(plan);
    log.info(
      { actions: plan.actions.length, days: plan.days, expectedSupplyWei: truth.totalSupply.toString() },
      "plan ready",
    );

    const pg = await startEmbeddedPostgres({ dataDir: args.dataDir, fresh: true });
    stack.push(pg.stop);
    await seedRegistry(pg.direct.db, { entities: registry.entities, addresses: registry.addresses });
    const databaseUrl = await pg.serve(args.dbPort);
    log.info({ databaseUrl }, "embedded Postgres (PGlite) is serving");

    const node = await startAnvil({ chainId: chain.chainId, timestamp: plan.startTs - DAY });
    stack.push(node.stop);
    const deployment = await deployUsd1({
      rpcUrl: node.rpcUrl,
      chainId: chain.chainId,
      deployer: DEMO_DEPLOYER,
      owner: registry.treasury,
    });
    log.info(
      { rpcUrl: node.rpcUrl, token: deployment.token, chainId: chain.chainId },
      "USD1 test token deployed",
    );

    const indexing = await startIndexer({
      node,
      token: deployment.token,
      fromBlock: deployment.deployBlock,
      databaseUrl,
      log,
      signal,
    });
    stack.push(indexing.stop);

    let web: WebServer | undefined;
    const webUp = build.then(async () => {
      web = await startWeb({ port: args.port, databaseUrl, log });
      stack.push(web.stop);
      log.info({ url: web.url }, `dashboard ready: http://localhost:${args.port}`);
    });
    webUp.catch((err: unknown) => log.error({ err: String(err) }, "dashboard failed to start"));

    for (const day of planDays(plan)) {
      signal.throwIfAborted();
      const res = await executePlan({
        rpcUrl: node.rpcUrl,
        token: deployment.token,
        owner: plan.owner,
        plan,
        range: day,
        signal,
      });
      if (day.day % 10 === 0 || day.day === plan.days - 1) {
        log.info({ day: day.date, daysDone: day.day + 1, of: plan.days, txPerSec: res.txPerSec }, "history");
      }
    }
    log.info({ transfers: truth.transfers, supplyWei: truth.totalSupply.toString() }, "history complete");
    await webUp;

    let live: LiveTraffic | undefined;
    if (args.live) {
      live = await startLiveTraffic({
        rpcUrl: node.rpcUrl,
        token: deployment.token,
        owner: plan.owner,
        registry,
        seed: args.seed,
        intervalMs: 4_000,
        onError: (err) => log.warn({ err: String(err) }, "live traffic"),
      });
      stack.push(() => live?.stop() ?? Promise.resolve());
      log.info("live traffic running; Ctrl+C to stop");
    }
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  } finally {
    for (const stop of stack.reverse())
      await stop().catch((err: unknown) => log.warn({ err: String(err) }, "shutdown step failed"));
  }
}

async function startIndexer(p: {
  node: AnvilNode;
  token: `0x${string}`;
  fromBlock: bigint;
  databaseUrl: string;
  log: Logger;
  signal: AbortSignal;
}) {
  const chain = DEMO_CHAINS[0];
  const controller = new AbortController();
  p.signal.addEventListener("abort", () => controller.abort(), { once: true });
  const handle = await openDb({ url: p.databaseUrl, poolSize: 4, applicationName: "usd1-demo-indexer" });
  const config = indexerConfigSchema.parse({
    rpcUrls: [p.node.rpcUrl],
    chainId: chain.chainId,
    name: chain.name,
    address: p.token,
    fromBlock: p.fromBlock.toString(),
    follow: true,
    confirmations: DEMO_CONFIRMATIONS,
    pollIntervalMs: 1_000,
    reconcileEveryMs: 15_000,
  });
  const indexer = createIndexer({
    config,
    log: p.log.child({ chainId: chain.chainId }),
    signal: controller.signal,
  });
  await indexer.preflight();
  const running = indexer.run(handle).catch((err: unknown) => {
    p.log.error({ err: String(err) }, "indexer stopped with an error");
  });
  return {
    stop: async () => {
      controller.abort();
      await running;
      await handle.close();
    },
  };
}
